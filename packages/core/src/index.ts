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
export {
  type InfisicalEnvSettings,
  parseToolsets,
  type ReadInfisicalEnvOptions,
  readInfisicalEnv,
} from './config/read-infisical-env.js';
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
export { LOG_LEVELS, LOG_REDACT_PATHS } from './log-redaction.js';
export { type Logger, silentLogger } from './logger.js';
export {
  createInfisicalMcpServer,
  type InfisicalMcpServerOptions,
} from './server/create-infisical-mcp-server.js';
export { MASKED_VALUE } from './server/mask-secret-values.js';
export {
  filterTools,
  selectTools,
  type ToolFilter,
  UnknownToolError,
} from './server/select-tools.js';
export { allTools } from './tools/all-tools.js';
export { environmentTools } from './tools/environments/index.js';
export { folderTools } from './tools/folders/index.js';
export {
  defineTool,
  type InfisicalTool,
  type ToolAnnotations,
  type ToolContext,
  type Toolset,
} from './tools/infisical-tool.js';
export { memberTools } from './tools/members/index.js';
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
export { ToolInputError } from './tools/tool-input-error.js';
export { CORE_VERSION } from './version.js';
