import { connect as connectTcp } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, type FuzzTarget, openTransports } from './support/fuzz-targets.js';
import {
  badRequest,
  deeplyNested,
  type HostileMessage,
  hugeMessage,
  malformedJson,
  traversalCall,
  weirdString,
  wrongJsonRpcShape,
} from './support/hostile-inputs.js';

// Hostile input to every transport of both servers: the server must answer each message with
// the right kind of error, never an internal one, and keep serving (every case ends with a ping
// on the same connection). FUZZ_RUNS scales the number of cases per property.

const RUNS = Number(process.env.FUZZ_RUNS ?? 250);
let targets: Awaited<ReturnType<typeof openTransports>>;
let cases = 0;

beforeAll(async () => {
  targets = await openTransports();
}, 30_000);

afterAll(async () => {
  await targets?.close();
  process.stdout.write(
    `hostile-input fuzz: ${cases} cases over ${targets ? targets.all.length : 0} transports\n`,
  );
});

const ERROR_CODE_FOR: Record<HostileMessage['expect'], number[]> = {
  parse: [-32700],
  invalid: [-32600, -32700],
  params: [-32600, -32601, -32602],
  tool: [-32602],
};

/** The answer fits the input: the right error class, or a tool error, never an internal error. */
function checkAnswer(message: HostileMessage, answer: Answer): void {
  expect(answer.status ?? 200).toBeLessThan(500);
  expect(answer.closedWith, 'the connection was closed').toBeUndefined();
  for (const reply of answer.replies) {
    const error = reply.error as { code?: number } | undefined;
    if (error) {
      expect(
        ERROR_CODE_FOR[message.expect],
        `${message.kind}: ${message.text.slice(0, 200)}`,
      ).toContain(error.code);
    } else if (message.expect !== 'tool' && message.expect !== 'params') {
      throw new Error(
        `${message.kind} was answered with a result: ${JSON.stringify(reply).slice(0, 200)}`,
      );
    }
  }
  if (message.expect === 'parse' && answer.status !== 400 && answer.status !== 413) {
    expect(answer.replies.length, `no parse error for ${JSON.stringify(message.text)}`).toBe(1);
  }
}

const hostileMessages = fc.oneof(malformedJson, wrongJsonRpcShape, badRequest);

/** Cases the fuzzer once found, replayed on every run before the random ones. */
const FOUND_BEFORE: [HostileMessage][] = [
  // Well-formed JSON with a `__proto__` key was refused as a parse error over HTTP.
  [
    {
      kind: 'bad request',
      text: '{"jsonrpc":"2.0","id":9000,"method":"x/","params":{"__proto__":{}}}',
      expect: 'params',
    },
  ],
];

describe.each(['stdio', 'streamable-http', 'legacy-sse', 'websocket'] as const)('%s', (name) => {
  const target = (): FuzzTarget => targets.byName[name];

  it('answers malformed JSON, wrong JSON-RPC shapes and bad requests, and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(hostileMessages, async (message) => {
        cases++;
        const answer = await target().send(message.text);
        checkAnswer(message, answer);
        expect(answer.stillServing).toBe(true);
      }),
      { numRuns: RUNS, examples: FOUND_BEFORE },
    );
  });

  it('refuses secret paths that leave their folder, in odd Unicode too', async () => {
    await fc.assert(
      fc.asyncProperty(traversalCall, async ({ tool, args }) => {
        cases++;
        const message: HostileMessage = {
          kind: 'traversal',
          expect: 'tool',
          text: JSON.stringify({
            jsonrpc: '2.0',
            id: 77,
            method: 'tools/call',
            params: {
              name: tool,
              arguments: { projectId: targets.projectId, environmentSlug: 'dev', ...args },
            },
          }),
        };
        const answer = await target().send(message.text);
        checkAnswer(message, answer);
        expect(answer.stillServing).toBe(true);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('survives deeply nested and huge payloads', async () => {
    for (const text of [
      deeplyNested(50_000, 'array'),
      deeplyNested(50_000, 'object'),
      hugeMessage(),
    ]) {
      cases++;
      const answer = await target().send(text);
      expect(answer.status ?? 200).toBeLessThan(500);
      for (const reply of answer.replies) {
        expect((reply.error as { code?: number } | undefined)?.code).not.toBe(-32603);
      }
      expect(answer.stillServing, `after ${text.slice(0, 80)}…`).toBe(true);
    }
  });
});

describe('the sandbox after every traversal attempt', () => {
  it('holds no folder or secret outside a plain path', async () => {
    const state = await targets.admin.state();
    const paths = state.projects.flatMap((project) =>
      project.environments.flatMap((env) => [
        ...env.folders,
        ...env.secrets.map((secret) => secret.path),
      ]),
    );
    const escaped = paths.filter((path) =>
      path.split('/').some((part) => part === '..' || part === '.' || /[\\%]|\p{Cc}/u.test(part)),
    );
    expect(escaped).toEqual([]);
    process.stdout.write(`fuzz: ${paths.length} folders and secret paths checked\n`);
  });
});

describe('HTTP headers', () => {
  it('rejects injected and malformed header values without reflecting them', async () => {
    const headerNames = [
      'mcp-session-id',
      'mcp-protocol-version',
      'origin',
      'host',
      'x-infisical-token',
      'last-event-id',
      'content-type',
      'authorization',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...headerNames),
        fc.oneof(
          weirdString,
          weirdString.map((s) => `${s}\r\nX-Injected: yes`),
          fc.constant('a'.repeat(20_000)),
        ),
        async (header, value) => {
          cases++;
          const response = await rawHttp(targets.httpUrl, header, value);
          const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);
          expect(status, response.slice(0, 300)).toBeGreaterThanOrEqual(200);
          expect(status, response.slice(0, 300)).toBeLessThan(500);
          const head = response.split('\r\n\r\n')[0] ?? '';
          expect(head.toLowerCase()).not.toContain('x-injected');
        },
      ),
      { numRuns: RUNS },
    );
    expect(
      (await targets.byName['streamable-http'].send('{"jsonrpc":"2.0","id":1,"method":"ping"}'))
        .stillServing,
    ).toBe(true);
  });
});

/** A POST /mcp with one header written byte for byte, as no HTTP client library would send it. */
function rawHttp(baseUrl: string, header: string, value: string): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  const body = '{"jsonrpc":"2.0","id":1,"method":"ping"}';
  const headers: Record<string, string> = {
    host: `${hostname}:${port}`,
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
    [header]: value,
  };
  const head = Object.entries(headers)
    .map(([name, v]) => `${name}: ${v}`)
    .join('\r\n');
  return new Promise((resolve, reject) => {
    const socket = connectTcp(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.setTimeout(5_000, () => socket.destroy());
    socket.end(Buffer.from(`POST /mcp HTTP/1.1\r\n${head}\r\n\r\n${body}`, 'utf8'));
  });
}
