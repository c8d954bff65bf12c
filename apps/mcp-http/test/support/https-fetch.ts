import { request } from 'node:https';
import { Readable } from 'node:stream';

/**
 * A `fetch` that trusts one extra CA (a test's self-signed certificate). Node 20's global fetch
 * takes no CA option without the undici package, so this speaks node:https and streams the
 * body back as a web Response, which is all the MCP SDK's client transports need.
 */
export function fetchTrusting(ca: string | Buffer): typeof fetch {
  return (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    return new Promise<Response>((resolve, reject) => {
      const outgoing = request(
        url,
        { method: init.method ?? 'GET', headers, ca, agent: false },
        (incoming) => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            for (const item of [value ?? []].flat()) responseHeaders.append(name, item);
          }
          const status = incoming.statusCode ?? 0;
          const empty = status === 204 || status === 304 || init.method === 'HEAD';
          resolve(
            new Response(empty ? null : (Readable.toWeb(incoming) as ReadableStream<Uint8Array>), {
              status,
              statusText: incoming.statusMessage,
              headers: responseHeaders,
            }),
          );
        },
      );
      outgoing.on('error', reject);
      init.signal?.addEventListener('abort', () =>
        outgoing.destroy(new DOMException('The operation was aborted.', 'AbortError')),
      );
      outgoing.end(typeof init.body === 'string' ? init.body : undefined);
    });
  };
}
