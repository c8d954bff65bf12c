import http from 'node:http';

/**
 * A keep-alive HTTP client with nothing on top: the bench's own overhead must stay small and
 * identical for the floor, the ceiling and our server, so differences are the servers'.
 */
export function createKeepAliveAgent() {
  return new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
}

/** Resolves with status, headers and the whole body as text; rejects on network errors. */
export function sendRequest(
  url,
  { method = 'GET', headers = {}, body, agent, timeoutMs = 15_000 },
) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers, agent }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode,
          headers: response.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      response.on('error', reject);
    });
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`${method} ${url} timed out`)));
    request.on('error', reject);
    request.end(body);
  });
}

export async function sendJson(url, { method = 'POST', headers = {}, payload, agent }) {
  return sendRequest(url, {
    method,
    agent,
    headers: { 'content-type': 'application/json', ...headers },
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
}

/**
 * The JSON-RPC messages in a response body that is either JSON or an SSE stream (Streamable
 * HTTP answers a POST in JSON, or with `event: message` / `data: {...}` frames when it streams).
 */
export function jsonRpcMessagesOf(response) {
  const contentType = String(response.headers['content-type'] ?? '');
  if (!contentType.includes('text/event-stream')) {
    return response.body ? [JSON.parse(response.body)] : [];
  }
  const messages = [];
  for (const line of response.body.split('\n')) {
    if (line.startsWith('data:')) {
      const data = line.slice(5).trim();
      if (data) messages.push(JSON.parse(data));
    }
  }
  return messages;
}

/** The answer with this id, or an error naming what came back instead. */
export function answerWithId(response, id) {
  const answer = jsonRpcMessagesOf(response).find((message) => message.id === id);
  if (!answer) {
    throw new Error(`no JSON-RPC answer to id ${id} (HTTP ${response.status}): ${response.body}`);
  }
  if (answer.error) throw new Error(`JSON-RPC error: ${JSON.stringify(answer.error)}`);
  return answer.result;
}

/**
 * Checks that a request was refused as expected: this HTTP status and a JSON-RPC error with
 * this code. Anything else throws, so a server that starts answering differently fails loudly.
 */
export function expectJsonRpcRefusal(response, { status, code }) {
  const [message] = response.status === status ? jsonRpcMessagesOf(response) : [];
  if (message?.error?.code !== code) {
    throw new Error(
      `expected HTTP ${status} with JSON-RPC error ${code}, got HTTP ${response.status}: ${response.body}`,
    );
  }
}
