import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM under the operator's 32-byte key, for what replicas keep in Redis: base64 of
 * IV, tag and ciphertext. `boundTo` (the Redis key or channel it is kept under) is
 * authenticated data, so a value copied to another key does not open there.
 */
export function sealValue(key: Buffer, boundTo: string, plain: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(boundTo));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** The plain text of a {@link sealValue} result; throws for another key, place or tampering. */
export function openSealedValue(key: Buffer, boundTo: string, stored: string): string {
  const raw = Buffer.from(stored, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(boundTo));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([
    decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
    decipher.final(),
  ]).toString('utf8');
}

/**
 * How a session's events and relayed messages are written to Redis: sealed under the events
 * key, or in clear when the operator chose so explicitly (no key).
 */
export class EventSeal {
  constructor(private readonly key: Buffer | undefined) {}

  seal(plain: string, boundTo: string): string {
    return this.key ? sealValue(this.key, boundTo, plain) : plain;
  }

  /** Undefined for a value that does not open: another key, or tampered with. */
  open(stored: string, boundTo: string): string | undefined {
    if (!this.key) return stored;
    try {
      return openSealedValue(this.key, boundTo, stored);
    } catch {
      return undefined;
    }
  }
}
