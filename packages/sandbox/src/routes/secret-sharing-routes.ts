import type { FastifyInstance } from 'fastify';
import { identityOf, requireIdentity } from '../auth/request-identity.js';
import { SHARED_SECRET_RESPONSE } from '../responses/secret-sharing-response-schemas.js';
import type { SandboxState } from '../state/sandbox-state.js';
import type { SharedSecret } from '../state/shared-secret-store.js';
import { parseDuration } from '../validation/duration.js';
import { readPart } from '../validation/input-reader.js';

const FIVE_MINUTES_MS = 5 * 60_000;
const THIRTY_DAYS_MS = 30 * 86_400_000;
const ACCESS_TYPES = ['anyone', 'organization'] as const;

/**
 * Creating a link that shares one secret value: `POST /api/v1/secret-sharing`, the route current
 * Infisical serves (backend/src/server/routes/v1/secret-sharing-router.ts, registered under
 * `/secret-sharing` in v1/index.ts since PR #5427; the API reference's `/api/v1/shared-secrets`
 * is not served). The link points at the sandbox itself; the value is kept (and shown in the
 * state dump) but never returned.
 */
export function registerSecretSharingRoutes(app: FastifyInstance, state: SandboxState): void {
  const onRequest = requireIdentity(state);

  const creation = { onRequest, schema: { response: SHARED_SECRET_RESPONSE } };
  app.post('/api/v1/secret-sharing', creation, async (request) => {
    const body = readPart(request.body, (input) => {
      const name = input.optionalString('name', { max: 50 });
      const password = input.optionalString('password', { trim: false });
      const secretValue = input.string('secretValue', { trim: false, max: 10_000 });
      const expiresIn = input.optionalString('expiresIn') ?? '30d';
      const maxViews = input.optionalNumber('maxViews', { min: 1 });
      const accessType = input.enumValue('accessType', ACCESS_TYPES) ?? 'organization';
      const duration = parseDuration(expiresIn);
      input.refine('expiresIn', duration !== undefined, 'Invalid duration format');
      if (duration !== undefined) {
        input.refine(
          'expiresIn',
          duration <= THIRTY_DAYS_MS,
          'Expiration time cannot exceed 30 days',
        );
        input.refine(
          'expiresIn',
          duration >= FIVE_MINUTES_MS,
          'Expiration time cannot be less than 5 minutes',
        );
      }
      return { name, password, secretValue, duration: duration ?? 0, maxViews, accessType };
    });
    const now = state.now();
    const shared = state.sharedSecrets.add({
      name: body.name ?? null,
      value: body.secretValue,
      hasPassword: body.password !== undefined && body.password !== '',
      accessType: body.accessType,
      expiresAt: new Date(now.getTime() + body.duration),
      expiresAfterViews: body.maxViews ?? null,
      orgId: state.organization.id,
      identityId: identityOf(request).id,
      createdAt: now,
    });
    const origin = `${request.protocol}://${request.headers.host ?? 'localhost'}`;
    return {
      ...sharedSecretView(shared),
      sharedSecretLink: `${origin}/shared/secret/${shared.id}`,
    };
  });
}

/** Infisical's `SanitizedSecretSharingSchema`: everything but the value and the password. */
function sharedSecretView(shared: SharedSecret) {
  return {
    id: shared.id,
    name: shared.name,
    type: 'share',
    accessType: shared.accessType,
    expiresAt: shared.expiresAt,
    expiresAfterViews: shared.expiresAfterViews,
    lastViewedAt: null,
    userId: null,
    identityId: shared.identityId,
    orgId: shared.orgId,
    authorizedEmails: null,
    createdAt: shared.createdAt,
    updatedAt: shared.createdAt,
  };
}
