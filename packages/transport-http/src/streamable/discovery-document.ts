import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import type { FastifyRequest } from 'fastify';
import type { HttpContext } from '../http-context.js';

/** GET /mcp for people and tools that look before they connect: what is served where. */
export function discoveryDocument(request: FastifyRequest, context: HttpContext) {
  const base = context.options.publicUrl ?? `${request.protocol}://${request.host}`;
  const websocketBase = base.replace(/^http/, 'ws');
  const { name, version, toolCount } = context.options.describe();
  const websocketUrls = [`${websocketBase}/ws`];
  if (context.options.websocketPort !== null && !context.options.publicUrl) {
    websocketUrls.push(
      `${context.options.https ? 'wss' : 'ws'}://${request.hostname}:${context.websocketPort ?? context.options.websocketPort}`,
    );
  }
  return {
    name,
    version,
    protocolVersions: SUPPORTED_PROTOCOL_VERSIONS,
    toolCount,
    transports: {
      streamableHttp: { url: `${base}/mcp`, methods: ['POST', 'GET', 'DELETE'] },
      plainJsonRpc: {
        url: `${base}/mcp`,
        description:
          'POST a JSON-RPC request with Content-Type: application/json and no session; the answer is a JSON body.',
      },
      sse: { url: `${base}/sse`, messagesUrl: `${base}/messages`, protocolVersion: '2024-11-05' },
      websocket: { urls: websocketUrls, subprotocol: 'mcp' },
    },
    endpoints: {
      health: `${base}/health`,
      ready: `${base}/ready`,
      metrics: `${base}/metrics`,
    },
  };
}
