import {
  JSONRPCErrorResponseSchema,
  type JSONRPCMessage,
  JSONRPCNotificationSchema,
  JSONRPCRequestSchema,
  JSONRPCResultResponseSchema,
} from '@modelcontextprotocol/sdk/types.js';

/**
 * A JSON-RPC message as the SDK's `JSONRPCMessageSchema` reads it, checked against the one kind
 * its keys can make it. The SDK's union tries every kind in turn: each is strict, so at most one
 * can accept a message, and a body that is none of them fails all four, each failure built into
 * a ZodError. That made a hostile POST of junk cost the server four times a valid ping. Choosing
 * the kind first accepts and refuses exactly what the union does, for one schema's work.
 */
export function parseJsonRpcMessage(value: unknown): JSONRPCMessage | undefined {
  const schema = schemaForKeysOf(value);
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  return parsed.success ? (parsed.data as JSONRPCMessage) : undefined;
}

function schemaForKeysOf(value: unknown) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  // `in`, as zod reads a key, inherited ones included: refused and accepted alike.
  const has = (key: string) => key in value;
  if (has('method')) return has('id') ? JSONRPCRequestSchema : JSONRPCNotificationSchema;
  if (has('result')) return JSONRPCResultResponseSchema;
  if (has('error')) return JSONRPCErrorResponseSchema;
  return undefined;
}
