#!/usr/bin/env node
import {
  allTools,
  ConfigError,
  createInfisicalMcpServer,
  filterTools,
  maskUrlCredentials,
  openAuditDestination,
  optionReader,
  parseToolsets,
  readInfisicalEnv,
  readSafetySettings,
  SAFETY_OPTIONS,
  SecretValueMasker,
  serializeJsonRpcMessage,
  toolsetsOrDefault,
  UnknownToolError,
} from '@infisical/mcp-core';
import { serveStdio } from '@infisical/mcp-transport-stdio';
import packageJson from '../package.json' with { type: 'json' };
import { CliUsageError, parseCliArguments, USAGE } from './cli-arguments.js';
import { createStderrLogger } from './create-logger.js';

/** One line on stderr, exit code 1: what a user sees when start-up cannot go on. */
function fail(message: string, exitCode = 1): never {
  // An unexpected error may quote INFISICAL_HOST_URL, user info and all.
  process.stderr.write(`infisical-mcp: ${maskUrlCredentials(message)}\n`);
  process.exit(exitCode);
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
  const args = parseCliArguments(process.argv.slice(2), process.env);
  if (args.help) {
    process.stderr.write(USAGE);
    return;
  }
  if (args.version) {
    process.stderr.write(`${packageJson.version}\n`);
    return;
  }

  const logger = createStderrLogger(process.env.INFISICAL_MCP_LOG_LEVEL);

  // Loaded only on demand: the sandbox (fastify) stays off the normal start-up path.
  const sandbox = args.sandbox
    ? await (await import('@infisical/mcp-sandbox')).startSandboxForServer()
    : undefined;
  if (sandbox) process.stderr.write(sandbox.banner);

  const settings = readInfisicalEnv(process.env, { sandbox: sandbox?.credentials });
  const safety = readSafetySettings(
    optionReader(SAFETY_OPTIONS, args.safetyFlags, process.env),
    process.env,
  );
  if (safety.auditLog === 'stdout') {
    throw new ConfigError(
      '--audit-log stdout is not possible over stdio: stdout carries the MCP messages. Use a file or stderr.',
    );
  }
  const readOnly = args.readOnly || settings.readOnly;
  const dynamicToolsets = args.dynamicToolsets || settings.dynamicToolsets;
  const chosenToolsets = args.toolsets
    ? parseToolsets(args.toolsets, '--toolsets')
    : settings.toolsets;
  // With dynamic toolsets the toolsets bound what a session may enable: all unless narrowed.
  const toolsets = dynamicToolsets
    ? chosenToolsets
    : toolsetsOrDefault(chosenToolsets, safety.enabledTools);
  const filter = {
    enabledTools: safety.enabledTools,
    excludedTools: safety.excludedTools,
    readOnly,
    toolsets,
  };
  const tools = filterTools(allTools, filter);
  const server = createInfisicalMcpServer({
    infisical: { ...settings.connection, logger },
    ...filter,
    dynamicToolsets,
    safety: {
      secretValues: safety.secretValues,
      valueMasker: new SecretValueMasker(safety.fingerprintKey),
      protectedEnvironments: safety.protectedEnvironments,
      allowProtectedWrites: safety.allowProtectedWrites,
      confirmDestructive: safety.confirmDestructive,
      principal: 'local',
      audit: safety.auditLog ? openAuditDestination(safety.auditLog, '--audit-log') : undefined,
    },
    logger,
    serverInfo: { name: 'infisical-mcp', version: packageJson.version },
  });

  const connection = await serveStdio(server, {
    serializeMessage: serializeJsonRpcMessage,
    onError: (error) => logger.warn({ err: describeStdioError(error) }, 'stdio transport error'),
  });
  const { auth } = settings.connection;
  logger.info(
    {
      host: settings.connection.hostUrl && maskUrlCredentials(settings.connection.hostUrl),
      auth: auth.method,
      tokenStrategy:
        auth.method === 'universal-auth' ? (auth.tokenStrategy ?? 'cached') : undefined,
      toolsets: [...new Set(tools.map((tool) => tool.toolset))],
      readOnly,
      tools: tools.length,
      secretValues: safety.secretValues,
      protectedEnvironments: safety.allowProtectedWrites ? [] : safety.protectedEnvironments,
      confirmDestructive: safety.confirmDestructive,
      auditLog: safety.auditLog ?? 'log',
      sandbox: args.sandbox,
    },
    'Infisical MCP server running on stdio',
  );

  const shutdown = async () => {
    await connection.close().catch(() => {});
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  await connection.closed;
  await sandbox?.close();
  logger.info({}, 'stdin closed; exiting');
  process.exit(0);
}

main().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof CliUsageError ||
    error instanceof UnknownToolError
  ) {
    const prefix = error instanceof UnknownToolError ? 'INFISICAL_ENABLED_TOOLS: ' : '';
    const usage = error instanceof CliUsageError;
    fail(`${prefix}${error.message}${usage ? ' (see --help)' : ''}`, usage ? 2 : 1);
  }
  fail(error instanceof Error ? error.message : String(error));
});
