import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { ClientPrincipal } from './auth/client-principal.js';

/** How a client reached the server; one label per transport in logs and metrics. */
export type TransportKind = 'streamable-http' | 'plain-json-rpc' | 'legacy-sse' | 'websocket';

export interface McpSessionContext {
  transport: TransportKind;
  /** Absent for stateless plain JSON-RPC requests. */
  sessionId?: string;
  /** The authenticated client; the factory narrows the tools to what it may use. */
  principal: ClientPrincipal;
  /**
   * Headers of the request that opened the session (lower-case names), for factories that
   * take per-client settings from them. Read once: later requests of the session cannot change
   * what the session was opened with.
   */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /**
   * For a Streamable HTTP session, what it keeps between requests: its server is built again
   * from the session's record whenever this replica holds none for it.
   */
  session?: SessionState;
}

/** What a Streamable HTTP session keeps in its record for the next server built for it. */
export interface SessionState {
  /** Toolsets the session enabled with enable-toolset (dynamic toolsets). */
  enabledToolsets: readonly string[];
  /** Keeps the session's enabled toolsets in its record. */
  saveEnabledToolsets(toolsets: readonly string[]): Promise<void>;
}

/**
 * Builds one MCP server per session (or per stateless request). The HTTP layer knows nothing
 * about what the server does: it only connects transports to what this returns.
 */
export type McpServerFactory = (context: McpSessionContext) => Server;

/** What GET /mcp and GET /health tell about the server behind the transports. */
export interface ServerDescription {
  name: string;
  version: string;
  toolCount?: number;
}

export interface ReadinessReport {
  ready: boolean;
  /** Why not, in words an operator can act on; never a credential. */
  detail?: string;
}
