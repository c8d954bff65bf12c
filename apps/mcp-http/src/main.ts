#!/usr/bin/env node
import { createHash } from 'node:crypto';
import {
  allTools,
  ConfigError,
  type ConnectionOptions,
  canonicalToolsetName,
  createInfisicalClient,
  createInfisicalMcpServer,
  filterTools,
  infisicalReadinessCheck,
  LOG_REDACT_PATHS,
  maskUrlCredentials,
  openAuditDestination,
  readInfisicalEnv,
  SecretValueMasker,
  SharedChildLoggers,
  serializeJsonRpcMessage,
  toolsetsOrDefault,
  UnknownToolError,
} from '@infisical/mcp-core';
import {
  createHttpServer,
  createRedisTokenCache,
  HttpServerConfigError,
  hashApiKey,
  type RedisTokenCache,
} from '@infisical/mcp-transport-http';
import pino from 'pino';
import { Registry } from 'prom-client';
import packageJson from '../package.json' with { type: 'json' };
import type { ApiKeyWithSafety } from './client-auth-settings.js';
import { ClientIdentityPool, identityReferenceOf } from './client-identity-pool.js';
import { safetyFromScopes, settingsForClient } from './client-safety.js';
import {
  type HttpSettings,
  httpUsage,
  readHttpCommand,
  readHttpSettings,
  UsageError,
} from './http-settings.js';
import { infisicalCallMetrics } from './infisical-metrics.js';

/** The Redis token cache when Redis and its key are set and the server logs in itself. */
async function sharedTokenCache(
  connection: ConnectionOptions,
  redis: HttpSettings['redis'],
): Promise<RedisTokenCache | undefined> {
  const { auth } = connection;
  if (!redis?.tokenKey || auth.method !== 'universal-auth' || auth.tokenStrategy === 'per-call') {
    return undefined;
  }
  const identity = createHash('sha256')
    .update(`${connection.hostUrl ?? ''}\0${auth.clientId}`)
    .digest('hex')
    .slice(0, 32);
  return createRedisTokenCache({
    redis: { url: redis.url, keyPrefix: redis.keyPrefix },
    encryptionKey: redis.tokenKey,
    identity,
  });
}

