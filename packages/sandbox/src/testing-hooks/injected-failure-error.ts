import { STATUS_CODES } from 'node:http';
import {
  badRequest,
  internalServerError,
  notFound,
  permissionDenied,
  rateLimitExceeded,
  unauthorized,
  validationFailure,
} from '../errors/infisical-errors.js';
import { SandboxHttpError } from '../errors/sandbox-http-error.js';
import { customIssue } from '../validation/validation-issue.js';
import type { InjectedFailure } from './fault-injector.js';

/** The error Infisical would send with this status, so clients see realistic bodies. */
export function injectedFailureError(failure: InjectedFailure): SandboxHttpError {
  const error = errorForStatus(failure);
  if (failure.retryAfterSeconds === undefined || error.headers['retry-after']) return error;
  return new SandboxHttpError(error.statusCode, error.errorName, error.responseMessage, {
    ...error.headers,
    'retry-after': String(failure.retryAfterSeconds),
  });
}

function errorForStatus({ status, retryAfterSeconds }: InjectedFailure): SandboxHttpError {
  switch (status) {
    case 400:
      return badRequest();
    case 401:
      return unauthorized();
    case 403:
      return permissionDenied('You are not allowed to access this resource');
    case 404:
      return notFound();
    case 422:
      return validationFailure([customIssue([], 'Injected validation failure')]);
    case 429:
      return rateLimitExceeded(retryAfterSeconds ?? 1);
    case 500:
      return internalServerError();
    default: {
      const reason = STATUS_CODES[status] ?? 'Error';
      return new SandboxHttpError(status, reason.replace(/\s+/g, ''), reason);
    }
  }
}
