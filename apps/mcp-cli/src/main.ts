#!/usr/bin/env node
import {
  allTools,
  ConfigError,
  createInfisicalMcpServer,
  effectiveLogLevel,
  filterTools,
  maskUrlCredentials,
  openPolicyAudit,
  readInfisicalEnv,
  readPolicy,
  serializeJsonRpcMessage,
  toolsetsOrDefault,
  UnknownToolError,
  withSandbox,
} from '@infisical/mcp-core';
import { serveStdio } from '@infisical/mcp-transport-stdio';
import packageJson from '../package.json' with { type: 'json' };
import { createStderrLogger } from './create-logger.js';
import { readStdioInvocation, stdioUsage } from './stdio-settings.js';

/** One line on stderr, exit code 1: what a user sees when start-up cannot go on. */
function fail(message: string): never {
  // An unexpected error may quote INFISICAL_HOST_URL, user info and all.
  process.stderr.write(`infisical-mcp: ${maskUrlCredentials(message)}\n`);
  process.exit(1);
}

/**
 * What to log about a transport error. JSON parse errors quote the text around the mistake and
 * schema errors can quote values, and either may be part of a secret: name the kind only.
 */
function describeStdioError(error: Error): string {
  if (error instanceof SyntaxError) return 'a line on stdin is not valid JSON';
  if (error.name === 'ZodError') return 'a line on stdin is not a JSON-RPC 2.0 message';
  return error.message;
}

async function main(): Promise<void> {
  const invocation = readStdioInvocation(process.argv.slice(2), process.env);
  // Asked for, so not an error: stdout, exit code 0.
  if (invocation.command === 'help') {
    process.stdout.write(stdioUsage());
    return;
  }
  if (invocation.command === 'version') {
    process.stdout.write(`${packageJson.version}\n`);
    return;
  }

  // Every setting is read and checked before anything starts or prints a banner.
  const { values, isSet } = invocation.settings;
  const infisical = readInfisicalEnv(process.env, { sandbox: values.sandbox || undefined });
  const read = readPolicy(invocation.settings);
  if (read.auditLog === 'stdout') {
    throw new ConfigError(
      `${invocation.settings.sourceOf('auditLog')} stdout is not possible over stdio: stdout carries the MCP messages. Use a file or stderr.`,
    );
  }
  const { dynamicToolsets } = values;
  const opened = openPolicyAudit(read, invocation.settings.sourceOf('auditLog'));
  // With dynamic toolsets the toolsets bound what a session may enable: all unless narrowed.
  const policy = dynamicToolsets
    ? opened
    : { ...opened, toolsets: toolsetsOrDefault(opened.toolsets, opened.enabledTools) };
  const tools = filterTools(allTools, policy);
  const logger = createStderrLogger(
    effectiveLogLevel({
      logLevel: values.logLevel,
      logLevelSet: isSet('logLevel'),
      debug: values.debug,
    }),
  );

  // Loaded only on demand: the sandbox (fastify) stays off the normal start-up path.
  const sandbox = values.sandbox
    ? await (await import('@infisical/mcp-sandbox')).startSandboxForServer()
    : undefined;
  if (sandbox) process.stderr.write(sandbox.banner);
  const connection = sandbox
    ? withSandbox(infisical.connection, sandbox.credentials)
    : infisical.connection;

  const server = createInfisicalMcpServer({
    infisical: { ...connection, logger },
    policy,
    principal: 'local',
    dynamicToolsets,
    logger,
    serverInfo: { name: 'infisical-mcp', version: packageJson.version },
  });

  const stdio = await serveStdio(server, {
    serializeMessage: serializeJsonRpcMessage,
    onError: (error) => logger.warn({ err: describeStdioError(error) }, 'stdio transport error'),
  });
  const { auth } = connection;
  logger.info(
    {
      host: connection.hostUrl && maskUrlCredentials(connection.hostUrl),
      auth: auth.method,
      tokenStrategy:
        auth.method === 'universal-auth' ? (auth.tokenStrategy ?? 'cached') : undefined,
      toolsets: [...new Set(tools.map((tool) => tool.toolset))],
      readOnly: policy.readOnly,
      tools: tools.length,
      secretValues: policy.secretValues,
      protectedEnvironments: policy.allowProtectedWrites ? [] : policy.protectedEnvironments,
      confirmDestructive: policy.confirmDestructive,
      auditLog: read.auditLog ?? 'log',
      sandbox: values.sandbox,
    },
    'Infisical MCP server running on stdio',
  );

  const shutdown = async () => {
    await stdio.close().catch(() => {});
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  await stdio.closed;
  await sandbox?.close();
  logger.info({}, 'stdin closed; exiting');
  process.exit(0);
}

main().catch((error: unknown) => {
  // Every mistake in the configuration exits 1, with one line naming the option.
  if (error instanceof UnknownToolError) fail(`INFISICAL_ENABLED_TOOLS: ${error.message}`);
  fail(error instanceof Error ? error.message : String(error));
});