function fail(message: string, exitCode = 1): never {
  // An unexpected error may quote INFISICAL_HOST_URL, user info and all.
  process.stderr.write(`infisical-mcp-http: ${maskUrlCredentials(message)}\n`);
  process.exit(exitCode);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const command = readHttpCommand(argv);
  if (command === 'help') {
    process.stdout.write(httpUsage());
    return;
  }
  if (command === 'version') {
    process.stdout.write(`${packageJson.version}\n`);
    return;
  }
  if (command === 'hash-api-key') {
    // From stdin, not argv: command lines show up in `ps` and shell history.
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const key = Buffer.concat(chunks).toString('utf8').trim();
    if (!key) throw new ConfigError('--hash-api-key reads the key on stdin, and stdin was empty.');
    process.stdout.write(`${hashApiKey(key)}\n`);
    return;
  }
  const settings = readHttpSettings(argv, process.env);
  const logger = pino({
    name: 'infisical-mcp-http',
    level: settings.logLevel,
    redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
  });

  // Loaded only on demand: the sandbox (fastify) stays off the normal start-up path.
  const sandbox = settings.sandbox
    ? await (await import('@infisical/mcp-sandbox')).startSandboxForServer()
    : undefined;
  if (sandbox) process.stderr.write(sandbox.banner);

  const infisical = readInfisicalEnv(process.env, { sandbox: sandbox?.credentials });
  const { safety } = settings;
  const toolsets = toolsetsOrDefault(settings.toolsets, safety.enabledTools);
  const tools = filterTools(allTools, {
    enabledTools: safety.enabledTools,
    excludedTools: safety.excludedTools,
    readOnly: settings.readOnly,
    toolsets,
  });
  // One fingerprint key and one audit destination for every session.
  const valueMasker = new SecretValueMasker(safety.fingerprintKey);
  const audit = safety.auditLog ? openAuditDestination(safety.auditLog, '--audit-log') : undefined;
  const keySafety = new Map(
    settings.auth.mode === 'api-key'
      ? (settings.auth.keys as ApiKeyWithSafety[]).map((key) => [key.id, key.safety])
      : [],
  );
  const metricsRegistry = new Registry();
  const observeInfisicalCall = infisicalCallMetrics(metricsRegistry);
  // Replicas with the same Redis and key share the identity's token: N replicas log in once.
  const tokenCache = await sharedTokenCache(infisical.connection, settings.redis);
  // One client for all sessions: they share the token cache, so N sessions log in once.
  const client = createInfisicalClient({
    ...infisical.connection,
    logger,
    onInfisicalCall: observeInfisicalCall,
    tokenCache,
  });
  const serverInfo = { name: 'infisical-mcp', version: packageJson.version };
  const sessionLoggers = new SharedChildLoggers(logger);
  const identities = new ClientIdentityPool({
    hostUrl: infisical.connection.hostUrl,
    timeoutMs: infisical.connection.timeoutMs,
    logger,
    onInfisicalCall: observeInfisicalCall,
  });

  const http = await createHttpServer({
    createMcpServer: ({ transport, principal, headers }) => {
      // A client may act as its own Infisical identity for its session (multi-tenant mode).
      const own = settings.clientIdentities ? identities.lease(headers) : undefined;
      const sessionLogger = sessionLoggers.for({
        transport,
        client: principal.id,
        ownIdentity: own !== undefined,
      });
      const forClient = settingsForClient(
        safety,
        principal.kind === 'api-key'
          ? keySafety.get(principal.id)
          : principal.kind === 'oauth'
            ? safetyFromScopes(principal.scopes)
            : undefined,
      );
      const server = createInfisicalMcpServer({
        infisical: own?.client ?? client,
        enabledTools: forClient.enabledTools,
        excludedTools: forClient.excludedTools,
        // The server's limits and the client's both apply: the narrower wins.
        readOnly: settings.readOnly || principal.readOnly,
        toolsets,
        // A client's names may come from an OAuth token, which may still use an old name.
        clientToolsets: principal.toolsets?.map(canonicalToolsetName),
        safety: {
          secretValues: forClient.secretValues,
          valueMasker,
          protectedEnvironments: forClient.protectedEnvironments,
          allowProtectedWrites: forClient.allowProtectedWrites,
          confirmDestructive: forClient.confirmDestructive,
          principal: principal.id,
          audit,
        },
        logger: sessionLogger,
        serverInfo,
      });
      if (own) server.onclose = own.release;
      return server;
    },
    describe: () => ({ ...serverInfo, toolCount: tools.length }),
    checkReadiness: infisicalReadinessCheck(client),
    auth: settings.auth,
    host: settings.host,
    port: settings.port,
    websocketPort: settings.websocketPort,
    allowedOrigins: settings.allowedOrigins,
    allowedHosts: settings.allowedHosts,
    sessionIdleTimeoutMs: settings.sessionTtlSeconds * 1000,
    maxBodyBytes: settings.maxBodyBytes,
    maxBufferedBytes: settings.maxBufferedBytes,
    websocketPingIntervalMs: settings.websocketPingIntervalMs,
    headersTimeoutMs: settings.headersTimeoutSeconds * 1000,
    requestReadTimeoutMs: settings.requestReadTimeoutSeconds * 1000,
    keepAliveTimeoutMs: settings.keepAliveTimeoutSeconds * 1000,
    serializeMessage: serializeJsonRpcMessage,
    publicUrl: settings.publicUrl,
    https: settings.tls.https,
    behindProxy: settings.tls.behindProxy,
    publicMetrics: settings.publicMetrics,
    limits: settings.limits,
    logger,
    metricsRegistry,
    redis: settings.redis && {
      url: settings.redis.url,
      keyPrefix: settings.redis.keyPrefix,
      eventsPerSession: settings.redis.eventsPerSession,
      eventsKey: settings.redis.eventsKey,
      plaintextEvents: settings.redis.plaintextEvents,
    },
    identityReference: settings.clientIdentities ? identityReferenceOf : undefined,
  });
  const { url, websocketUrl } = await http.listen();
  const { auth } = infisical.connection;
  logger.info(
    {
      mcp: `${url}/mcp`,
      sse: `${url}/sse`,
      websocket: [`${url.replace(/^http/, 'ws')}/ws`, websocketUrl].filter(Boolean),
      health: `${url}/health`,
      infisical: infisical.connection.hostUrl && maskUrlCredentials(infisical.connection.hostUrl),
      auth: auth.method,
      tokenStrategy:
        auth.method === 'universal-auth' ? (auth.tokenStrategy ?? 'cached') : undefined,
      toolsets: [...new Set(tools.map((tool) => tool.toolset))],
      tools: tools.length,
      secretValues: safety.secretValues,
      protectedEnvironments: safety.allowProtectedWrites ? [] : safety.protectedEnvironments,
      confirmDestructive: safety.confirmDestructive,
      auditLog: safety.auditLog ?? 'log',
      allowedOrigins: settings.allowedOrigins,
      clientAuth: settings.auth.mode,
      tls: settings.tls.https !== undefined,
      behindProxy: settings.tls.behindProxy,
      sandbox: settings.sandbox,
      sessionStore: settings.redis ? 'redis' : 'memory',
      sharedTokenCache: tokenCache !== undefined,
    },
    'Infisical MCP HTTP server listening',
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing calls in flight');
    await http.close();
    tokenCache?.close();
    await sandbox?.close();
    logger.info({}, 'stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) fail(`${error.message} (see --help)`, 2);
  if (error instanceof UnknownToolError) fail(`INFISICAL_ENABLED_TOOLS: ${error.message}`);
  if (error instanceof ConfigError || error instanceof HttpServerConfigError) fail(error.message);
  if ((error as { code?: string }).code === 'EADDRINUSE') {
    fail(
      `${(error as Error).message}: another process uses the port; pick one with --port / --ws-port.`,
    );
  }
  fail(error instanceof Error ? error.message : String(error));
});
