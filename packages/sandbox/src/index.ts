export { buildSandboxApp, createSandboxApp, type SandboxApp } from './build-sandbox-app.js';
export type { Clock } from './clock.js';
export { sandboxBanner } from './demo/sandbox-banner.js';
export type { SandboxDemo } from './demo/seed-demo.js';
export { type SandboxForServer, startSandboxForServer } from './demo/start-sandbox-for-server.js';
export {
  DEFAULT_ACCESS_TOKEN_MAX_TTL,
  DEFAULT_ACCESS_TOKEN_TTL,
  type SandboxOptions,
} from './sandbox-options.js';
export {
  expandSecretReferences,
  MAX_SECRET_REFERENCE_DEPTH,
  parseSecretReference,
  type ReferencedValueLookup,
  type SecretReference,
} from './secrets/expand-secret-references.js';
export {
  DEFAULT_HOST,
  type ListenOptions,
  type RunningSandbox,
  type StartSandboxOptions,
  startSandbox,
} from './start-sandbox.js';
export type { StateDump } from './state/dump-state.js';
export {
  type AccessToken,
  type Environment,
  type Folder,
  type IdentityMember,
  type MachineIdentity,
  type Organization,
  type OrgUser,
  type PermissionCondition,
  type PermissionRule,
  PROJECT_TYPES,
  type Project,
  type ProjectMember,
  type ProjectRole,
  type ProjectType,
  type Secret,
  type SecretImport,
  type SecretTag,
  type SecretVersion,
  type UserMember,
} from './state/model.js';
export type {
  AddSecretImportInput,
  CreateIdentityInput,
  CreateProjectInput,
  CreateProjectRoleInput,
  PutSecretInput,
  SandboxState,
  TokenPolicy,
} from './state/sandbox-state.js';
export type {
  DropNextFault,
  FailNextFault,
  FaultInjector,
  FaultSettings,
  FaultSnapshot,
} from './testing-hooks/fault-injector.js';
export type { RequestStats, RequestStatsSnapshot } from './testing-hooks/request-stats.js';
