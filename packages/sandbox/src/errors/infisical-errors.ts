import type { ValidationIssue } from '../validation/validation-issue.js';
import { SandboxHttpError } from './sandbox-http-error.js';

/** Factories for the errors Infisical's error handler produces, with its default messages. */

export function badRequest(message = 'The request is invalid', name = 'BadRequest') {
  return new SandboxHttpError(400, name, message);
}

export function unauthorized(
  message = 'You are not allowed to access this resource',
  name = 'UnauthorizedError',
) {
  return new SandboxHttpError(401, name, message);
}

export function tokenError(message: string) {
  return new SandboxHttpError(403, 'TokenError', message);
}

export function permissionDenied(message: string) {
  return new SandboxHttpError(403, 'PermissionDenied', message);
}

/** Infisical's ForbiddenRequestError: refused for a reason other than missing permissions. */
export function forbidden(message: string) {
  return new SandboxHttpError(403, 'ForbiddenError', message);
}

/** getSecretByName's refusal to show a value the role may describe but not read. */
export function forbiddenReadSecret(message: string) {
  return new SandboxHttpError(403, 'ForbiddenReadSecretError', message);
}

export function notFound(message = 'The requested entity is not found', name = 'NotFound') {
  return new SandboxHttpError(404, name, message);
}

export function validationFailure(issues: readonly ValidationIssue[]) {
  return new SandboxHttpError(422, 'ValidationFailure', issues);
}

export function rateLimitExceeded(retryAfterSeconds: number) {
  return new SandboxHttpError(
    429,
    'RateLimitExceeded',
    `Rate limit exceeded. Please try again in ${retryAfterSeconds} seconds`,
    { 'retry-after': String(retryAfterSeconds) },
  );
}

export function internalServerError(message = 'Something went wrong') {
  return new SandboxHttpError(500, 'InternalServerError', message);
}

export const TOKEN_EXPIRED_MESSAGE = 'Your token has expired. Please re-authenticate.';
export const TOKEN_MALFORMED_MESSAGE =
  'The provided access token is malformed. Please use a valid token or generate a new one and try again.';
