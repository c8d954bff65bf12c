import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireProjectPermission } from '../auth/project-access.js';
import { requireIdentity } from '../auth/request-identity.js';
import {
  DECRYPTED_RESPONSE,
  ENCRYPTED_RESPONSE,
  LIST_KMS_KEYS_RESPONSE,
} from '../responses/kms-response-schemas.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { type InputReader, readPart } from '../validation/input-reader.js';
import { invalidUuidIssue } from '../validation/validation-issue.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const MAX_DATA_BYTES = 4096;

/**
 * Infisical KMS (customer-managed keys) under `/api/v1/kms/keys`: list a project's keys, and
 * encrypt or decrypt base64 data with one. The key list pages with offset and limit (at most 100).
 * Mirrors backend/src/server/routes/v1/cmek-router.ts.
 */
export function registerKmsRoutes(app: FastifyInstance, state: SandboxState): void {
  const onRequest = requireIdentity(state);

  const listing = { onRequest, schema: { response: LIST_KMS_KEYS_RESPONSE } };
  app.get('/api/v1/kms/keys', listing, async (request) => {
    const query = readPart(request.query, (input) => {
      const projectId = input.string('projectId');
      const offset = input.optionalNumber('offset', { min: 0, coerce: true }) ?? 0;
      const limit = input.optionalNumber('limit', { min: 1, coerce: true }) ?? 100;
      input.refine('limit', limit <= 100, 'Number must be less than or equal to 100');
      return { projectId, offset, limit };
    });
    requireProjectPermission(state, request, query.projectId, 'read', 'cmek');
    const keys = state.kmsKeys.ofProject(query.projectId);
    return {
      keys: keys.slice(query.offset, query.offset + query.limit),
      totalCount: keys.length,
    };
  });

  /** The key, once the caller may `encrypt` or `decrypt` with the keys of its project. */
  const keyFor = (request: FastifyRequest, action: 'encrypt' | 'decrypt') => {
    const { keyId } = readPart(request.params, (input) => {
      const id = input.string('keyId');
      if (!UUID.test(id)) input.issue(invalidUuidIssue(input.pathOf('keyId')));
      return { keyId: id };
    });
    const key = state.kmsKeys.require(keyId);
    requireProjectPermission(state, request, key.projectId, action, 'cmek');
    return key;
  };

  const encryption = { onRequest, schema: { response: ENCRYPTED_RESPONSE } };
  app.post('/api/v1/kms/keys/:keyId/encrypt', encryption, async (request) => {
    const key = keyFor(request, 'encrypt');
    const { plaintext } = readPart(request.body, (input) => ({
      plaintext: readBase64(input, 'plaintext', 'plaintext must be base64 encoded'),
    }));
    return { ciphertext: state.kmsKeys.encrypt(key, Buffer.from(plaintext, 'base64')) };
  });

  const decryption = { onRequest, schema: { response: DECRYPTED_RESPONSE } };
  app.post('/api/v1/kms/keys/:keyId/decrypt', decryption, async (request) => {
    const key = keyFor(request, 'decrypt');
    const { ciphertext } = readPart(request.body, (input) => ({
      // Infisical's shared base64 schema says "plaintext" for every field.
      ciphertext: readBase64(input, 'ciphertext', 'plaintext must be base64 encoded'),
    }));
    const plaintext = state.kmsKeys.decrypt(key, Buffer.from(ciphertext, 'base64'));
    return { plaintext: plaintext.toString('base64') };
  });
}

function readBase64(input: InputReader, key: string, message: string): string {
  const value = input.string(key, { trim: false });
  input.refine(key, BASE64.test(value), message);
  input.refine(
    key,
    Buffer.byteLength(value, 'base64') <= MAX_DATA_BYTES,
    'data cannot exceed 4096 bytes',
  );
  return value;
}
