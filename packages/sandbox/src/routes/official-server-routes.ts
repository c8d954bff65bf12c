/**
 * The deprecated routes that only the official Infisical MCP server still calls (through
 * `@infisical/sdk`): `/api/v3/secrets/raw`, `/api/v1/workspace`, `/api/v2/workspace`, the
 * workspace environment and membership routes and `/api/v1/folders`. Our tools call the current
 * routes, so these are served only with the sandbox's `bench` option, for the bench that runs the
 * official server against the sandbox.
 */
export interface OfficialServerRoutes {
  officialServerRoutes: boolean;
}
