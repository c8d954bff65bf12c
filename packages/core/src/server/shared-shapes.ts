type JsonSchema = Record<string, unknown>;

/** Below this many characters of JSON a `$ref` and its `$defs` entry cost about as much. */
const WORTH_SHARING = 120;

/**
 * The same object shape listed twice in one schema (a secret, and a secret inside each of its
 * imports) is written once under `$defs` and referenced where it occurs, as JSON Schema allows
 * and clients' validators (Ajv in the MCP SDK) resolve. The largest repeat goes first, so a
 * shape inside a shared one is shared only if it also occurs elsewhere.
 */
export function withRepeatedShapesShared(schema: JsonSchema): JsonSchema {
  let shared = schema;
  for (;;) {
    const repeat = largestRepeat(shared);
    if (!repeat) return shared;
    const defs = { ...((shared.$defs ?? {}) as Record<string, JsonSchema>) };
    const name = freeName(repeat.name, defs);
    const reference = { $ref: `#/$defs/${name}` };
    const replaced = replaceShape(shared, repeat.json, reference) as JsonSchema;
    const replacedDefs = replaceShape(defs, repeat.json, reference) as Record<string, JsonSchema>;
    shared = { ...replaced, $defs: { ...replacedDefs, [name]: JSON.parse(repeat.json) } };
  }
}

interface Occurrence {
  json: string;
  name: string;
  count: number;
}

function largestRepeat(schema: JsonSchema): Occurrence | undefined {
  const seen = new Map<string, Occurrence>();
  const visit = (node: unknown, name: string, isRoot: boolean) => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, name, false);
      return;
    }
    const record = node as JsonSchema;
    if (!isRoot && record.properties) {
      const json = JSON.stringify(record);
      const occurrence = seen.get(json) ?? { json, name, count: 0 };
      occurrence.count += 1;
      seen.set(json, occurrence);
    }
    for (const [key, value] of Object.entries(record)) {
      // A property's schema is named after the property; an array's items after the array.
      const childName = key === 'items' || key === 'properties' || key === '$defs' ? name : key;
      visit(value, childName, false);
    }
  };
  visit(schema, 'shape', true);
  return [...seen.values()]
    .filter((occurrence) => occurrence.count > 1 && occurrence.json.length >= WORTH_SHARING)
    .sort((a, b) => b.json.length - a.json.length)[0];
}

function replaceShape(node: unknown, json: string, reference: JsonSchema): unknown {
  if (node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map((item) => replaceShape(item, json, reference));
  if (JSON.stringify(node) === json) return reference;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, replaceShape(value, json, reference)]),
  );
}

function freeName(wanted: string, taken: Record<string, unknown>): string {
  let name = wanted;
  for (let suffix = 2; name in taken; suffix += 1) name = `${wanted}${suffix}`;
  return name;
}
