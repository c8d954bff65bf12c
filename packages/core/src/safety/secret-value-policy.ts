import { createHmac, randomBytes } from 'node:crypto';

/**
 * What tool output may carry of a secret's value. `reveal`: the value (the official server's
 * behaviour); `mask`: a fixed mask with the value's length and a keyed fingerprint, so an agent
 * can tell whether two values are equal without seeing either; `deny`: nothing at all.
 */
export type SecretValuePolicy = 'reveal' | 'mask' | 'deny';

export const SECRET_VALUE_POLICIES: readonly SecretValuePolicy[] = ['reveal', 'mask', 'deny'];

const STRICTNESS: Record<SecretValuePolicy, number> = { reveal: 0, mask: 1, deny: 2 };

/** The stricter of two policies: a client, a key or a call may narrow a policy, never widen it. */
export function narrowerValuePolicy(
  a: SecretValuePolicy,
  b: SecretValuePolicy | undefined,
): SecretValuePolicy {
  return b !== undefined && STRICTNESS[b] > STRICTNESS[a] ? b : a;
}

/** Hex digits of the fingerprint: 48 bits tell values apart without helping to guess them. */
const FINGERPRINT_LENGTH = 12;

/**
 * Turns values into masks. The fingerprint is HMAC-SHA256 under `key`: an operator-supplied
 * key keeps fingerprints stable across restarts and replicas; a random key (the default) makes
 * them comparable only within one process, and worthless to anyone outside it.
 */
export class SecretValueMasker {
  private readonly key: Buffer;

  constructor(key?: string) {
    this.key = key ? Buffer.from(key, 'utf8') : randomBytes(32);
  }

  fingerprint(value: string): string {
    return createHmac('sha256', this.key)
      .update(value, 'utf8')
      .digest('hex')
      .slice(0, FINGERPRINT_LENGTH);
  }

  /** E.g. `<masked length=23 fingerprint=3f9a1c2b7d4e>`; starts like the official `<masked>`. */
  mask(value: string): string {
    return `<masked length=${[...value].length} fingerprint=${this.fingerprint(value)}>`;
  }
}
