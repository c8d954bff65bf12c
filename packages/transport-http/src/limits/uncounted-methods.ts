/**
 * The requests the MCP server answers from what it already holds: protocol set-up and the
 * catalogue it was built with. Every other request (tools/call, resources/read,
 * resources/list, completion/complete, and any method added later) may make the server call
 * out (to Infisical), so it counts against the client's call rate. A list of what is free
 * rather than of what costs: a new method costs until someone shows it does not.
 */
const UNCOUNTED_METHODS: ReadonlySet<string> = new Set([
  'initialize',
  'ping',
  'logging/setLevel',
  'tools/list',
  'prompts/list',
  'prompts/get',
  'resources/templates/list',
]);

/** Whether a request of this method counts against the client's call rate. */
export function isCounted(method: string): boolean {
  return !UNCOUNTED_METHODS.has(method);
}
