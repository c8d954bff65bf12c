import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** What {@link InfisicalHttp} needs to send one request: a small part of `fetch`. */
export interface HttpSendInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

/** What it reads of the answer; a fetch `Response` has this shape too. */
export interface HttpAnswer {
  status: number;
  statusText: string;
  ok: boolean;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type HttpSend = (url: string, init: HttpSendInit) => Promise<HttpAnswer>;

/**
 * The default way to Infisical: `node:http`/`node:https` over Node's keep-alive global agents
 * (and NODE_EXTRA_CA_CERTS, like fetch). Measured here, it costs about half the CPU of the
 * global fetch per request, and every tool call pays it once.
 */
export const nodeHttpSend: HttpSend = (url, init) =>
  new Promise((resolve, reject) => {
    const send = url.startsWith('https:') ? httpsRequest : httpRequest;
    // Compressed answers, as fetch asks for: a long secret list shrinks several times over.
    const headers: Record<string, string | number> = {
      'accept-encoding': 'gzip, deflate, br',
      ...init.headers,
    };
    if (init.body !== undefined) headers['content-length'] = Buffer.byteLength(init.body);
    const outgoing = send(url, { method: init.method, headers, signal: init.signal }, (incoming) =>
      resolve(answerOf(incoming)),
    );
    outgoing.once('error', reject);
    outgoing.end(init.body);
  });

function answerOf(incoming: IncomingMessage): HttpAnswer {
  const status = incoming.statusCode ?? 0;
  // Read at once: an answer left unread would hold its socket out of the agent's pool.
  const body = new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const decoded = decode(incoming);
    decoded.on('data', (chunk: Buffer) => chunks.push(chunk));
    decoded.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    decoded.once('error', reject);
    incoming.once('error', reject);
    incoming.once('close', () => {
      if (!incoming.complete) reject(new Error('the connection closed mid-answer'));
    });
  });
  // Rejections surface through text(); until then they must not count as unhandled.
  body.catch(() => {});
  return {
    status,
    statusText: incoming.statusMessage ?? '',
    ok: status >= 200 && status < 300,
    headers: {
      get: (name) => {
        const value = incoming.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    text: () => body,
  };
}

function decode(incoming: IncomingMessage): Readable {
  switch (String(incoming.headers['content-encoding'] ?? '').toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return incoming.pipe(createGunzip());
    case 'deflate':
      return incoming.pipe(createInflate());
    case 'br':
      return incoming.pipe(createBrotliDecompress());
    default:
      return incoming;
  }
}
