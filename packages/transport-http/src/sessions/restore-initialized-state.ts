import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { SessionRecord } from './session-store.js';

interface WebStandardInternals {
  _initialized: boolean;
  sessionId?: string;
}

interface NodeTransportInternals {
  _webStandardTransport?: WebStandardInternals;
}

interface ServerInternals {
  _clientCapabilities?: unknown;
  _clientVersion?: unknown;
}

/**
 * Puts a fresh transport and server in the state `initialize` left them in on the replica that
 * opened the session. SDK 1.32 has no public way to do this (typescript-sdk#1658 and PR #1668
 * propose `existingSessionId`), so this sets the same fields `initialize` sets, and fails loudly
 * if an SDK upgrade renamed them: a test restores a session on a second replica.
 */
export function restoreInitializedState(
  transport: StreamableHTTPServerTransport,
  server: Server,
  record: SessionRecord,
): void {
  const inner = (transport as unknown as NodeTransportInternals)._webStandardTransport;
  if (!inner || typeof inner._initialized !== 'boolean') {
    throw new Error(
      'The MCP SDK transport changed: cannot restore a session opened on another replica',
    );
  }
  inner._initialized = true;
  inner.sessionId = record.id;
  const internals = server as unknown as ServerInternals;
  internals._clientCapabilities = record.capabilities;
  internals._clientVersion = record.clientInfo;
  if (server.getClientVersion() !== record.clientInfo) {
    throw new Error('The MCP SDK server changed: cannot restore the client of a session');
  }
}
