import { createKeepAliveAgent, sendRequest } from './raw-http.mjs';
import { loginToSandbox } from './sandbox-process.mjs';

/**
 * The floor: the same Infisical read a tool call makes, sent straight to the sandbox with a
 * token obtained once. No MCP server can answer a tool call faster than this request takes.
 */
export async function directRestCaller(sandbox) {
  const agent = createKeepAliveAgent();
  const token = await loginToSandbox(sandbox, agent);
  const headers = { authorization: `Bearer ${token}` };
  const requestFor = {
    'get-secret': (args) =>
      secretsUrl(sandbox, `/api/v4/secrets/${encodeURIComponent(args.secretName)}`, args),
    'list-secrets': (args) => secretsUrl(sandbox, '/api/v4/secrets', args),
  };
  return {
    callTool: async (name, args) => {
      const response = await sendRequest(requestFor[name](args), { agent, headers });
      if (response.status !== 200) throw new Error(`${name} floor: ${response.body}`);
      return JSON.parse(response.body);
    },
    close: async () => agent.destroy(),
  };
}

/** The query our tools send for these arguments (see core's secrets-api). */
function secretsUrl(sandbox, path, args) {
  const url = new URL(path, sandbox.url);
  url.search = new URLSearchParams({
    projectId: args.projectId,
    environment: args.environmentSlug,
    secretPath: '/',
    expandSecretReferences: 'true',
    include_imports: 'true',
    viewSecretValue: 'true',
  }).toString();
  return url;
}
