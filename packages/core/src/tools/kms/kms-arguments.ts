import { StringEnum, uuidArg } from '../schema.js';

export const keyIdArg = (purpose: string) => uuidArg(`ID of the KMS key ${purpose}.`);

/** How the caller's data is written: text, or base64 for binary data. */
export const encodingArg = (what: string) =>
  StringEnum(['utf8', 'base64'] as const, {
    default: 'utf8',
    description: `"base64" for binary ${what}.`,
  });
