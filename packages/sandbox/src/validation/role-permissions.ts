import { CONDITIONAL_SUBJECTS, SUBJECT_ACTIONS } from '../auth/permission-subjects.js';
import type { PermissionCondition, PermissionRule } from '../state/model.js';
import type { InputReader } from './input-reader.js';
import { invalidEnumIssue, invalidTypeIssue } from './validation-issue.js';

const SUBJECTS = Object.keys(SUBJECT_ACTIONS);
const SECRET_PATH_MESSAGE = "Invalid Secret Path; it must start with a '/'";
const OPERATORS = ['$eq', '$ne', '$in', '$glob'] as const;

/**
 * A role's `permissions`, as Infisical's `ProjectPermissionV2Schema` reads them: a `subject`, an
 * `action` (one or a non-empty list), and for the subjects that take them, `conditions` on
 * `environment` and `secretPath` and `inverted`. Conditions the sandbox cannot check
 * (`secretName`, `secretTags`, `metadata`, `identityId`) are refused rather than ignored.
 */
export function readRolePermissions(input: InputReader, key: string): PermissionRule[] {
  return input.objectArray(key, readRule);
}

function readRule(item: InputReader): PermissionRule {
  const subject = item.string('subject');
  const actions = SUBJECT_ACTIONS[subject];
  if (!actions) {
    const expected = SUBJECTS.map((name) => `'${name}'`).join(' | ');
    item.issue({
      code: 'invalid_union_discriminator',
      options: SUBJECTS,
      path: item.pathOf('subject'),
      message: `Invalid discriminator value. Expected ${expected}`,
    });
    return { subject, action: [] };
  }
  const rule: PermissionRule = { subject, action: readActions(item, actions) };
  if (!CONDITIONAL_SUBJECTS.includes(subject)) {
    item.refine(
      'conditions',
      !(subject === 'identity' && item.has('conditions')),
      'The sandbox does not model identityId conditions',
    );
    return rule;
  }
  const conditions = item.nullableObject('conditions', readConditions);
  if (conditions) rule.conditions = conditions;
  if (item.optionalBoolean('inverted')) rule.inverted = true;
  return rule;
}

/** `CASL_ACTION_SCHEMA_ENUM`: one action or a non-empty array of them. */
function readActions(item: InputReader, allowed: readonly string[]): string[] {
  const raw = item.raw('action');
  if (raw === undefined) item.issue(invalidTypeIssue(item.pathOf('action'), 'array', raw));
  const actions =
    typeof raw === 'string' ? [raw] : (item.optionalStringArray('action', { min: 1 }) ?? []);
  actions.forEach((action, index) => {
    if (!allowed.includes(action)) {
      const path =
        typeof raw === 'string' ? item.pathOf('action') : [...item.pathOf('action'), index];
      item.issue(invalidEnumIssue(path, allowed, action));
    }
  });
  return actions;
}

function readConditions(reader: InputReader): NonNullable<PermissionRule['conditions']> {
  for (const unmodelled of ['secretName', 'secretTags', 'metadata', 'eventType']) {
    reader.refine(
      unmodelled,
      !reader.has(unmodelled),
      `The sandbox does not model ${unmodelled} conditions`,
    );
  }
  const environment = readCondition(reader, 'environment');
  const secretPath = readCondition(reader, 'secretPath');
  if (secretPath !== undefined) {
    const paths =
      typeof secretPath === 'string'
        ? [secretPath]
        : [secretPath.$eq, secretPath.$ne, ...(secretPath.$in ?? [])];
    reader.refine(
      'secretPath',
      paths.every((path) => path === undefined || path.startsWith('/')),
      SECRET_PATH_MESSAGE,
    );
  }
  return {
    ...(environment === undefined ? {} : { environment }),
    ...(secretPath === undefined ? {} : { secretPath }),
  };
}

/** A string, or an object of `$eq`, `$ne`, `$in` and `$glob` operators. */
function readCondition(reader: InputReader, key: string): PermissionCondition | undefined {
  const raw = reader.raw(key);
  if (raw === undefined || typeof raw === 'string') return raw;
  const operators = reader.nullableObject(key, (operator) => {
    const condition: Exclude<PermissionCondition, string> = {};
    for (const name of OPERATORS) {
      if (name === '$in') {
        const values = operator.optionalStringArray(name);
        if (values) condition.$in = values;
      } else {
        const value = operator.optionalString(name);
        if (value !== undefined) condition[name] = value;
      }
    }
    return condition;
  });
  if (operators === null) reader.issue(invalidTypeIssue(reader.pathOf(key), 'object', null));
  return operators ?? undefined;
}
