import type { FastifyInstance } from 'fastify';
import { notFound } from '../errors/infisical-errors.js';
import { dumpState } from '../state/dump-state.js';
import type { SandboxState } from '../state/sandbox-state.js';
import type {
  DropNextFault,
  FailNextFault,
  FaultInjector,
  FaultSettings,
} from '../testing-hooks/fault-injector.js';
import { ADMIN_PREFIX } from '../testing-hooks/register-request-hooks.js';
import type { RequestStats } from '../testing-hooks/request-stats.js';
import { type InputReader, readPart } from '../validation/input-reader.js';

/**
 * Test hooks under `/__sandbox`, for tests that drive the sandbox from another process. They
 * are not counted in stats and never see injected faults. They mirror nothing in Infisical.
 */
export function registerAdminRoutes(
  app: FastifyInstance,
  state: SandboxState,
  stats: RequestStats,
  faults: FaultInjector,
): void {
  app.get(`${ADMIN_PREFIX}/stats`, async () => stats.snapshot());

  app.post(`${ADMIN_PREFIX}/stats/reset`, async () => {
    stats.reset();
    return stats.snapshot();
  });

  app.get(`${ADMIN_PREFIX}/faults`, async () => faults.snapshot());

  app.put(`${ADMIN_PREFIX}/faults`, async (request) =>
    faults.configure(readPart(request.body, readFaultSettings)),
  );

  app.delete(`${ADMIN_PREFIX}/faults`, async () => faults.clear());

  app.post(`${ADMIN_PREFIX}/tokens/expire`, async () => ({
    expired: state.expireAllAccessTokens(),
  }));

  app.post(`${ADMIN_PREFIX}/tokens/revoke-all`, async () => ({
    revoked: state.revokeAllAccessTokens(),
  }));

  app.get(`${ADMIN_PREFIX}/state`, async () => dumpState(state));

  app.post(`${ADMIN_PREFIX}/identities`, async (request) => {
    const body = readPart(request.body ?? {}, (input) => ({
      name: input.optionalString('name'),
      projectIds: input.optionalStringArray('projectIds'),
      roles: input.optionalStringArray('roles'),
    }));
    const identity = state.createIdentity(body);
    return {
      identityId: identity.id,
      clientId: identity.clientId,
      clientSecret: identity.clientSecret,
    };
  });

  registerServiceSeeding(app, state);

  app.post(`${ADMIN_PREFIX}/imports`, async (request) => {
    const body = readPart(request.body, (input) => ({
      projectId: input.string('projectId'),
      environment: input.string('environment'),
      secretPath: input.optionalString('secretPath'),
      importEnvironment: input.string('importEnvironment'),
      importPath: input.optionalString('importPath'),
    }));
    const secretImport = state.addSecretImport(body);
    return {
      secretImport: {
        id: secretImport.id,
        importEnvironment: secretImport.importEnv,
        importPath: secretImport.importPath,
        position: secretImport.position,
      },
    };
  });
}

/** Seeding what no tool creates: dynamic secrets and KMS keys. */
function registerServiceSeeding(app: FastifyInstance, state: SandboxState): void {
  app.post(`${ADMIN_PREFIX}/dynamic-secrets`, async (request) => {
    const body = readPart(request.body, (input) => ({
      projectId: input.string('projectId'),
      environment: input.string('environment'),
      path: input.optionalString('path'),
      name: input.string('name'),
      defaultTTL: input.optionalString('defaultTTL'),
      maxTTL: input.nullableString('maxTTL'),
    }));
    const project = state.requireProject(body.projectId);
    const folder = state.findFolder(project, body.environment, body.path ?? '/');
    if (!folder) throw notFound(`Folder '${body.path ?? '/'}' of '${body.environment}' not found`);
    const secret = state.dynamicSecrets.create(body);
    return { dynamicSecret: { id: secret.id, name: secret.name } };
  });

  app.post(`${ADMIN_PREFIX}/kms-keys`, async (request) => {
    const body = readPart(request.body, (input) => ({
      projectId: input.string('projectId'),
      name: input.string('name'),
      description: input.optionalString('description'),
      isDisabled: input.optionalBoolean('isDisabled'),
    }));
    const project = state.requireProject(body.projectId);
    const key = state.kmsKeys.create({ ...body, orgId: project.orgId });
    return { key: { id: key.id, name: key.name } };
  });
}

function readFaultSettings(input: InputReader): FaultSettings {
  return {
    latencyMs: input.optionalNumber('latencyMs', { min: 0 }),
    failNext: input.nullableObject('failNext', readFailNext),
    dropNext: input.nullableObject('dropNext', readDropNext),
  };
}

function readFailNext(input: InputReader): FailNextFault {
  const status = input.number('status');
  input.refine(
    'status',
    !input.has('status') || (Number.isInteger(status) && status >= 400 && status <= 599),
    'status must be an integer from 400 to 599',
  );
  return {
    status,
    count: readCount(input),
    retryAfterSeconds: input.optionalNumber('retryAfterSeconds', { min: 0 }),
    route: input.optionalString('route'),
  };
}

function readDropNext(input: InputReader): DropNextFault {
  const when = input.optionalString('when');
  input.refine(
    'when',
    when === undefined || when === 'before' || when === 'after',
    'when must be "before" or "after"',
  );
  return {
    count: readCount(input),
    route: input.optionalString('route'),
    when: when as DropNextFault['when'],
  };
}

function readCount(input: InputReader): number | undefined {
  const count = input.optionalNumber('count', { min: 1 });
  input.refine('count', count === undefined || Number.isInteger(count), 'count must be an integer');
  return count;
}
