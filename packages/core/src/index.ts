// Public API of @infisical/mcp-core. Adding a name here makes it public: keep it deliberate.

export { AccessTokenProvider } from './auth/access-token-provider.js';
export { PerCallTokenProvider } from './auth/per-call-provider.js';
export type { SharedToken, SharedTokenCache } from './auth/shared-token-cache.js';
export type { TokenProvider } from './auth/token-provider.js';
export type { AccessTokenGrant, UniversalAuthCredentials } from './auth/universal-auth-api.js';
export {
  type UniversalAuthProviderOptions,
  UniversalAuthTokenProvider,
} from './auth/universal-auth-provider.js';
export { ConfigError } from './config/config-error.js';
export { debugSwitchOn, effectiveLogLevel } from './config/debug-switch.js';
export {
  COMMAND_SETTINGS,
  COMMAND_SHORT_FLAGS,
  DYNAMIC_TOOLSET_SETTINGS,
  INFISICAL_CONNECTION_SETTINGS,
  POLICY_SETTINGS,
  PROCESS_SETTINGS,
  SAFETY_SETTINGS,
  TOOL_SETTINGS,
} from './config/infisical-settings.js';
export {
  canonicalToolsetName,
  type InfisicalEnvSettings,
  parseToolsets,
  type ReadInfisicalEnvOptions,
  readInfisicalEnv,
  type SandboxCredentials,
  withSandbox,
} from './config/read-infisical-env.js';
export { openPolicyAudit, type PolicyFromSettings, readPolicy } from './config/read-policy.js';
export { readServerEnv, type ServerEnv } from './config/read-server-env.js';
export {
  parseSettingFlags,
  type ReadSettings,
  readSettings,
  type SettingsInput,
  settingName,
} from './config/read-settings.js';
export {
  renderHelpOptions,
  renderServerJsonVariables,
  renderSettingsTable,
  settingsOf,
  settingVariables,
} from './config/render-settings.js';
export {
  Setting,
  type SettingAnnotations,
  type SettingGroup,
  type SettingSchema,
  type SettingValues,
  settingGroup,
} from './config/setting.js';
export {
  type InfisicalReadiness,
  infisicalReadinessCheck,
} from './infisical/check-infisical-readiness.js';
export {
  type ConnectionOptions,
  createInfisicalClient,
  DEFAULT_INFISICAL_HOST_URL,
  type InfisicalAuth,
} from './infisical/create-infisical-client.js';
export {
  InfisicalApiError,
  type InfisicalApiErrorDetails,
  type InfisicalFailureKind,
} from './infisical/infisical-api-error.js';
export { InfisicalClient } from './infisical/infisical-client.js';
export {
  DEFAULT_TIMEOUT_MS,
  type InfisicalCallEvent,
  InfisicalHttp,
  type InfisicalHttpOptions,
  type InfisicalRequest,
} from './infisical/infisical-http.js';
export type { HttpAnswer, HttpSend, HttpSendInit } from './infisical/node-http-send.js';
export {
  DEFAULT_RETRY_POLICY,
  type RetryOptions,
  type RetryPolicy,
} from './infisical/retry-policy.js';
export { lazyChildLogger } from './lazy-child-logger.js';
export { LOG_LEVELS, LOG_REDACT_PATHS } from './log-redaction.js';
export { type Logger, silentLogger } from './logger.js';
export { openAuditDestination } from './safety/audit-destination.js';
export {
  type AuditEntry,
  type AuditOutcome,
  type AuditSink,
  logAuditSink,
} from './safety/audit-trail.js';
export {
  type CallTarget,
  type EnvironmentSlugLookup,
  lacksTargetDeclaration,
  resolveCallTarget,
} from './safety/call-target.js';
export { canonicalSlug } from './safety/canonical-slug.js';
export { CONFIRM_MODES, type ConfirmMode } from './safety/confirm-destructive.js';
export {
  defaultPolicy,
  defaultValueMasker,
  narrowPolicy,
  type Policy,
  type PolicyNarrowing,
} from './safety/policy.js';
export { ProtectedEnvironments } from './safety/protected-environments.js';
export {
  narrowerValuePolicy,
  SECRET_VALUE_POLICIES,
  SecretValueMasker,
  type SecretValuePolicy,
} from './safety/secret-value-policy.js';
export { SECRET_VALUE_MARKER } from './safety/secret-value-schema.js';
export type {
  ArgumentName,
  NamesAt,
  TargetDeclaration,
  TargetReach,
} from './safety/target-declaration.js';
export { hintsWithDefaults } from './server/advertised-annotations.js';
export {
  createInfisicalMcpServer,
  type InfisicalMcpServerOptions,
} from './server/create-infisical-mcp-server.js';
export type { SessionToolsets } from './server/dynamic-toolsets.js';
export type { ResourceAndPromptOptions } from './server/register-resources-and-prompts.js';
export {
  filterTools,
  selectTools,
  type ToolChoice,
  UnknownToolError,
} from './server/select-tools.js';
export { serializeJsonRpcMessage } from './server/serialize-message.js';
export { SharedChildLoggers } from './shared-child-loggers.js';
export { accessTools, memberTools } from './tools/access/index.js';
export { allTools } from './tools/all-tools.js';
export {
  ALL_TOOLSETS,
  CORE_TOOL_NAMES,
  CORE_TOOLSET,
  officialToolNames,
  TOOLSET_DESCRIPTIONS,
  toolsetsOrDefault,
} from './tools/core-catalogue.js';
export { dynamicSecretTools } from './tools/dynamic-secrets/index.js';
export { environmentTools } from './tools/environments/index.js';
export { folderTools } from './tools/folders/index.js';
export { importTools } from './tools/imports/index.js';
export {
  defineTool,
  type InfisicalTool,
  type ToolAnnotations,
  type ToolContext,
  type Toolset,
} from './tools/infisical-tool.js';
export { kmsTools } from './tools/kms/index.js';
export {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type Page,
  type PageRequest,
  paginate,
} from './tools/pagination.js';
export { projectTools } from './tools/projects/index.js';
export { renderToolTable } from './tools/render-tool-table.js';
export { secretTools } from './tools/secrets/index.js';
export { sharingTools } from './tools/sharing/index.js';
export { snapshotTools } from './tools/snapshots/index.js';
export { tagTools } from './tools/tags/index.js';
export { ToolInputError } from './tools/tool-input-error.js';
export { maskUrlCredentials } from './url-credentials.js';
export { CORE_VERSION } from './version.js';
