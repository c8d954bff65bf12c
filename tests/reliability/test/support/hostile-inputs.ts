import fc from 'fast-check';

// What a hostile or broken client sends, as fast-check arbitraries. Each yields the raw text of
// one message (a body, a frame, a line) and what class of answer the server owes it.

/** `parse`: not JSON; `invalid`: JSON but not a JSON-RPC message; `params`: a JSON-RPC request
 * with bad arguments; `tool`: a well-formed tool call the tool itself must refuse. */
export type Expectation = 'parse' | 'invalid' | 'params' | 'tool';

export interface HostileMessage {
  kind: string;
  text: string;
  expect: Expectation;
}

const oddUnicode = fc.constantFrom(
  '\u0000',
  '\u202e', // right-to-left override
  '\u200b', // zero-width space
  '\ufeff', // byte-order mark
  '\ud800', // lone high surrogate
  '\udfff', // lone low surrogate
  '\u{1f600}',
  'e\u0301', // combining accent
  '\u0085', // next line
  '\u2028', // line separator
  'İ', // dotted capital I: lower-casing changes its length
  'ﬀ',
);

/** Strings made mostly of the characters that break naive handling. */
export const weirdString = fc
  .array(fc.oneof(oddUnicode, fc.string({ maxLength: 4, unit: 'binary' })), { maxLength: 12 })
  .map((parts) => parts.join(''));

export const malformedJson: fc.Arbitrary<HostileMessage> = fc
  .oneof(
    fc.constantFrom('{', '{"jsonrpc":"2.0",', '[{]', '{"a":1}}', 'nul', "{'a':1}", '0x10', '"\\x"'),
    fc.string({ minLength: 1, maxLength: 64 }).map((s) => `{${s}`),
    fc.jsonValue().map((value) => JSON.stringify(value).slice(0, -1) || '{'),
  )
  .filter((text) => !parses(text))
  .map((text) => ({ kind: 'malformed JSON', text, expect: 'parse' as const }));

export const wrongJsonRpcShape: fc.Arbitrary<HostileMessage> = fc
  .oneof(
    fc.jsonValue().filter((value) => typeof value !== 'object' || value === null),
    fc.record({
      jsonrpc: fc.constantFrom('1.0', '2', 2, null),
      id: fc.nat(),
      method: fc.constant('ping'),
    }),
    fc.record({
      jsonrpc: fc.constant('2.0'),
      id: fc.constantFrom({}, [1], true, 1.5e300),
      method: fc.constant('ping'),
    }),
    fc.record({
      jsonrpc: fc.constant('2.0'),
      id: fc.nat(),
      method: fc.oneof(fc.integer(), fc.constant(null), fc.object()),
    }),
    fc.record({ jsonrpc: fc.constant('2.0'), id: fc.nat() }),
    fc.record({
      jsonrpc: fc.constant('2.0'),
      id: fc.nat(),
      result: fc.jsonValue(),
      error: fc.jsonValue(),
    }),
    fc.dictionary(weirdString, fc.jsonValue(), { maxKeys: 4 }),
  )
  .map((value) => ({
    kind: 'wrong JSON-RPC shape',
    text: JSON.stringify(value),
    expect: 'invalid' as const,
  }));

/** Requests that are JSON-RPC but call something that does not exist, or with bad params. */
export const badRequest: fc.Arbitrary<HostileMessage> = fc
  .oneof(
    fc.record({ method: weirdString.map((m) => `x/${m}`), params: fc.jsonValue() }),
    fc.record({
      method: fc.constant('tools/call'),
      params: fc.oneof(
        fc.constant(null),
        fc.string(),
        fc.array(fc.nat()),
        fc.record({ name: fc.integer() }),
      ),
    }),
    fc.record({
      method: fc.constant('tools/call'),
      params: fc.record({
        name: weirdString,
        arguments: fc.dictionary(weirdString, fc.jsonValue(), { maxKeys: 3 }),
      }),
    }),
  )
  .chain((request) =>
    fc.nat().map((id) => ({
      kind: 'bad request',
      text: JSON.stringify({ jsonrpc: '2.0', id: 9_000 + id, ...request }),
      expect: 'params' as const,
    })),
  );

/** `secretPath` values that try to leave their folder, and names in odd Unicode. */
export const traversalCall: fc.Arbitrary<{ tool: string; args: Record<string, unknown> }> = fc
  .record({
    tool: fc.constantFrom('get-secret', 'list-secrets', 'create-secret', 'list-folders'),
    secretPath: fc.oneof(
      fc.constantFrom(
        '../../etc/passwd',
        '/../..',
        '/a/../../b',
        '..\\..\\windows',
        '/%2e%2e/%2e%2e/',
        '/..%2f..%2f',
        '//',
        '/\u0000/',
        '/.',
        '/a/./b/',
        `/${'a/'.repeat(300)}`,
      ),
      fc
        .array(fc.constantFrom('..', '.', '%2e%2e', 'a', '\u202e', '\\'), {
          minLength: 1,
          maxLength: 6,
        })
        .map((parts) => `/${parts.join('/')}`),
      weirdString.map((s) => `/${s}`),
    ),
    secretName: fc.oneof(
      fc.constant('API_KEY'),
      weirdString,
      fc.constantFrom('../API_KEY', 'A\r\nB', '$' + '{DATABASE_URL}'),
    ),
  })
  .map(({ tool, secretPath, secretName }) => ({
    tool,
    args: { secretPath, secretName, secretValue: 'fuzz', name: secretName },
  }));

/** 2 MiB of one string: above every default body limit. */
export function hugeMessage(): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'ping',
    params: { pad: 'x'.repeat(2 * 1024 * 1024) },
  });
}

/** Valid JSON nested `depth` levels deep, under the body limit, which a recursive parser may not survive. */
export function deeplyNested(depth: number, shape: 'array' | 'object'): string {
  const open = shape === 'array' ? '[' : '{"a":';
  const close = shape === 'array' ? ']' : '}';
  return `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get-secret","arguments":${open.repeat(depth)}1${close.repeat(depth)}}}`;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
