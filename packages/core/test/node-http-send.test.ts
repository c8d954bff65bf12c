import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InfisicalApiError } from '../src/infisical/infisical-api-error.js';
import { InfisicalHttp } from '../src/infisical/infisical-http.js';
import { nodeHttpSend } from '../src/infisical/node-http-send.js';

// The default sender against a real HTTP server that misbehaves on request.
type Route = (request: IncomingMessage, body: string, response: ServerResponse) => void;
const routes: Record<string, Route> = {
  '/echo': (request, body, response) => {
    response.setHeader('content-type', 'application/json');
    response.setHeader('x-socket', String(request.socket.remotePort));
    response.end(JSON.stringify({ method: request.method, body, headers: request.headers }));
  },
  '/cut-mid-answer': (_request, _body, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
    response.write('{"partial":');
    setTimeout(() => response.socket?.destroy(), 20);
  },
  '/slow': (_request, _body, response) => {
    setTimeout(() => response.end('{}'), 2_000);
  },
  '/compressed': (request, _body, response) => {
    const accepted = String(request.headers['accept-encoding']);
    const body = JSON.stringify({ value: 'é'.repeat(5_000) });
    if (accepted.includes('br')) {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'br' });
      response.end(brotliCompressSync(body));
    } else {
      response.end(body);
    }
  },
  '/gzipped': (_request, _body, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    response.end(gzipSync(JSON.stringify({ ok: true })));
  },
  '/moved': (_request, _body, response) => {
    response.writeHead(301, { location: 'https://infisical.example.com/moved' });
    response.end();
  },
  '/limited': (_request, _body, response) => {
    response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' });
    response.end(JSON.stringify({ message: 'slow down' }));
  },
};

let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => routes[request.url ?? '']?.(request, body, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const signal = () => AbortSignal.timeout(5_000);

function unexpectedSuccess(): never {
  throw new Error('the request succeeded');
}

function asApiError(error: unknown): InfisicalApiError {
  if (!(error instanceof InfisicalApiError)) throw error;
  return error;
}

describe('nodeHttpSend', () => {
  it('sends method, headers and a JSON body with its length, and reads status, headers and text', async () => {
    const answer = await nodeHttpSend(`${baseUrl}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      body: JSON.stringify({ name: 'ÄPI_KEY' }),
      signal: signal(),
    });
    expect(answer.status).toBe(200);
    expect(answer.ok).toBe(true);
    expect(answer.headers.get('Content-Type')).toBe('application/json');
    expect(answer.headers.get('x-missing')).toBeNull();
    const echoed = JSON.parse(await answer.text());
    expect(echoed.method).toBe('POST');
    expect(JSON.parse(echoed.body)).toEqual({ name: 'ÄPI_KEY' });
    expect(Number(echoed.headers['content-length'])).toBe(Buffer.byteLength(echoed.body));
    expect(echoed.headers.authorization).toBe('Bearer t');
  });

  it('keeps the connection alive between sequential requests', async () => {
    const sockets = new Set<string | null>();
    for (let i = 0; i < 3; i++) {
      const answer = await nodeHttpSend(`${baseUrl}/echo`, {
        method: 'GET',
        headers: {},
        signal: signal(),
      });
      await answer.text();
      sockets.add(answer.headers.get('x-socket'));
    }
    expect(sockets.size).toBe(1);
  });

  it('asks for compressed answers and decodes brotli and gzip', async () => {
    const brotli = await nodeHttpSend(`${baseUrl}/compressed`, {
      method: 'GET',
      headers: {},
      signal: signal(),
    });
    expect(brotli.headers.get('content-encoding')).toBe('br');
    expect(JSON.parse(await brotli.text())).toEqual({ value: 'é'.repeat(5_000) });
    const gzip = await nodeHttpSend(`${baseUrl}/gzipped`, {
      method: 'GET',
      headers: {},
      signal: signal(),
    });
    expect(JSON.parse(await gzip.text())).toEqual({ ok: true });
  });

  it('rejects text() when the connection closes mid-answer', async () => {
    const answer = await nodeHttpSend(`${baseUrl}/cut-mid-answer`, {
      method: 'GET',
      headers: {},
      signal: signal(),
    });
    await expect(answer.text()).rejects.toThrow();
  });
});

describe('InfisicalHttp on the default sender', () => {
  const http = (timeoutMs = 5_000) =>
    new InfisicalHttp({ baseUrl, timeoutMs, retry: { maxAttempts: 1 } });

  it('maps a cut answer to a network failure', async () => {
    const failure = await http()
      .send({ method: 'GET', path: '/cut-mid-answer' })
      .then(unexpectedSuccess, asApiError);
    expect(failure).toBeInstanceOf(InfisicalApiError);
    expect(failure.kind).toBe('network');
  });

  it('names the system error of a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const failure = await new InfisicalHttp({
      baseUrl: `http://127.0.0.1:${port}`,
      retry: { maxAttempts: 1 },
    })
      .send({ method: 'GET', path: '/echo' })
      .then(unexpectedSuccess, asApiError);
    expect(failure.kind).toBe('network');
    expect(failure.message).toContain('could not be reached: ECONNREFUSED');
  });

  it('times out, and a caller’s abort cancels', async () => {
    const timedOut = await http(200)
      .send({ method: 'GET', path: '/slow' })
      .then(unexpectedSuccess, asApiError);
    expect(timedOut.kind).toBe('timeout');
    expect(timedOut.message).toContain('timed out after 200 ms');

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const cancelled = await http()
      .send({ method: 'GET', path: '/slow', signal: controller.signal })
      .then(unexpectedSuccess, asApiError);
    expect(cancelled.kind).toBe('aborted');
  });

  it('reads the status and Retry-After of a refusal', async () => {
    const failure = await http()
      .send({ method: 'GET', path: '/limited' })
      .then(unexpectedSuccess, asApiError);
    expect(failure.status).toBe(429);
    expect(failure.retryAfterSeconds).toBe(7);
    expect(failure.message).toContain('slow down');
  });

  it('does not follow a redirect, and says where it points', async () => {
    const failure = await http()
      .send({ method: 'GET', path: '/moved' }, 'token')
      .then(unexpectedSuccess, asApiError);
    expect(failure.status).toBe(301);
    expect(failure.message).toContain('redirects to https://infisical.example.com/moved');
  });
});
