import type { Project } from '../state/model.js';

/** Infisical's `projectWithEnv`: the sanitized project plus `_id` and its environments. */
export function projectView(project: Project) {
  return {
    ...sanitizedProjectView(project),
    _id: project.id,
    environments: project.environments.map((environment) => ({
      name: environment.name,
      slug: environment.slug,
      id: environment.id,
    })),
  };
}

/** Infisical's `SanitizedProjectSchema`, which update and delete return. */
export function sanitizedProjectView(project: Project) {
  return {
    id: project.id,
    name: project.name,
    slug: project.slug,
    description: project.description,
    type: project.type,
    defaultProduct: null,
    // Infisical's project service sets `enforceCapitalization` from the update's
    // `autoCapitalization` and sets both; `SanitizedProjectSchema` answers only the latter.
    autoCapitalization: project.enforceCapitalization,
    orgId: project.orgId,
    createdAt: project.createdAt,
    updatedAt: project.updatedAt,
    version: 3,
    upgradeStatus: null,
    pitVersionLimit: 10,
    kmsCertificateKeyId: null,
    auditLogsRetentionDays: null,
    hasDeleteProtection: project.hasDeleteProtection,
    secretSharing: true,
    showSnapshotsLegacy: false,
    secretDetectionIgnoreValues: null,
  };
}
