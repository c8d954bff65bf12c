import type { SandboxState } from '../state/sandbox-state.js';

/** What a client needs to use the seeded demo project. */
export interface SandboxDemo {
  organizationId: string;
  identityId: string;
  clientId: string;
  clientSecret: string;
  projectId: string;
  projectSlug: string;
  environments: string[];
}

/**
 * A "Demo Project" with a machine identity that can reach it, and a few secrets in dev that show
 * off references and folders. Values are fake; the client secret is random per start.
 */
export function seedDemo(state: SandboxState): SandboxDemo {
  const identity = state.createIdentity({ name: 'demo-identity' });
  const project = state.createProject({
    name: 'Demo Project',
    slug: 'demo-project',
    description: 'Seeded by the Infisical MCP sandbox',
    adminIdentityId: identity.id,
  });
  const dev = { projectId: project.id, environment: 'dev' };
  state.putSecret({
    ...dev,
    key: 'DATABASE_URL',
    value: 'postgres://demo:demo@localhost:5432/demo',
    comment: 'Primary database',
  });
  state.putSecret({ ...dev, key: 'API_KEY', value: 'demo-api-key-0123456789' });
  state.putSecret({
    ...dev,
    key: 'DB_DSN',
    value: '${DATABASE_URL}',
    comment: 'Reference to DATABASE_URL',
  });
  state.putSecret({ ...dev, key: 'LOG_LEVEL', value: 'debug' });
  state.putSecret({
    ...dev,
    secretPath: '/backend',
    key: 'REDIS_URL',
    value: 'redis://localhost:6379',
  });
  state.putSecret({
    projectId: project.id,
    environment: 'staging',
    key: 'DATABASE_URL',
    value: 'postgres://demo:demo@staging-db:5432/demo',
  });
  state.putSecret({
    projectId: project.id,
    environment: 'prod',
    key: 'DATABASE_URL',
    value: 'postgres://demo:demo@prod-db:5432/demo',
  });
  // Something to try the dynamic-secrets and kms tools on.
  state.dynamicSecrets.create({ projectId: project.id, environment: 'dev', name: 'demo-postgres' });
  state.kmsKeys.create({ projectId: project.id, orgId: project.orgId, name: 'demo-key' });
  return {
    organizationId: state.organization.id,
    identityId: identity.id,
    clientId: identity.clientId,
    clientSecret: identity.clientSecret,
    projectId: project.id,
    projectSlug: project.slug,
    environments: project.environments.map((environment) => environment.slug),
  };
}
