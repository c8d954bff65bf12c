// `pnpm --filter @infisical/mcp-bench bench:redis` (or `pnpm bench -- --only redis`): the
// scale-out scenario of issue 6 on this machine, against the Redis at REDIS_URL (default
// redis://127.0.0.1:6379, keys under a random prefix, deleted afterwards):
//  - the p50 a tool call gains when sessions live in Redis instead of memory (one replica);
//  - throughput with 1, 2 and 3 replicas sharing Redis, every call sent to the next replica in
//    turn (a load balancer without stickiness);
//  - Redis bytes per session and per buffered event (MEMORY USAGE), for the capacity arithmetic.
// Progress goes to stderr, a markdown report to stdout, the numbers to results/redis-scale-out.json.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { settings } from './support/bench-env.mjs';
import { describeMachine } from './support/machine.mjs';
import { answerWithId, createKeepAliveAgent, sendJson } from './support/raw-http.mjs';
import { openStreamableHttpSession } from './support/raw-sessions.mjs';
import {
  BENCH_ENVIRONMENT,
  benchSecretName,
  seedSecrets,
  startSandboxProcess,
} from './support/sandbox-process.mjs';
import { startOurHttpServer } from './support/server-processes.mjs';
import { percentile, round } from './support/statistics.mjs';

const RESULTS = fileURLToPath(new URL('../results/redis-scale-out.json', import.meta.url));
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const LATENCY_CALLS = 1_000;
const LATENCY_WARMUP = 200;
const THROUGHPUT_SESSIONS = 20;
const MEMORY_SESSIONS = 200;
const log = (line) => process.stderr.write(`${line}\n`);

const PROTOCOL_VERSION = '2025-06-18';
const HEADERS = { accept: 'application/json, text/event-stream' };

/** A session whose calls go to the next replica each time, as a round-robin balancer sends them. */
async function roundRobinSession(baseUrls, agent, first) {
  const sessionId = await openStreamableHttpSession(baseUrls[first % baseUrls.length], agent);
  const headers = {
    ...HEADERS,
    'mcp-session-id': sessionId,
    'mcp-protocol-version': PROTOCOL_VERSION,
  };
  let turn = first;
  let nextId = 1;
  return {
    sessionId,
    /** With `streamed`, the call asks for progress: its answer is an SSE stream, kept in Redis. */
    async call(tool, { streamed = false } = {}) {
      const id = nextId++;
      const url = new URL('/mcp', baseUrls[turn++ % baseUrls.length]);
      const response = await sendJson(url, {
        agent,
        headers,
        payload: {
          jsonrpc: '2.0',
          id,
          method: 'tools/call',
          params: {
            name: tool.tool,
            arguments: tool.args,
            ...(streamed ? { _meta: { progressToken: `bench-${id}` } } : {}),
          },
        },
      });
      const result = answerWithId(response, id);
      if (result.isError) throw new Error(`${tool.tool}: ${JSON.stringify(result.content)}`);
    },
    close: () =>
      sendJson(new URL('/mcp', baseUrls[0]), { method: 'DELETE', agent, headers }).catch(() => {}),
  };
}

async function sequentialLatency(baseUrls, tool) {
  const agent = createKeepAliveAgent();
  const session = await roundRobinSession(baseUrls, agent, 0);
  for (let n = 0; n < LATENCY_WARMUP; n++) await session.call(tool);
  const samples = [];
  for (let n = 0; n < LATENCY_CALLS; n++) {
    const started = performance.now();
    await session.call(tool);
    samples.push(performance.now() - started);
  }
  await session.close();
  agent.destroy();
  return { p50: round(percentile(samples, 50), 3), p99: round(percentile(samples, 99), 3) };
}

async function closedLoopThroughput(baseUrls, tool) {
  const agent = createKeepAliveAgent();
  const sessions = [];
  for (let n = 0; n < THROUGHPUT_SESSIONS; n++) {
    sessions.push(await roundRobinSession(baseUrls, agent, n));
  }
  const measureFrom = performance.now() + settings.throughputWarmupMs;
  const measureUntil = measureFrom + settings.throughputMeasureMs;
  let completed = 0;
  await Promise.all(
    sessions.map(async (session) => {
      while (performance.now() < measureUntil) {
        await session.call(tool);
        const now = performance.now();
        if (now >= measureFrom && now < measureUntil) completed++;
      }
    }),
  );
  await Promise.all(sessions.map((session) => session.close()));
  agent.destroy();
  return round(completed / (settings.throughputMeasureMs / 1000), 0);
}

async function startReplicas(sandbox, count, redisEnv) {
  return Promise.all(
    Array.from({ length: count }, () =>
      startOurHttpServer(sandbox, { args: ['--ws-port', 'off'], env: redisEnv }),
    ),
  );
}

/** MEMORY USAGE of what sessions leave in Redis: the record, and the events of their streams. */
async function measureRedisBytes(sandbox, redis, prefix, redisEnv, tool) {
  const [replica] = await startReplicas(sandbox, 1, redisEnv);
  try {
    const agent = createKeepAliveAgent();
    const sessions = [];
    for (let n = 0; n < MEMORY_SESSIONS; n++) {
      sessions.push(await roundRobinSession([replica.baseUrl], agent, 0));
    }
    let sessionBytes = 0;
    for (const session of sessions) {
      sessionBytes += await redis.memory('USAGE', `${prefix}session:{${session.sessionId}}`);
    }
    // One session's buffered events: answers in JSON store none, so the calls ask for progress,
    // which makes each answer a stream whose events are kept for resumption.
    const [probe] = sessions;
    const eventsKey = `${prefix}events:{${probe.sessionId}}`;
    await probe.call(tool, { streamed: true });
    const emptyish = await redis.memory('USAGE', eventsKey, 'SAMPLES', 0);
    const entriesBefore = await redis.xlen(eventsKey);
    for (let n = 0; n < 500; n++) await probe.call(tool, { streamed: true });
    const entriesAfter = await redis.xlen(eventsKey);
    const full = await redis.memory('USAGE', eventsKey, 'SAMPLES', 0);
    const [[, fields]] = await redis.xrevrange(eventsKey, '+', '-', 'COUNT', 1);
    await Promise.all(sessions.map((session) => session.close()));
    agent.destroy();
    return {
      bytesPerSessionRecord: Math.round(sessionBytes / sessions.length),
      bytesPerBufferedEvent: Math.round((full - emptyish) / (entriesAfter - entriesBefore)),
      eventPayloadBytes: Buffer.byteLength(fields[5] ?? ''),
      eventTool: tool.tool,
    };
  } finally {
    await replica.stop();
  }
}

