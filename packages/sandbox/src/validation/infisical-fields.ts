import { normalizeSecretPath } from '../state/secret-path.js';
import type { InputReader } from './input-reader.js';

/** The field rules Infisical's schemas share across routes. */

export const SECRET_NAME_MESSAGE = 'Secret name cannot contain colon or forward slash.';
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const FOLDER_NAME_PATTERN = /^[a-zA-Z0-9-_]+$/;

/** `secretPath`: trimmed, default `/`, trailing slash removed. */
export function readSecretPath(reader: InputReader, key = 'secretPath'): string {
  return normalizeSecretPath(reader.optionalString(key) ?? '/');
}

/** Infisical's `SecretNameSchema`: trimmed, not empty, no `:` or `/`. */
export function readNewSecretName(reader: InputReader, key: string): string {
  const name = reader.string(key, { min: 1 });
  reader.refine(key, name === '' || isValidSecretName(name), SECRET_NAME_MESSAGE);
  return name;
}

export function readOptionalNewSecretName(reader: InputReader, key: string): string | undefined {
  if (!reader.has(key)) return undefined;
  return readNewSecretName(reader, key);
}

export function isValidSecretName(name: string): boolean {
  return !name.includes(':') && !name.includes('/');
}

/**
 * Values are trimmed on write, but a value that ended with a newline keeps exactly one, so
 * PEM blocks and the like survive.
 */
export function normalizeSecretValue(value: string): string {
  return value.endsWith('\n') ? `${value.trim()}\n` : value.trim();
}

/** Infisical's `slugSchema({min, max})`, required. */
export function readRequiredSlug(
  reader: InputReader,
  key: string,
  limits: { min?: number; max: number },
): string {
  return readSlug(reader, key, limits) ?? reader.string(key);
}

/** Infisical's `slugSchema({min, max, field})`, optional; `field` names it in the messages. */
export function readSlug(
  reader: InputReader,
  key: string,
  limits: { min?: number; max: number; field?: string },
): string | undefined {
  const raw = reader.optionalString(key);
  if (raw === undefined) return undefined;
  const min = limits.min ?? 1;
  const field = limits.field ?? 'Slug';
  if (raw.length < min) {
    reader.refine(
      key,
      false,
      `${field} field must be at least ${min} lowercase character${min === 1 ? '' : 's'}`,
    );
  } else if (raw.length > limits.max) {
    reader.refine(key, false, `${field} field must be at most ${limits.max} lowercase characters`);
  } else {
    reader.refine(
      key,
      SLUG_PATTERN.test(raw),
      `${field} field can only contain lowercase letters, numbers, and hyphens`,
    );
  }
  return raw;
}

export function readFolderName(reader: InputReader, key: string): string {
  const name = reader.string(key);
  reader.refine(
    key,
    FOLDER_NAME_PATTERN.test(name),
    'Invalid folder name. Only alphanumeric characters, dashes, and underscores are allowed.',
  );
  return name;
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
