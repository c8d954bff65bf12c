export {
  type CallTool,
  exerciseEveryTool,
  sdkCaller,
  type ToolOutcome,
  toolsNotExercised,
  unexpectedOutcomes,
} from './exercise-every-tool.js';
export { type HeldConnection, holdConnection, trickle } from './held-connection.js';
export {
  initializeRequest,
  metricValue,
  readSseEvents,
  responseFromJson,
  responseFromSse,
  type SseEvent,
  STREAMABLE_ACCEPT,
  sseEventsOf,
} from './mcp-http-messages.js';
export {
  findLeaks,
  type Leak,
  type NeedleKind,
  Needles,
  recordIssuedTokens,
  seedUniqueSecrets,
} from './needles.js';
export { openPausedSseStream } from './paused-sse-stream.js';
export {
  SandboxAdminClient,
  type SandboxDynamicSecret,
  type SandboxEnvironment,
  type SandboxMember,
  type SandboxProject,
  type SandboxSecret,
  type SandboxSharedSecret,
} from './sandbox-admin-client.js';
export {
  type SignOptions,
  startTestTokenIssuer,
  type TestTokenIssuer,
} from './test-token-issuer.js';
