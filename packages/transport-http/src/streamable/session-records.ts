import {
  type InitializeRequest,
  LATEST_PROTOCOL_VERSION,
  SUPPORTED_PROTOCOL_VERSIONS,
} from '@modelcontextprotocol/sdk/types.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { principalOf } from '../auth/register-client-auth.js';
import type { HttpContext } from '../http-context.js';
import { JsonRpcCode, sendJsonRpcError } from '../json-rpc-errors.js';
import { ownerOf } from '../sessions/session-owner.js';
import { type SessionRecord, SessionStoreUnavailableError } from '../sessions/session-store.js';

/** What `initialize` settles, as the SDK server settles it, for other replicas to restore. */
export function recordOfInitialize(
  id: string,
  request: FastifyRequest,
  context: HttpContext,
): SessionRecord {
  const { params } = request.body as InitializeRequest;
  return {
    id,
    protocolVersion: SUPPORTED_PROTOCOL_VERSIONS.includes(params.protocolVersion)
      ? params.protocolVersion
      : LATEST_PROTOCOL_VERSION,
    clientInfo: params.clientInfo,
    capabilities: params.capabilities as Record<string, unknown>,
    principal: principalOf(request),
    identityReference: ownerOf(request, context).identityReference,
  };
}

/** The store cannot be reached: the client should retry the same request later, not re-open. */
export function refuseStoreUnavailable(reply: FastifyReply, error: unknown): FastifyReply {
  if (!(error instanceof SessionStoreUnavailableError)) throw error;
  return sendJsonRpcError(
    reply.header('retry-after', '2'),
    503,
    JsonRpcCode.ServerError,
    `Session store unavailable: ${error.message}`,
  );
}
