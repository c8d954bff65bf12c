import { randomBytes, randomInt, randomUUID } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlphanumeric(length: number, alphabet = ALPHANUMERIC): string {
  let result = '';
  for (let index = 0; index < length; index += 1) {
    result += alphabet[randomInt(alphabet.length)];
  }
  return result;
}

export function newId(): string {
  return randomUUID();
}

/** Same shape as Infisical's request ids: `req-` and 14 alphanumerics. */
export function newRequestId(): string {
  return `req-${randomAlphanumeric(14)}`;
}

/** Opaque on purpose: clients must not rely on the token being a JWT. */
export function newAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

export function newClientSecret(): string {
  return randomBytes(32).toString('hex');
}
