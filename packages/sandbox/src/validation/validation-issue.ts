export type IssuePath = (string | number)[];

/** One entry of a 422 body's `message` array, shaped like a zod 3 issue as Infisical sends it. */
export interface ValidationIssue {
  code: string;
  path: IssuePath;
  message: string;
  [detail: string]: unknown;
}

/** zod 3's name for the type of a received value. */
export function describeReceived(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'nan';
    return 'number';
  }
  return typeof value;
}

export function invalidTypeIssue(
  path: IssuePath,
  expected: string,
  value: unknown,
): ValidationIssue {
  const received = describeReceived(value);
  return {
    code: 'invalid_type',
    expected,
    received,
    path,
    message: received === 'undefined' ? 'Required' : `Expected ${expected}, received ${received}`,
  };
}

export function invalidEnumIssue(
  path: IssuePath,
  options: readonly string[],
  value: string,
): ValidationIssue {
  const expected = options.map((option) => `'${option}'`).join(' | ');
  return {
    received: value,
    code: 'invalid_enum_value',
    options: [...options],
    path,
    message: `Invalid enum value. Expected ${expected}, received '${value}'`,
  };
}

export function stringTooShortIssue(path: IssuePath, minimum: number): ValidationIssue {
  return {
    code: 'too_small',
    minimum,
    type: 'string',
    inclusive: true,
    exact: false,
    message: `String must contain at least ${minimum} character(s)`,
    path,
  };
}

export function stringTooLongIssue(path: IssuePath, maximum: number): ValidationIssue {
  return {
    code: 'too_big',
    maximum,
    type: 'string',
    inclusive: true,
    exact: false,
    message: `String must contain at most ${maximum} character(s)`,
    path,
  };
}

export function numberTooSmallIssue(path: IssuePath, minimum: number): ValidationIssue {
  return {
    code: 'too_small',
    minimum,
    type: 'number',
    inclusive: true,
    exact: false,
    message: `Number must be greater than or equal to ${minimum}`,
    path,
  };
}

export function arrayTooShortIssue(path: IssuePath, minimum: number): ValidationIssue {
  return {
    code: 'too_small',
    minimum,
    type: 'array',
    inclusive: true,
    exact: false,
    message: `Array must contain at least ${minimum} element(s)`,
    path,
  };
}

export function invalidEmailIssue(path: IssuePath): ValidationIssue {
  return { validation: 'email', code: 'invalid_string', message: 'Invalid email', path };
}

export function customIssue(path: IssuePath, message: string): ValidationIssue {
  return { code: 'custom', message, path };
}

export function invalidUuidIssue(path: IssuePath): ValidationIssue {
  return { validation: 'uuid', code: 'invalid_string', message: 'Invalid uuid', path };
}
