import { type IncomingMessage, request } from 'node:http';

/**
 * Opens a legacy `GET /sse` stream on its own connection, reads its endpoint event, then stops
 * reading the response for good: a client too slow to read what the server sends it. Destroy
 * `response` when done.
 */
export function openPausedSseStream(
  baseUrl: string,
): Promise<{ endpoint: string; response: IncomingMessage }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(`${baseUrl}/sse`, { agent: false }, (response) => {
      let buffered = '';
      const onData = (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const match = /event: endpoint\ndata: (\S+)/.exec(buffered);
        if (!match) return;
        response.off('data', onData);
        response.pause();
        response.on('error', () => {});
        resolve({ endpoint: match[1] as string, response });
      };
      response.on('data', onData);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}
