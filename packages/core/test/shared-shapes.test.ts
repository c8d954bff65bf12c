import { describe, expect, it } from 'vitest';
import { withRepeatedShapesShared } from '../src/server/shared-shapes.js';

const secret = {
  type: 'object',
  required: ['secretKey', 'secretPath', 'environment', 'version'],
  properties: {
    secretKey: { type: 'string' },
    secretPath: { type: 'string' },
    environment: { type: 'string' },
    version: { type: 'number' },
  },
};
const tag = { type: 'object', properties: { slug: { type: 'string' } } };

describe('shapes shared through $defs', () => {
  it('writes a repeated shape once and references it where it occurs', () => {
    const schema = {
      type: 'object',
      properties: {
        secrets: { type: 'array', items: secret },
        imports: {
          type: 'array',
          items: { type: 'object', properties: { secrets: { type: 'array', items: secret } } },
        },
      },
    };
    const shared = withRepeatedShapesShared(schema);
    expect(shared.$defs).toEqual({ secrets: secret });
    const reference = { $ref: '#/$defs/secrets' };
    expect(shared).toMatchObject({
      type: 'object',
      properties: {
        secrets: { items: reference },
        imports: { items: { properties: { secrets: { items: reference } } } },
      },
    });
    expect(JSON.stringify(shared).length).toBeLessThan(JSON.stringify(schema).length);
  });

  it('leaves a schema without repeats, or with only small ones, as it is', () => {
    const schema = { type: 'object', properties: { a: tag, b: tag, c: secret } };
    expect(withRepeatedShapesShared(schema)).toBe(schema);
  });

  it('shares a shape inside a shared one only when it also occurs elsewhere', () => {
    const holder = { type: 'object', properties: { secret, note: { type: 'string' } } };
    const schema = {
      type: 'object',
      properties: { first: holder, second: holder, third: secret },
    };
    const shared = withRepeatedShapesShared(schema);
    // Each named after the first property found holding it.
    expect(Object.keys(shared.$defs as object).sort()).toEqual(['first', 'third']);
    expect(shared.$defs).toMatchObject({
      first: { properties: { secret: { $ref: '#/$defs/third' } } },
      third: secret,
    });
    expect(shared.properties).toEqual({
      first: { $ref: '#/$defs/first' },
      second: { $ref: '#/$defs/first' },
      third: { $ref: '#/$defs/third' },
    });
  });
});
