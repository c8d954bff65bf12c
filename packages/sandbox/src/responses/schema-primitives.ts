/**
 * The JSON Schema pieces the response schemas share. Fastify serializes a reply through its
 * route's schema, which writes out only the properties listed, as zod's `.parse` strips unknown
 * keys in Infisical; a `date-time` string accepts the model's `Date`.
 */
export const string = { type: 'string' } as const;
export const nullableString = { type: ['string', 'null'] } as const;
export const number = { type: 'number' } as const;
export const nullableNumber = { type: ['number', 'null'] } as const;
export const boolean = { type: 'boolean' } as const;
export const nullableBoolean = { type: ['boolean', 'null'] } as const;
export const dateTime = { type: 'string', format: 'date-time' } as const;
export const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const;
/** zod's `z.unknown()`: any JSON value, written as it is. */
export const anyValue = {} as const;

/** A 200 answer that is an object whose one key, always present, holds a value of `schema`. */
export function answerWith(key: string, schema: object) {
  return { 200: { type: 'object', properties: { [key]: schema }, required: [key] } } as const;
}
