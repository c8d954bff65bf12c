import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../logger.js';
import { describeInfisicalFailure, isInfisicalFailure } from '../server/describe-tool-error.js';
import { ProtocolError } from '../server/protocol-error.js';
import { ResourceNotFoundError } from './infisical-resource.js';

/** The MCP 2025-11-25 code for "resource not found" (resources, Error Handling). */
export const RESOURCE_NOT_FOUND = -32002;

export function resourceNotFound(uri: string, reason: string): ProtocolError {
  return new ProtocolError(RESOURCE_NOT_FOUND, `Resource not found: ${uri}. ${reason}`, { uri });
}

/**
 * A failed read as a JSON-RPC error. Infisical cannot tell "no such project" from "not a
 * member" (both may be 403), so both read as not found; a rejected token, rate limiting and
 * outages are internal errors whose message says what to do.
 */
export function resourceReadError(error: unknown, uri: string, logger: Logger): ProtocolError {
  if (error instanceof ProtocolError) return error;
  if (error instanceof ResourceNotFoundError) return resourceNotFound(uri, error.message);
  if (isInfisicalFailure(error)) {
    logger.warn(
      { status: error.status, kind: error.kind, error: error.error, reqId: error.reqId },
      'Infisical request failed while reading a resource',
    );
    const description = describeInfisicalFailure(error);
    if (error.status === 404 || (error.status === 403 && !error.isTokenRejected)) {
      return resourceNotFound(uri, description);
    }
    if (error.status === 400 || error.status === 422) {
      return new ProtocolError(ErrorCode.InvalidParams, description, { uri });
    }
    return new ProtocolError(ErrorCode.InternalError, description, { uri });
  }
  logger.error({ err: error }, 'resource read failed unexpectedly');
  return new ProtocolError(
    ErrorCode.InternalError,
    'Reading the resource failed with an internal error; the server log has the details.',
    { uri },
  );
}
