import { badRequest } from '../errors/infisical-errors.js';
import type { Project } from '../state/model.js';

/**
 * A project's `enforceCapitalization`, checked as backend/src/services/secret/secret-service.ts
 * checks it before any other rule: single writes name the rule, batch writes list the names.
 */
export function assertUpperCaseName(project: Project, name: string | undefined): void {
  if (!project.enforceCapitalization || name === undefined || name === name.toUpperCase()) return;
  throw badRequest(
    'Secret name must be in UPPERCASE per project requirements. You can disable this requirement in project settings.',
  );
}

export function assertUpperCaseNames(project: Project, names: readonly (string | undefined)[]) {
  if (!project.enforceCapitalization) return;
  const violating = names.filter(
    (name): name is string => name !== undefined && name !== name.toUpperCase(),
  );
  if (violating.length === 0) return;
  throw badRequest(
    `Secret names must be in UPPERCASE per project requirements: ${violating.join(', ')}. You can disable this requirement in project settings`,
  );
}
