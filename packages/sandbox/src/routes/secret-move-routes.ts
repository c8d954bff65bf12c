import type { FastifyInstance } from 'fastify';
import { identityOf, requireIdentity } from '../auth/request-identity.js';
import { MOVED_SECRETS_RESPONSE } from '../responses/secret-response-schemas.js';
import { moveSecrets } from '../secrets/secret-mover.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { readSecretPath } from '../validation/infisical-fields.js';
import { type InputReader, readPart } from '../validation/input-reader.js';
import { invalidTypeIssue } from '../validation/validation-issue.js';

/**
 * `POST /api/v4/secrets/move`: moves secrets, by id, to another folder or environment. Mirrors
 * the move route of backend/src/server/routes/v4/secret-router.ts.
 */
export function registerSecretMoveRoutes(app: FastifyInstance, state: SandboxState): void {
  const move = { onRequest: requireIdentity(state), schema: { response: MOVED_SECRETS_RESPONSE } };
  app.post('/api/v4/secrets/move', move, async (request) => {
    const body = readPart(request.body, (input) => ({
      projectId: input.string('projectId'),
      sourceEnvironment: input.string('sourceEnvironment'),
      sourceSecretPath: readSecretPath(input, 'sourceSecretPath'),
      destinationEnvironment: input.string('destinationEnvironment'),
      destinationSecretPath: readSecretPath(input, 'destinationSecretPath'),
      secretIds: input.optionalStringArray('secretIds') ?? requiredArray(input, 'secretIds'),
      shouldOverwrite: input.optionalBoolean('shouldOverwrite') ?? false,
    }));
    return moveSecrets(state, identityOf(request).id, body);
  });
}

function requiredArray(input: InputReader, key: string): string[] {
  input.issue(invalidTypeIssue(input.pathOf(key), 'array', undefined));
  return [];
}
