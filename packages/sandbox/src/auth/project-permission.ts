import { SandboxHttpError } from '../errors/sandbox-http-error.js';
import type { PermissionCondition, PermissionRule, Project } from '../state/model.js';
import { findBuiltInRole } from './built-in-project-roles.js';

/**
 * What a project member may do, from its roles, as CASL answers Infisical's
 * `ForbiddenError.from(permission).throwUnlessCan(action, subject)`. Built-in roles come from
 * built-in-project-roles.ts, custom ones from the project. Conditions on `environment` and
 * `secretPath` are honoured (the subjects with them: secrets, secret-folders, secret-imports,
 * dynamic-secrets); other conditions are not modelled.
 */

/** Infisical's `ProjectPermissionSecretActions`; `read` is the legacy describe-and-read-value. */
export const SECRET_ACTIONS = [
  'read',
  'describeSecret',
  'readValue',
  'create',
  'edit',
  'delete',
] as const;
export type SecretAction = (typeof SECRET_ACTIONS)[number];

/** The fields a rule's conditions look at. */
export interface PermissionFields {
  environment: string;
  secretPath: string;
}

export class ProjectPermission {
  constructor(private readonly rules: readonly PermissionRule[]) {}

  /** Every role of the identity's membership in `project`, built-in and custom. */
  static of(project: Project, identityId: string): ProjectPermission {
    const member = project.members.find(
      (candidate) => candidate.kind === 'identity' && candidate.identityId === identityId,
    );
    const rules = (member?.roles ?? []).flatMap(
      (slug) =>
        findBuiltInRole(slug)?.permissions ??
        project.roles.find((role) => role.slug === slug)?.permissions ??
        [],
    );
    return new ProjectPermission(rules);
  }

  /**
   * As CASL answers: some rule grants it and no inverted rule takes it away. Without `fields`
   * (Infisical asked about the subject type), a rule's conditions are not looked at, and an
   * inverted rule with conditions takes nothing away.
   */
  can(action: string, subject: string, fields?: PermissionFields): boolean {
    const applicable = this.rulesFor(action, subject).filter((rule) =>
      fields ? matchesConditions(rule, fields) : !(rule.inverted && rule.conditions),
    );
    return applicable.some((rule) => !rule.inverted) && !applicable.some((rule) => rule.inverted);
  }

  /** Throws Infisical's answer to a CASL `ForbiddenError` unless the action is allowed. */
  require(action: string, subject: string, fields?: PermissionFields): void {
    if (this.can(action, subject, fields)) return;
    throw permissionDeniedFor(action, subject, this.rulesFor(action, subject));
  }

  /**
   * Infisical's `throwIfMissingSecretReadValueOrDescribePermission`: the legacy `read` will do,
   * and otherwise `action` itself; the error names `action`.
   */
  requireSecretAccess(action: 'describeSecret' | 'readValue', fields: PermissionFields): void {
    if (this.can('read', 'secrets', fields)) return;
    this.require(action, 'secrets', fields);
  }

  /**
   * The same check without a folder: CASL asked about a subject type answers yes when any rule
   * grants the action, whatever its conditions, so a role limited to one environment passes.
   */
  requireSecretAccessSomewhere(action: 'describeSecret' | 'readValue'): void {
    const grants = (name: string) => this.rulesFor(name, 'secrets').some((rule) => !rule.inverted);
    if (grants('read') || grants(action)) return;
    throw permissionDeniedFor(action, 'secrets', this.rulesFor(action, 'secrets'));
  }

  /** Infisical's `hasSecretReadValueOrDescribePermission`. */
  canAccessSecret(action: 'describeSecret' | 'readValue', fields: PermissionFields): boolean {
    return this.can(action, 'secrets', fields) || this.can('read', 'secrets', fields);
  }

  private rulesFor(action: string, subject: string): PermissionRule[] {
    return this.rules.filter((rule) => rule.subject === subject && rule.action.includes(action));
  }
}

/**
 * The body Infisical's error handler (backend/src/server/plugins/error-handler.ts) sends for a
 * CASL `ForbiddenError`: the action and subject in the message, the rules for them in `details`.
 */
function permissionDeniedFor(action: string, subject: string, rules: PermissionRule[]) {
  return new SandboxHttpError(
    403,
    'PermissionDenied',
    `You are not allowed to ${action} on ${subject}`,
    {},
    rules.map((rule) => ({
      action: rule.action,
      inverted: rule.inverted,
      subject: rule.subject,
      conditions: rule.conditions,
    })),
  );
}

function matchesConditions(rule: PermissionRule, fields: PermissionFields): boolean {
  const conditions = rule.conditions ?? {};
  return (
    matchesCondition(conditions.environment, fields.environment) &&
    matchesCondition(conditions.secretPath, fields.secretPath)
  );
}

function matchesCondition(condition: PermissionCondition | undefined, value: string): boolean {
  if (condition === undefined) return true;
  if (typeof condition === 'string') return condition === value;
  if (condition.$eq !== undefined && condition.$eq !== value) return false;
  if (condition.$ne !== undefined && condition.$ne === value) return false;
  if (condition.$in !== undefined && !condition.$in.includes(value)) return false;
  if (condition.$glob !== undefined && !globToRegExp(condition.$glob).test(value)) return false;
  return true;
}

/** Infisical matches `secretPath` globs with picomatch; `**` crosses folders, `*` does not. */
function globToRegExp(glob: string): RegExp {
  const source = glob
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((literal) => literal.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*'),
    )
    .join('.*');
  return new RegExp(`^${source}$`);
}
