import Fastify, { type FastifyInstance } from 'fastify';
import { type SandboxDemo, seedDemo } from './demo/seed-demo.js';
import { registerErrorHandling } from './errors/register-error-handling.js';
import { newRequestId } from './ids.js';
import { registerAdminRoutes } from './routes/admin-routes.js';
import { registerAuthRoutes } from './routes/auth-routes.js';
import { registerDynamicSecretRoutes } from './routes/dynamic-secret-routes.js';
import {
  registerEnvironmentChangeRoutes,
  registerEnvironmentRoutes,
} from './routes/environment-routes.js';
import { registerFolderChangeRoutes, registerFolderRoutes } from './routes/folder-routes.js';
import { registerIdentityMembershipRoutes } from './routes/identity-membership-routes.js';
import { registerKmsRoutes } from './routes/kms-routes.js';
import { registerMembershipRoutes } from './routes/membership-routes.js';
import { registerProjectRoleRoutes } from './routes/project-role-routes.js';
import { registerProjectChangeRoutes, registerProjectRoutes } from './routes/project-routes.js';
import { registerSecretBatchRoutes } from './routes/secret-batch-routes.js';
import { registerSecretImportRoutes } from './routes/secret-import-routes.js';
import { registerSecretMoveRoutes } from './routes/secret-move-routes.js';
import {
  CURRENT_SECRET_ROUTES,
  DEPRECATED_SECRET_ROUTES,
  registerSecretRoutes,
} from './routes/secret-routes.js';
import { registerSecretSharingRoutes } from './routes/secret-sharing-routes.js';
import { registerSnapshotRoutes } from './routes/snapshot-routes.js';
import { registerStatusRoutes } from './routes/status-routes.js';
import { registerTagRoutes } from './routes/tag-routes.js';
import { resolveSandboxOptions, type SandboxOptions } from './sandbox-options.js';
import { SandboxState } from './state/sandbox-state.js';
import { FaultInjector } from './testing-hooks/fault-injector.js';
import { registerRequestHooks } from './testing-hooks/register-request-hooks.js';
import { RequestStats } from './testing-hooks/request-stats.js';

export interface SandboxApp<Demo extends SandboxDemo | undefined = SandboxDemo> {
  /** Ready to `inject()` or `listen()`; buildSandboxApp never listens itself. */
  app: FastifyInstance;
  state: SandboxState;
  faults: FaultInjector;
  stats: RequestStats;
  /** Credentials and ids of the seeded demo; undefined when `seedDemo` is false. */
  demo: Demo;
}

/**
 * An in-memory, Infisical-compatible API. Nothing is persisted and nothing is logged. The seeded
 * overload comes last so that `ReturnType<typeof buildSandboxApp>` is the usual, seeded shape.
 */
export function buildSandboxApp(
  options: SandboxOptions & { seedDemo: false },
): SandboxApp<undefined>;
export function buildSandboxApp(options?: SandboxOptions & { seedDemo?: true }): SandboxApp;
export function buildSandboxApp(options: SandboxOptions = {}): SandboxApp<SandboxDemo | undefined> {
  return createSandboxApp(options);
}

/** {@link buildSandboxApp} for callers whose `seedDemo` is only known at run time. */
export function createSandboxApp(options: SandboxOptions): SandboxApp<SandboxDemo | undefined> {
  const resolved = resolveSandboxOptions(options);
  const state = new SandboxState(resolved.now, {
    accessTokenTTL: resolved.accessTokenTTL,
    accessTokenMaxTTL: resolved.accessTokenMaxTTL,
  });
  const faults = new FaultInjector(resolved.latencyMs);
  const stats = new RequestStats();

  const app: FastifyInstance = Fastify({
    logger: false,
    genReqId: newRequestId,
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true },
  });
  registerErrorHandling(app);
  registerRequestHooks(app, stats, faults);
  registerStatusRoutes(app);
  registerAuthRoutes(app, state);
  const routes = { officialServerRoutes: resolved.bench };
  registerSecretRoutes(app, state, CURRENT_SECRET_ROUTES);
  if (resolved.bench) registerSecretRoutes(app, state, DEPRECATED_SECRET_ROUTES);
  registerSecretBatchRoutes(app, state);
  registerProjectRoutes(app, state, routes);
  registerEnvironmentRoutes(app, state, routes);
  registerFolderRoutes(app, state, routes);
  registerMembershipRoutes(app, state, routes);
  registerSecretMoveRoutes(app, state);
  registerTagRoutes(app, state);
  registerProjectChangeRoutes(app, state);
  registerEnvironmentChangeRoutes(app, state);
  registerFolderChangeRoutes(app, state);
  registerSecretImportRoutes(app, state);
  registerSnapshotRoutes(app, state);
  registerIdentityMembershipRoutes(app, state);
  registerDynamicSecretRoutes(app, state);
  registerKmsRoutes(app, state);
  registerProjectRoleRoutes(app, state);
  registerSecretSharingRoutes(app, state);
  registerAdminRoutes(app, state, stats, faults);

  const demo = resolved.seedDemo ? seedDemo(state) : undefined;
  return { app, state, faults, stats, demo };
}
