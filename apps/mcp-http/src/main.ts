#!/usr/bin/env node
import { createHash } from 'node:crypto';
import {
  allTools,
  ConfigError,
  type ConnectionOptions,
  createInfisicalClient,
  createInfisicalMcpServer,
  effectiveLogLevel,
  filterTools,
  infisicalReadinessCheck,
  LOG_REDACT_PATHS,
  maskUrlCredentials,
  narrowPolicy,
  openPolicyAudit,
  readInfisicalEnv,
  readPolicy,
  SharedChildLoggers,
  serializeJsonRpcMessage,
  toolsetsOrDefault,
  UnknownToolError,
  withSandbox,
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
import type { ApiKeyWithPolicy } from './client-auth-settings.js';
import { ClientIdentityPool, identityReferenceOf } from './client-identity-pool.js';
import { clientNarrowing } from './client-policy.js';
import { type HttpSettings, httpUsage, readHttpInvocation } from './http-settings.js';
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

function fail(message: string): never {
  // An unexpected error may quote INFISICAL_HOST_URL, user info and all.
  process.stderr.write(`infisical-mcp-http: ${maskUrlCredentials(message)}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const invocation = readHttpInvocation(process.argv.slice(2), process.env);
  if (invocation.command === 'help') {
    process.stdout.write(httpUsage());
    return;
  }
  if (invocation.command === 'version') {
    process.stdout.write(`${packageJson.version}\n`);
    return;
  }
  if (invocation.command === 'hash-api-key') {
    // From stdin, not argv: command lines show up in `ps` and shell history.
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const key = Buffer.concat(chunks).toString('utf8').trim();
    if (!key) throw new ConfigError('--hash-api-key reads the key on stdin, and stdin was empty.');
    process.stdout.write(`${hashApiKey(key)}\n`);
    return;
  }
  // Every setting is read and checked before anything starts or prints a banner.
  const { settings } = invocation;
  const { values, sourceOf, isSet } = settings.read;
  const infisical = readInfisicalEnv(process.env, { sandbox: values.sandbox || undefined });
  const read = readPolicy(settings.read);
  // One fingerprint key and one audit destination for every session.
  const opened = openPolicyAudit(read, sourceOf('auditLog'));
  const { dynamicToolsets } = values;
  // With dynamic toolsets the toolsets bound what a session may enable: all unless narrowed.
  const policy = dynamicToolsets
    ? opened
    : { ...opened, toolsets: toolsetsOrDefault(opened.toolsets, opened.enabledTools) };
  const tools = filterTools(allTools, policy);
  const logger = pino({
    name: 'infisical-mcp-http',
    level: effectiveLogLevel({
      logLevel: values.logLevel,
      logLevelSet: isSet('logLevel'),
      debug: values.debug,
    }),
    redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
  });

  // Loaded only on demand: the sandbox (fastify) stays off the normal start-up path.
  const sandbox = values.sandbox
    ? await (await import('@infisical/mcp-sandbox')).startSandboxForServer()
    : undefined;
  if (sandbox) process.stderr.write(sandbox.banner);
  const connection = sandbox
    ? withSandbox(infisical.connection, sandbox.credentials)
    : infisical.connection;

  const keyNarrowings = new Map(
    settings.auth.mode === 'api-key'
      ? (settings.auth.keys as ApiKeyWithPolicy[]).map((key) => [key.id, key.narrowing])
      : [],
  );
  const clientIdentities = values.clientIdentities === 'on';
  const metricsRegistry = new Registry();
  const observeInfisicalCall = infisicalCallMetrics(metricsRegistry);
  // Replicas with the same Redis and key share the identity's token: N replicas log in once.
  const tokenCache = await sharedTokenCache(connection, settings.redis);
  // One client for all sessions: they share the token cache, so N sessions log in once.
  const client = createInfisicalClient({
    ...connection,
    logger,
    onInfisicalCall: observeInfisicalCall,
    tokenCache,
  });
  const serverInfo = { name: 'infisical-mcp', version: packageJson.version };
  const sessionLoggers = new SharedChildLoggers(logger);
  const identities = new ClientIdentityPool({
    hostUrl: connection.hostUrl,
    timeoutMs: connection.timeoutMs,
    logger,
    onInfisicalCall: observeInfisicalCall,
  });

  const http = await createHttpServer({
    createMcpServer: ({ transport, principal, headers, session }) => {
      // A client may act as its own Infisical identity for its session (multi-tenant mode).
      const own = clientIdentities ? identities.lease(headers) : undefined;
      const sessionLogger = sessionLoggers.for({
        transport,
        client: principal.id,
        ownIdentity: own !== undefined,
      });
      const server = createInfisicalMcpServer({
        infisical: own?.client ?? client,
        // The server's policy and the client's both apply: the narrower wins.
        policy: narrowPolicy(policy, clientNarrowing(principal, keyNarrowings)),
        principal: principal.id,
        dynamicToolsets,
        // A session's server may be built again (after an idle spell, on another replica):
        // the toolsets it enabled are kept in its record.
        sessionToolsets: session && {
          enabled: session.enabledToolsets,
          saveEnabled: session.saveEnabledToolsets,
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
    host: values.host,
    port: values.port,
    websocketPort: settings.websocketPort,
    allowedOrigins: values.allowedOrigins,
    allowedHosts: values.allowedHosts,
    sessionIdleTimeoutMs: values.sessionTtl * 1000,
    maxBodyBytes: values.maxBodyBytes,
    maxBufferedBytes: values.maxBufferedBytes,
    websocketPingIntervalMs: values.wsPingIntervalMs,
    headersTimeoutMs: values.headersTimeout * 1000,
    requestReadTimeoutMs: values.requestReadTimeout * 1000,
    keepAliveTimeoutMs: values.keepAliveTimeout * 1000,
    serializeMessage: serializeJsonRpcMessage,
    publicUrl: values.publicUrl,
    https: settings.tls.https,
    behindProxy: settings.tls.behindProxy,
    publicMetrics: values.publicMetrics,
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
    identityReference: clientIdentities ? identityReferenceOf : undefined,
  });
  const { url, websocketUrl } = await http.listen();
  const { auth } = connection;
  logger.info(
    {
      mcp: `${url}/mcp`,
      sse: `${url}/sse`,
      websocket: [`${url.replace(/^http/, 'ws')}/ws`, websocketUrl].filter(Boolean),
      health: `${url}/health`,
      infisical: connection.hostUrl && maskUrlCredentials(connection.hostUrl),
      auth: auth.method,
      tokenStrategy:
        auth.method === 'universal-auth' ? (auth.tokenStrategy ?? 'cached') : undefined,
      toolsets: [...new Set(tools.map((tool) => tool.toolset))],
      tools: tools.length,
      secretValues: policy.secretValues,
      protectedEnvironments: policy.allowProtectedWrites ? [] : policy.protectedEnvironments,
      confirmDestructive: policy.confirmDestructive,
      auditLog: read.auditLog ?? 'log',
      allowedOrigins: values.allowedOrigins ?? [],
      clientAuth: settings.auth.mode,
      tls: settings.tls.https !== undefined,
      behindProxy: settings.tls.behindProxy,
      sandbox: values.sandbox,
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
  // Every mistake in the configuration exits 1, with one line naming the option.
  if (error instanceof UnknownToolError) fail(`INFISICAL_ENABLED_TOOLS: ${error.message}`);
  if (error instanceof ConfigError || error instanceof HttpServerConfigError) fail(error.message);
  if ((error as { code?: string }).code === 'EADDRINUSE') {
    fail(
      `${(error as Error).message}: another process uses the port; pick one with --port / --ws-port.`,
    );
  }
  fail(error instanceof Error ? error.message : String(error));
});
