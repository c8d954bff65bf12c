import { randomBytes } from 'node:crypto';
import { defineTool } from '@infisical/mcp-core';
import { Type } from '@sinclair/typebox';

/**
 * A tool of this server's own, defined exactly like Infisical's: a value with schemas,
 * annotations and a handler. It never talks to Infisical, so it ignores the context.
 */
export const generateSecretValueTool = defineTool({
  name: 'generate-secret-value',
  title: 'Generate secret value',
  description:
    'Generate a random value suitable for a new secret (an API key or password), to pass to create-secret or update-secret. Returns the value and its length.',
  toolset: 'utilities',
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: false,
    openWorldHint: false,
  },
  inputSchema: Type.Object({
    length: Type.Integer({
      minimum: 16,
      maximum: 256,
      default: 32,
      description: 'Number of characters, 16 to 256. Defaults to 32.',
    }),
  }),
  outputSchema: Type.Object({
    secretValue: Type.String({ description: 'The generated value (URL-safe base64 characters).' }),
    length: Type.Integer(),
  }),
  async handler({ length }) {
    const secretValue = randomBytes(length).toString('base64url').slice(0, length);
    return { secretValue, length };
  },
});