async function deleteKeys(redis, prefix) {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}

function report(results) {
  const { latency, throughput, memory } = results;
  const lines = [
    `## Scale-out with Redis (${results.machine.cores} cores, Node ${results.machine.node}, ${results.generatedAt.slice(0, 10)})`,
    '',
    `Tool call \`${results.tool}\` over Streamable HTTP, sandbox without added latency.`,
    '',
    '| Session store | p50 ms | p99 ms |',
    '| ------------- | -----: | -----: |',
    `| memory | ${latency.memory.p50} | ${latency.memory.p99} |`,
    `| Redis | ${latency.redis.p50} | ${latency.redis.p99} |`,
    `| **added by Redis** | **${latency.addedP50Ms}** | |`,
    '',
    `| Replicas (round robin per call) | Session store | calls/s with ${THROUGHPUT_SESSIONS} sessions |`,
    '| ------------------------------- | ------------- | ---------: |',
    ...throughput.map((row) => `| ${row.replicas} | ${row.store} | ${row.callsPerSecond} |`),
    '',
    `Load average during the run: ${results.loadAverage.join(', ')} (all replicas, the sandbox, Redis and the client share the machine's cores).`,
    '',
    `Redis memory: ${memory.bytesPerSessionRecord} B per session record, ${memory.bytesPerBufferedEvent} B per buffered event (a ${memory.eventTool} answer, sealed: ${memory.eventPayloadBytes} B as stored).`,
  ];
  return `${lines.join('\n')}\n`;
}

const prefix = `bench-${randomUUID().slice(0, 8)}:`;
// Sealed events, as the server requires of a deployment unless told to keep them in clear: the
// size and latency measured are a real deployment's.
const redisEnv = {
  REDIS_URL,
  INFISICAL_MCP_REDIS_KEY_PREFIX: prefix,
  INFISICAL_MCP_REDIS_EVENTS_KEY: randomBytes(32).toString('hex'),
};
const redis = new Redis(REDIS_URL);
const sandbox = await startSandboxProcess();
try {
  await seedSecrets(sandbox, settings.seededSecrets);
  const tool = {
    tool: 'get-secret',
    args: {
      projectId: sandbox.projectId,
      environmentSlug: BENCH_ENVIRONMENT,
      secretName: benchSecretName(50),
    },
  };

  log('Latency: memory store…');
  const [memoryReplica] = await startReplicas(sandbox, 1, {});
  const memoryLatency = await sequentialLatency([memoryReplica.baseUrl], tool);
  log('Latency: Redis store…');
  const [redisReplica] = await startReplicas(sandbox, 1, redisEnv);
  const redisLatency = await sequentialLatency([redisReplica.baseUrl], tool);
  // Once more each, interleaved, so a busy moment of the machine does not favour one side.
  const memoryAgain = await sequentialLatency([memoryReplica.baseUrl], tool);
  const redisAgain = await sequentialLatency([redisReplica.baseUrl], tool);
  await Promise.all([memoryReplica.stop(), redisReplica.stop()]);
  const best = (a, b) => (a.p50 <= b.p50 ? a : b);
  const latency = {
    memory: best(memoryLatency, memoryAgain),
    redis: best(redisLatency, redisAgain),
  };
  latency.addedP50Ms = round(latency.redis.p50 - latency.memory.p50, 3);

  log('Throughput: 1 replica, memory store…');
  const [alone] = await startReplicas(sandbox, 1, {});
  const memoryThroughput = await closedLoopThroughput([alone.baseUrl], tool).finally(() =>
    alone.stop(),
  );
  const throughput = [{ replicas: 1, store: 'memory', callsPerSecond: memoryThroughput }];
  for (const replicas of [1, 2, 3]) {
    log(`Throughput: ${replicas} replica(s)…`);
    const running = await startReplicas(sandbox, replicas, redisEnv);
    try {
      const baseUrls = running.map((replica) => replica.baseUrl);
      const callsPerSecond = await closedLoopThroughput(baseUrls, tool);
      throughput.push({ replicas, store: 'redis', callsPerSecond });
    } finally {
      await Promise.all(running.map((replica) => replica.stop()));
    }
  }

  log('Redis memory per session and per event…');
  const memory = await measureRedisBytes(sandbox, redis, prefix, redisEnv, tool);

  const results = {
    generatedAt: new Date().toISOString(),
    machine: describeMachine(),
    loadAverage: loadavg().map((value) => round(value, 1)),
    redisVersion: (await redis.info('server')).match(/redis_version:(\S+)/)?.[1],
    tool: tool.tool,
    latency,
    throughput,
    memory,
  };
  mkdirSync(fileURLToPath(new URL('../results/', import.meta.url)), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(report(results));
  log(`Wrote ${RESULTS}.`);
} finally {
  await sandbox.stop();
  await deleteKeys(redis, prefix);
  redis.disconnect();
}
