/** Who is calling, as established by client authentication, and what they may use. */
export interface ClientPrincipal {
  kind: 'anonymous' | 'api-key' | 'oauth';
  /**
   * Stable id: the API key's id, the token's subject, or "anonymous". Never a secret. Sessions
   * and limits belong to it, so it must tell clients apart: tokens without a subject are refused.
   */
  id: string;
  /** Only read-only tools. */
  readOnly: boolean;
  /** Only tools of these toolsets; undefined: all. */
  toolsets?: string[];
  scopes: string[];
}

export const ANONYMOUS: ClientPrincipal = {
  kind: 'anonymous',
  id: 'anonymous',
  readOnly: false,
  scopes: [],
};
