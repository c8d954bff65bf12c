// Context cost: what a server's catalogue costs the model on every turn, in o200k tokens, for
// each way of starting ours and for the official @infisical/mcp 0.0.24, listed in one run.
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { measureColdStart } from '../support/measure-cold-start.mjs';
import {
  LIST_ONLY_ENVIRONMENT,
  OFFICIAL_STDIO_BIN,
  OUR_STDIO_BIN,
} from '../support/server-processes.mjs';

export const CONTEXT_CONTENDERS = [
  { id: 'default', label: 'ours, default', script: OUR_STDIO_BIN, env: {} },
  {
    id: 'all',
    label: 'ours, all toolsets',
    script: OUR_STDIO_BIN,
    env: { INFISICAL_TOOLSETS: 'all' },
  },
  {
    id: 'dynamic',
    label: 'ours, dynamic toolsets (at start)',
    script: OUR_STDIO_BIN,
    env: { INFISICAL_DYNAMIC_TOOLSETS: 'true' },
  },
  { id: 'official', label: 'official @infisical/mcp 0.0.24', script: OFFICIAL_STDIO_BIN, env: {} },
];

/**
 * A tool as hosts hand it to the model: its name, description and input schema (Anthropic's
 * `input_schema`, OpenAI's `parameters`). Titles, annotations and output schemas stay with the
 * client.
 */
export function modelVisibleTool(tool) {
  return { name: tool.name, description: tool.description ?? '', input_schema: tool.inputSchema };
}

/** Tokens of the model-visible catalogue: each tool serialized as compact JSON, summed. */
export function modelVisibleTokens(tools, count = countTokens) {
  return tools.reduce((sum, tool) => sum + count(JSON.stringify(modelVisibleTool(tool))), 0);
}

/**
 * The section's rows from each contender's listing (`tools`, the raw `tools/list` answer line,
 * `instructions`), plus a row for our tools that the official server also has, so the same ten
 * tools are compared.
 */
export function contextCostRows(listings, count = countTokens) {
  const rows = listings.map(({ id, label, error, tools, answer, instructions }) =>
    error
      ? { id, label, error }
      : {
          id,
          label,
          tools: tools.length,
          modelVisibleTokens: modelVisibleTokens(tools, count),
          answerTokens: count(answer),
          instructionsTokens: instructions ? count(instructions) : 0,
        },
  );
  const official = listings.find((listing) => listing.id === 'official' && !listing.error);
  // Whichever of ours serves the most tools holds the official ten, if any does.
  const ours = listings
    .filter((listing) => listing.id !== 'official' && !listing.error)
    .sort((a, b) => b.tools.length - a.tools.length)[0];
  if (official && ours) {
    const names = new Set(official.tools.map((tool) => tool.name));
    const same = ours.tools.filter((tool) => names.has(tool.name));
    const tokens = modelVisibleTokens(same, count);
    const officialTokens = rows.find((row) => row.id === 'official').modelVisibleTokens;
    rows.push({
      id: 'official-ten',
      label: `ours, the official server's ${names.size} tools`,
      tools: same.length,
      modelVisibleTokens: tokens,
      shareOfOfficial: Math.round((tokens / officialTokens) * 100) / 100,
    });
  }
  return rows;
}

export async function measureContextCost({ log = () => {} } = {}) {
  const listings = [];
  for (const contender of CONTEXT_CONTENDERS) {
    try {
      const { listing, instructions } = await measureColdStart({
        command: process.execPath,
        args: [contender.script],
        env: { ...LIST_ONLY_ENVIRONMENT, ...contender.env },
      });
      listings.push({
        id: contender.id,
        label: contender.label,
        tools: JSON.parse(listing).result.tools,
        answer: listing,
        instructions,
      });
    } catch (error) {
      listings.push({ id: contender.id, label: contender.label, error: error.message });
    }
  }
  log('  context cost: one tools/list per contender');
  return { tokenizer: 'o200k_base (gpt-tokenizer)', rows: contextCostRows(listings) };
}
