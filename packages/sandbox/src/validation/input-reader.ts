import { validationFailure } from '../errors/infisical-errors.js';
import {
  arrayTooShortIssue,
  customIssue,
  type IssuePath,
  invalidEnumIssue,
  invalidTypeIssue,
  numberTooSmallIssue,
  stringTooLongIssue,
  stringTooShortIssue,
  type ValidationIssue,
} from './validation-issue.js';

export interface StringRules {
  /** zod's `.trim()`; on unless turned off. */
  trim?: boolean;
  min?: number;
  max?: number;
}

const BOOLEAN_STRINGS = ['true', 'false'] as const;

/**
 * Reads one request part (params, body or query) the way Infisical's zod schemas do, collecting
 * zod-3-style issues. Unknown keys are ignored, as zod strips them. Call {@link assertValid} once
 * the part is read: Infisical reports only the first failing part.
 */
export class InputReader {
  private readonly fields: Record<string, unknown>;
  private readonly readable: boolean;

  constructor(
    input: unknown,
    private readonly issues: ValidationIssue[] = [],
    private readonly basePath: IssuePath = [],
  ) {
    this.readable = isRecord(input);
    this.fields = isRecord(input) ? input : {};
    if (!this.readable) this.issues.push(invalidTypeIssue(basePath, 'object', input));
  }

  has(key: string): boolean {
    return this.fields[key] !== undefined;
  }

  /** The value as sent, for fields whose schema is a union of types. */
  raw(key: string): unknown {
    return this.fields[key];
  }

  string(key: string, rules: StringRules = {}): string {
    return this.optionalString(key, rules) ?? this.missing(key, 'string', '');
  }

  optionalString(key: string, rules: StringRules = {}): string | undefined {
    const value = this.fields[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') return this.wrongType(key, 'string', value, '');
    const text = rules.trim === false ? value : value.trim();
    if (rules.min !== undefined && text.length < rules.min) {
      this.issue(stringTooShortIssue(this.pathOf(key), rules.min));
    } else if (rules.max !== undefined && text.length > rules.max) {
      this.issue(stringTooLongIssue(this.pathOf(key), rules.max));
    }
    return text;
  }

  /** zod's `.nullable().optional()`. */
  nullableString(key: string, rules: StringRules = {}): string | null | undefined {
    if (this.fields[key] === null) return null;
    return this.optionalString(key, rules);
  }

  /** Infisical's `convertStringBoolean`: exactly "true" or "false", anything else is a 422. */
  booleanString(key: string, defaultValue: boolean): boolean {
    const value = this.enumValue(key, BOOLEAN_STRINGS);
    return value === undefined ? defaultValue : value === 'true';
  }

  /**
   * Infisical's `booleanSchema`, used by folder routes: a boolean, or a string that is true unless
   * it is empty, "0" or "false".
   */
  lenientBoolean(key: string, defaultValue: boolean): boolean {
    const value = this.fields[key];
    if (value === undefined) return defaultValue;
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string') {
      const normalized = value.trim().toLowerCase();
      return normalized !== '' && normalized !== '0' && normalized !== 'false';
    }
    return this.wrongType(key, 'boolean', value, defaultValue);
  }

  optionalBoolean(key: string): boolean | undefined {
    const value = this.fields[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') return this.wrongType(key, 'boolean', value, undefined);
    return value;
  }

  enumValue<T extends string>(key: string, options: readonly T[]): T | undefined {
    const value = this.fields[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      const expected = options.map((option) => `'${option}'`).join(' | ');
      return this.wrongType(key, expected, value, undefined);
    }
    if (!(options as readonly string[]).includes(value)) {
      this.issue(invalidEnumIssue(this.pathOf(key), options, value));
      return undefined;
    }
    return value as T;
  }

  number(key: string, rules: { min?: number; coerce?: boolean } = {}): number {
    if (this.fields[key] === undefined) return this.missing(key, 'number', 0);
    return this.optionalNumber(key, rules) ?? 0;
  }

  /** A JSON number, or with `coerce` (zod's `z.coerce.number()`) a numeric query string. */
  optionalNumber(key: string, rules: { min?: number; coerce?: boolean } = {}): number | undefined {
    const raw = this.fields[key];
    if (raw === undefined) return undefined;
    const value = rules.coerce && typeof raw === 'string' ? Number(raw) : raw;
    if (typeof value !== 'number' || Number.isNaN(value)) {
      return this.wrongType(key, 'number', value, undefined);
    }
    if (rules.min !== undefined && value < rules.min) {
      this.issue(numberTooSmallIssue(this.pathOf(key), rules.min));
    }
    return value;
  }

  optionalStringArray(key: string, rules: { min?: number } = {}): string[] | undefined {
    const value = this.fields[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) return this.wrongType(key, 'array', value, undefined);
    if (rules.min !== undefined && value.length < rules.min) {
      this.issue(arrayTooShortIssue(this.pathOf(key), rules.min));
    }
    return value.map((item, index) => {
      if (typeof item === 'string') return item;
      this.issue(invalidTypeIssue([...this.pathOf(key), index], 'string', item));
      return '';
    });
  }

  /** An array of objects, each read by `readItem` with a reader whose issue paths include the index. */
  objectArray<T>(
    key: string,
    readItem: (item: InputReader) => T,
    rules: { min?: number } = {},
  ): T[] {
    const value = this.fields[key];
    if (!Array.isArray(value)) return this.wrongType(key, 'array', value, []);
    if (rules.min !== undefined && value.length < rules.min) {
      this.issue(arrayTooShortIssue(this.pathOf(key), rules.min));
    }
    return value.map((item, index) =>
      readItem(new InputReader(item, this.issues, [...this.pathOf(key), index])),
    );
  }

  /** A nested object read by `read`, with issue paths under `key`; `null` is passed through. */
  nullableObject<T>(key: string, read: (reader: InputReader) => T): T | null | undefined {
    const value = this.fields[key];
    if (value === undefined || value === null) return value;
    return read(new InputReader(value, this.issues, this.pathOf(key)));
  }

  /** Records a refinement failure (zod's `code: "custom"`) on a field. */
  refine(key: string, isValid: boolean, message: string): void {
    if (!isValid) this.issue(customIssue(this.pathOf(key), message));
  }

  pathOf(key: string): IssuePath {
    return [...this.basePath, key];
  }

  issue(issue: ValidationIssue): void {
    if (this.readable) this.issues.push(issue);
  }

  assertValid(): void {
    if (this.issues.length > 0) throw validationFailure(this.issues);
  }

  private missing<T>(key: string, expected: string, fallback: T): T {
    return this.wrongType(key, expected, undefined, fallback);
  }

  private wrongType<T>(key: string, expected: string, value: unknown, fallback: T): T {
    this.issue(invalidTypeIssue(this.pathOf(key), expected, value));
    return fallback;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads one request part and throws a 422 if it is invalid. */
export function readPart<T>(input: unknown, read: (reader: InputReader) => T): T {
  const reader = new InputReader(input);
  const result = read(reader);
  reader.assertValid();
  return result;
}
