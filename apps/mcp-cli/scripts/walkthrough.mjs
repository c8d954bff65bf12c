// A first look at the server for a new user: starts the built `infisical-mcp --sandbox` the
// way an MCP client does, lists its tools and makes a few calls, printing what comes back.
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const bin = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const transport = new StdioClientTransport({
  command: process.execPath,
  args: [bin, '--sandbox'],
  env: { INFISICAL_MCP_LOG_LEVEL: 'warn' },
  stderr: 'inherit',
});
const client = new Client({ name: 'walkthrough', version: '1.0.0' });
await client.connect(transport);

const print = (title, value) =>
  process.stdout.write(
    `\n== ${title}\n${typeof value === 'string' ? value : JSON.stringify(value, null, 2)}\n`,
  );

const { tools } = await client.listTools();
print(
  `tools/list: ${tools.length} tools`,
  tools
    .map(
      (tool) =>
        `${tool.name.padEnd(26)} ${tool.annotations?.readOnlyHint ? 'read ' : 'write'}  ${tool.title}`,
    )
    .join('\n'),
);

const call = async (name, args) => {
  const result = await client.callTool({ name, arguments: args });
  print(
    `${name} ${JSON.stringify(args)}${result.isError ? '  -> isError' : ''}`,
    result.structuredContent ?? result.content[0]?.text,
  );
  return result;
};

const { structuredContent } = await call('list-projects', {});
const projectId = structuredContent.projects[0].id;
await call('create-secret', {
  projectId,
  environmentSlug: 'dev',
  secretName: 'HELLO',
  secretValue: 'world',
});
await call('get-secret', { projectId, environmentSlug: 'dev', secretName: 'HELLO' });
await call('update-secret', {
  projectId,
  environmentSlug: 'dev',
  secretName: 'HELLO',
  newSecretName: 'GREETING',
});
await call('get-secret', { projectId, environmentSlug: 'dev', secretName: 'HELLO' });
const listed = await client.callTool({
  name: 'list-secrets',
  arguments: { projectId, environmentSlug: 'dev', includeValues: true },
});
print(
  'list-secrets with includeValues: true (keys and values only)',
  listed.structuredContent.secrets.map((s) => `${s.secretKey} = ${s.secretValue}`).join('\n'),
);

await client.close();
process.stdout.write(
  '\nDone. Wire the server into a client with: npx @infisical/mcp (see README).\n',
);
