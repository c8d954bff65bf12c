import type { FastifyInstance } from 'fastify';
import { identityOf, requireIdentity } from '../auth/request-identity.js';
import {
  CREATED_SECRETS_RESPONSE,
  WRITTEN_SECRETS_RESPONSE,
} from '../responses/secret-response-schemas.js';
import { SECRET_TYPES, SecretWriter } from '../secrets/secret-writer.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { readNewSecretName, readOptionalNewSecretName } from '../validation/infisical-fields.js';
import { readPart } from '../validation/input-reader.js';
import { resolveProjectId } from './project-reference.js';
import { readWriteScope } from './secret-write-scope.js';

const UPDATE_MODES = ['failOnNotFound', 'upsert', 'ignore'] as const;
const BATCH_PATH = '/api/v4/secrets/batch';

/**
 * `/api/v4/secrets/batch`: create, update and delete many secrets of one folder at once. Mirrors
 * the batch routes of backend/src/server/routes/v4/secret-router.ts.
 */
export function registerSecretBatchRoutes(app: FastifyInstance, state: SandboxState): void {
  const writer = new SecretWriter(state);
  const onRequest = requireIdentity(state);

  app.post(
    BATCH_PATH,
    { onRequest, schema: { response: CREATED_SECRETS_RESPONSE } },
    async (request) => {
      const body = readPart(request.body, (input) => ({
        ...readWriteScope(input, 'current'),
        secrets: input.objectArray(
          'secrets',
          (item) => ({
            secretKey: readNewSecretName(item, 'secretKey'),
            secretValue: item.string('secretValue', { trim: false }),
            // Trimmed on create, as Infisical's batch create schema does; not on update.
            secretComment: item.optionalString('secretComment') ?? '',
            skipMultilineEncoding: item.optionalBoolean('skipMultilineEncoding'),
            tagIds: item.optionalStringArray('tagIds'),
          }),
          { min: 1 },
        ),
      }));
      const projectId = resolveProjectId(state, body.project, 'Missing project id');
      return writer.createMany(identityOf(request).id, { ...body, projectId });
    },
  );

  app.patch(
    BATCH_PATH,
    { onRequest, schema: { response: WRITTEN_SECRETS_RESPONSE } },
    async (request) => {
      const body = readPart(request.body, (input) => ({
        ...readWriteScope(input, 'current'),
        mode: input.enumValue('mode', UPDATE_MODES) ?? 'failOnNotFound',
        secrets: input.objectArray(
          'secrets',
          (item) => ({
            secretKey: readNewSecretName(item, 'secretKey'),
            secretPath: item.optionalString('secretPath'),
            secretValue: item.optionalString('secretValue', { trim: false }),
            secretComment: item.optionalString('secretComment', { trim: false }),
            newSecretName: readOptionalNewSecretName(item, 'newSecretName'),
            skipMultilineEncoding: item.optionalBoolean('skipMultilineEncoding'),
            tagIds: item.optionalStringArray('tagIds'),
          }),
          { min: 1 },
        ),
      }));
      const projectId = resolveProjectId(state, body.project, 'Missing project id');
      return writer.updateMany(identityOf(request).id, { ...body, projectId });
    },
  );

  app.delete(
    BATCH_PATH,
    { onRequest, schema: { response: WRITTEN_SECRETS_RESPONSE } },
    async (request) => {
      const body = readPart(request.body, (input) => ({
        ...readWriteScope(input, 'current'),
        secrets: input.objectArray(
          'secrets',
          (item) => ({
            secretKey: item.string('secretKey'),
            type: item.enumValue('type', SECRET_TYPES) ?? 'shared',
          }),
          { min: 1 },
        ),
      }));
      const projectId = resolveProjectId(state, body.project, 'Missing project id');
      return writer.deleteMany(identityOf(request).id, { ...body, projectId });
    },
  );
}
