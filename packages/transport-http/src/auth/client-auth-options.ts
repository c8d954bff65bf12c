/** How HTTP and WebSocket clients prove who they are. Chosen at start-up. */
export type ClientAuthOptions =
  | { mode: 'none' }
  | { mode: 'api-key'; keys: ApiKeyEntry[] }
  | {
      mode: 'oauth';
      /** Expected `iss` of access tokens. */
      issuer: string;
      /** Expected `aud`: this server's resource identifier. */
      audience: string;
      /** Where the issuer publishes its signing keys. */
      jwksUrl: string;
      /** Authorization servers named in the protected resource metadata. Default: [issuer]. */
      authorizationServers?: string[];
    };

/**
 * An API key as stored: its SHA-256 digest, never the key itself, with what it may do.
 * Several entries allow rotation: add the new key, move clients, remove the old one.
 */
export interface ApiKeyEntry {
  /** Names the key in logs and metrics; not secret. */
  id: string;
  /** Lower-case hex SHA-256 of the key. */
  sha256: string;
  readOnly?: boolean;
  toolsets?: string[];
}

/** Scopes an OAuth access token carries: read or write access, and optionally toolsets. */
export const OAUTH_SCOPES = {
  read: 'mcp:read',
  write: 'mcp:write',
  toolsetPrefix: 'mcp:toolset:',
} as const;
