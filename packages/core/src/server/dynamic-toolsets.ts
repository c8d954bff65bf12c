import type {
  CallToolRequest,
  CallToolResult,
  ListToolsResult,
  Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { TOOLSET_DESCRIPTIONS } from '../tools/core-catalogue.js';
import type { InfisicalTool } from '../tools/infisical-tool.js';
import type { ServedCatalogue } from './served-catalogue.js';

/**
 * The reads a dynamic session starts with: enough to find a project, its environments and
 * folders and read secrets, for well under 1,000 tokens with the two toolset tools.
 */
export const DYNAMIC_START_TOOLS: ReadonlySet<string> = new Set([
  'list-projects',
  'list-environments',
  'list-folders',
  'list-secrets',
  'get-secret',
]);

const LIST_TOOLSETS = 'list-toolsets';
const ENABLE_TOOLSET = 'enable-toolset';

function result(structured: Record<string, unknown>, isError = false): CallToolResult {
  return {
    content: [{ type: 'text', text: JSON.stringify(structured) }],
    structuredContent: structured,
    ...(isError ? { isError } : {}),
  };
}

/** Where a session keeps the toolsets it enabled, when its server may be built again. */
export interface SessionToolsets {
  /** Enabled by earlier requests of the session. */
  enabled?: readonly string[];
  /** Keeps the session's enabled toolsets for its next server. */
  saveEnabled?: (toolsets: readonly string[]) => Promise<void>;
}

/**
 * One session's catalogue when toolsets are enabled on demand. The served catalogue (after the
 * server's and the client's filters) bounds it: enable-toolset adds only tools it holds, so no
 * filter or value policy is bypassed. Tools not yet enabled are absent from `toolsByName`, which
 * the tools/call handler reads, so calling one is refused like any tool the server does not serve.
 */
export class DynamicToolsets {
  readonly toolsByName = new Map<string, InfisicalTool>();
  private readonly enabled = new Set<string>();
  private readonly toolsets: string[];
  private readonly definitions: Tool[];
  private readonly saveEnabled?: (toolsets: readonly string[]) => Promise<void>;

  constructor(
    private readonly served: ServedCatalogue,
    private readonly notifyListChanged: () => Promise<void>,
    session: SessionToolsets = {},
  ) {
    for (const tool of served.tools) {
      if (DYNAMIC_START_TOOLS.has(tool.name)) this.toolsByName.set(tool.name, tool);
    }
    this.toolsets = [...new Set(served.tools.map((tool) => tool.toolset))];
    this.saveEnabled = session.saveEnabled;
    // A session served again (another request, another replica) starts where it left off;
    // a toolset the filters no longer allow stays off.
    for (const toolset of session.enabled ?? []) {
      if (!this.toolsets.includes(toolset)) continue;
      this.enabled.add(toolset);
      for (const tool of this.toolsOf(toolset)) this.toolsByName.set(tool.name, tool);
    }
    this.definitions = [
      {
        name: LIST_TOOLSETS,
        title: 'List toolsets',
        description: 'List the toolsets enable-toolset can add, with their tools.',
        inputSchema: { type: 'object', properties: {} },
        annotations: { readOnlyHint: true, openWorldHint: false },
      },
      {
        name: ENABLE_TOOLSET,
        title: 'Enable toolset',
        description: "Add a toolset's tools to this session.",
        inputSchema: {
          type: 'object',
          required: ['toolset'],
          properties: { toolset: { type: 'string', enum: this.toolsets } },
        },
        // Only the hints that differ from MCP's defaults, as for every other tool.
        annotations: { destructiveHint: false, idempotentHint: true, openWorldHint: false },
      },
    ];
  }

  handles(name: string): boolean {
    return name === LIST_TOOLSETS || name === ENABLE_TOOLSET;
  }

  readonly listTools = (): ListToolsResult => ({
    tools: [
      ...this.definitions,
      ...this.served.listTools().tools.filter((tool) => this.toolsByName.has(tool.name)),
    ],
  });

  async call(request: CallToolRequest): Promise<CallToolResult> {
    if (request.params.name === LIST_TOOLSETS) {
      return result({
        toolsets: this.toolsets.map((toolset) => ({
          name: toolset,
          description: TOOLSET_DESCRIPTIONS[toolset] ?? '',
          enabled: this.enabled.has(toolset),
          tools: this.toolsOf(toolset).map((tool) => tool.name),
        })),
      });
    }
    const toolset = request.params.arguments?.toolset;
    if (typeof toolset !== 'string' || !this.toolsets.includes(toolset)) {
      return result(
        {
          error: `Invalid arguments: toolset must be one of ${this.toolsets.join(', ')}.`,
        },
        true,
      );
    }
    const added = this.toolsOf(toolset).filter((tool) => !this.toolsByName.has(tool.name));
    if (!this.enabled.has(toolset)) {
      // Saved before the answer: the session's next request, wherever it lands, has it.
      await this.saveEnabled?.([...this.enabled, toolset]);
    }
    this.enabled.add(toolset);
    for (const tool of added) this.toolsByName.set(tool.name, tool);
    // Only a change is announced: enabling a toolset twice is a no-op.
    if (added.length > 0) await this.notifyListChanged();
    return result({ toolset, added: added.map((tool) => tool.name) });
  }

  private toolsOf(toolset: string): InfisicalTool[] {
    return this.served.tools.filter((tool) => tool.toolset === toolset);
  }
}
