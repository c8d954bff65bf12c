import { initializeRequest } from '@infisical/mcp-test-kit';
import {
  InitializedNotificationSchema,
  InitializeRequestSchema,
  isInitializedNotification,
  isInitializeRequest,
  isJSONRPCErrorResponse,
  isJSONRPCNotification,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  isTaskAugmentedRequestParams,
  JSONRPCErrorResponseSchema,
  JSONRPCNotificationSchema,
  JSONRPCRequestSchema,
  JSONRPCResultResponseSchema,
  TaskAugmentedRequestParamsSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JSON_RPC_BODIES } from './support/json-rpc-bodies.js';

// patches/@modelcontextprotocol__sdk@*.patch: the SDK's Protocol sorts every message through
// these guards, and each failed zod parse builds a ZodError (with a stack trace, and objects
// whose shapes kept V8 recompiling the parsers). The patch checks first what each schema cannot
// do without. These tests hold it to the schemas' answers, and fail if it is not applied.
const GUARDS = [
  ['isJSONRPCRequest', isJSONRPCRequest, JSONRPCRequestSchema],
  ['isJSONRPCNotification', isJSONRPCNotification, JSONRPCNotificationSchema],
  ['isJSONRPCResultResponse', isJSONRPCResultResponse, JSONRPCResultResponseSchema],
  ['isJSONRPCErrorResponse', isJSONRPCErrorResponse, JSONRPCErrorResponseSchema],
  ['isInitializeRequest', isInitializeRequest, InitializeRequestSchema],
  ['isInitializedNotification', isInitializedNotification, InitializedNotificationSchema],
  ['isTaskAugmentedRequestParams', isTaskAugmentedRequestParams, TaskAugmentedRequestParamsSchema],
] as const;

const INITIALIZE = initializeRequest('sdk-guards-test');
const VALUES: unknown[] = [
  ...JSON_RPC_BODIES,
  INITIALIZE,
  { ...INITIALIZE, method: 'initialized' },
  { jsonrpc: '2.0', method: 'notifications/initialized' },
  // Params, as isTaskAugmentedRequestParams sees them.
  undefined,
  { name: 'get-secret', arguments: {} },
  { task: { ttl: 1000 } },
  { task: { ttl: 'soon' } },
  { _meta: { progressToken: 'p' } },
];

describe('the patched SDK guards', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(GUARDS)('%s answers as its schema does for every value', (_name, guard, schema) => {
    for (const value of VALUES) {
      expect(guard(value), JSON.stringify(value)).toBe(schema.safeParse(value).success);
    }
  });

  const NOT_OBJECTS = [undefined, null, 42, 'ping', true];
  const PING = { jsonrpc: '2.0', id: 1, method: 'ping' };
  const CANCELLED = { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1 } };
  const RESULT = { jsonrpc: '2.0', id: 3, result: {} };
  const ERROR = { jsonrpc: '2.0', id: 3, error: { code: -32600, message: 'no' } };
  /** What each guard refuses by its keys alone: without the patch, each is a failed parse. */
  const TOLD_APART_BY_KEYS = {
    isJSONRPCRequest: [CANCELLED, RESULT, ERROR],
    isJSONRPCNotification: [RESULT, ERROR],
    isJSONRPCResultResponse: [PING, CANCELLED, ERROR],
    isJSONRPCErrorResponse: [PING, CANCELLED, RESULT],
    isInitializeRequest: [PING, CANCELLED, RESULT],
    isInitializedNotification: [PING, CANCELLED, ERROR],
    isTaskAugmentedRequestParams: [],
  };

  const OWN_KIND = {
    isJSONRPCRequest: PING,
    isJSONRPCNotification: CANCELLED,
    isJSONRPCResultResponse: RESULT,
    isJSONRPCErrorResponse: ERROR,
    isInitializeRequest: INITIALIZE,
    isInitializedNotification: { jsonrpc: '2.0', method: 'notifications/initialized' },
    isTaskAugmentedRequestParams: { name: 'get-secret', arguments: {} },
  };

  it.each(GUARDS)('%s refuses other kinds without parsing them', (name, guard, schema) => {
    const parse = vi.spyOn(schema, 'safeParse');
    for (const value of [...NOT_OBJECTS, ...TOLD_APART_BY_KEYS[name]]) {
      expect(guard(value), JSON.stringify(value)).toBe(false);
    }
    expect(parse).not.toHaveBeenCalled();
    // The spy sees the parses that do happen: a value of the guard's own kind is parsed.
    expect(guard(OWN_KIND[name])).toBe(true);
    expect(parse).toHaveBeenCalledTimes(1);
  });
});
