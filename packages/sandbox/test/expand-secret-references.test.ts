import { describe, expect, it } from 'vitest';
import {
  expandSecretReferences,
  parseSecretReference,
  type SecretReference,
} from '../src/secrets/expand-secret-references.js';

/** Secrets keyed `env:path:KEY`. */
function lookupIn(secrets: Record<string, string>) {
  return (reference: SecretReference) =>
    secrets[`${reference.environment}:${reference.secretPath}:${reference.key}`];
}

const rootOfDev = (key: string): SecretReference => ({ environment: 'dev', secretPath: '/', key });

describe('parseSecretReference', () => {
  const from = { environment: 'dev', secretPath: '/app' };

  it('resolves a bare key in the same environment and folder', () => {
    expect(parseSecretReference('KEY', from)).toEqual({
      environment: 'dev',
      secretPath: '/app',
      key: 'KEY',
    });
  });

  it('resolves env.KEY to the root of that environment', () => {
    expect(parseSecretReference('prod.KEY', from)).toEqual({
      environment: 'prod',
      secretPath: '/',
      key: 'KEY',
    });
  });

  it('resolves env.a.b.KEY to folder /a/b', () => {
    expect(parseSecretReference('prod.a.b.KEY', from)).toEqual({
      environment: 'prod',
      secretPath: '/a/b',
      key: 'KEY',
    });
  });

  it('rejects empty segments', () => {
    expect(parseSecretReference('prod..KEY', from)).toBeUndefined();
  });
});

describe('expandSecretReferences', () => {
  it('expands local, environment and folder references', () => {
    const lookup = lookupIn({
      'dev:/:HOST': 'localhost',
      'prod:/:HOST': 'prod-host',
      'prod:/db/main:PORT': '5432',
    });
    const value = '${HOST}|${prod.HOST}|${prod.db.main.PORT}';
    expect(expandSecretReferences(value, rootOfDev('X'), lookup)).toBe('localhost|prod-host|5432');
  });

  it('resolves a local reference relative to the secret that contains it', () => {
    const lookup = lookupIn({
      'dev:/:URL': '${prod.app.URL}',
      'prod:/app:URL': 'https://${HOST}',
      'prod:/app:HOST': 'app.example.com',
      'dev:/:HOST': 'wrong',
    });
    expect(expandSecretReferences('${URL}', rootOfDev('X'), lookup)).toBe(
      'https://app.example.com',
    );
  });

  // Infisical keeps a dangling reference as written rather than blanking it.
  it('leaves a reference to a missing secret as written', () => {
    const lookup = lookupIn({ 'dev:/:A': 'a' });
    expect(
      expandSecretReferences(
        '[${A}][${MISSING}][${nope.KEY}][${dev.x.y.KEY}]',
        rootOfDev('X'),
        lookup,
      ),
    ).toBe('[a][${MISSING}][${nope.KEY}][${dev.x.y.KEY}]');
  });

  it('keeps an empty referenced value empty', () => {
    expect(
      expandSecretReferences('x${EMPTY}y', rootOfDev('X'), lookupIn({ 'dev:/:EMPTY': '' })),
    ).toBe('xy');
  });

  it('leaves text without references alone, including malformed placeholders', () => {
    const lookup = lookupIn({});
    expect(expandSecretReferences('plain $HOME ${} ${a b} ${x..y}', rootOfDev('X'), lookup)).toBe(
      'plain $HOME ${} ${a b} ${x..y}',
    );
  });

  it('follows a chain up to depth 10 and leaves deeper placeholders as written', () => {
    const secrets: Record<string, string> = {};
    for (let index = 1; index <= 12; index += 1) secrets[`dev:/:S${index}`] = `\${S${index + 1}}`;
    secrets['dev:/:S13'] = 'end';
    const lookup = lookupIn(secrets);
    // S0 -> S1 is depth 1; S10 is the deepest that is resolved, so its placeholder ${S11} stays.
    expect(expandSecretReferences('${S1}', rootOfDev('S0'), lookup)).toBe('${S11}');

    const shortChain = lookupIn({ ...secrets, 'dev:/:S10': 'end' });
    expect(expandSecretReferences('${S1}', rootOfDev('S0'), shortChain)).toBe('end');
  });

  it('honours a custom depth limit', () => {
    const lookup = lookupIn({ 'dev:/:A': '${B}', 'dev:/:B': 'b' });
    expect(expandSecretReferences('${A}', rootOfDev('X'), lookup, 1)).toBe('${B}');
    expect(expandSecretReferences('${A}', rootOfDev('X'), lookup, 2)).toBe('b');
  });

  it('stops at a cycle instead of looping', () => {
    const lookup = lookupIn({ 'dev:/:A': '${B}', 'dev:/:B': '${A}' });
    expect(expandSecretReferences('${B}', rootOfDev('A'), lookup)).toBe('${A}');
  });

  it('stops at a self reference', () => {
    const lookup = lookupIn({ 'dev:/:A': 'x${A}' });
    expect(expandSecretReferences('x${A}', rootOfDev('A'), lookup)).toBe('x${A}');
  });

  it('expands the same secret on sibling branches (a diamond is not a cycle)', () => {
    const lookup = lookupIn({ 'dev:/:B': '${D}', 'dev:/:C': '${D}', 'dev:/:D': 'd' });
    expect(expandSecretReferences('${B}-${C}', rootOfDev('A'), lookup)).toBe('d-d');
  });
});
