import { InfisicalApiError } from '../infisical/infisical-api-error.js';

/**
 * The message a model reads when a tool call fails: what went wrong and what to do next.
 * Built only from Infisical's status, error name and message, never from argument values.
 */
export function describeInfisicalFailure(error: InfisicalApiError): string {
  const reference = error.reqId ? ` (Infisical request id ${error.reqId})` : '';
  return `${error.message}${reference}. ${hintFor(error)}`;
}

/** The subjects whose rules Infisical may limit to environments and secret paths. */
const FOLDER_SCOPED_SUBJECTS = new Set([
  'secrets',
  'secret-folders',
  'secret-imports',
  'dynamic-secrets',
]);

function hintFor(error: InfisicalApiError): string {
  switch (error.kind) {
    case 'timeout':
      return `Infisical did not answer in time${mayHaveApplied(error)}; try again, or raise the timeout if this persists.`;
    case 'network':
      return `The connection to Infisical failed${mayHaveApplied(error)}. Check INFISICAL_HOST_URL and that the Infisical instance is reachable.`;
    case 'aborted':
      return 'The call was cancelled before Infisical answered; nothing more will happen.';
    case 'refused':
      return 'Nothing was sent to Infisical. Pass IDs, slugs and names exactly as the list tools show them.';
    case 'http':
      break;
  }
  if (error.isTokenRejected) {
    return 'Infisical rejected the credentials: check the machine identity (client ID and secret, or INFISICAL_TOKEN) and that it has not been revoked.';
  }
  if (error.isLowerCaseNameRefused) {
    return 'This project accepts only upper-case secret names: retry with the name in upper case (e.g. DATABASE_URL).';
  }
  if (error.isValueReadRefused) {
    return "The machine identity's project role may see these secrets' names but not read their values here: list them without values (includeValues: false), or ask a project admin for read-value access in this environment.";
  }
  if (error.isRoleRefusal) {
    const lacking =
      "The machine identity's project role lacks permission for this (Infisical names what is refused): a project admin can grant it.";
    return FOLDER_SCOPED_SUBJECTS.has(error.refusedSubject ?? '')
      ? `${lacking} A role may allow some environments or folders and not others, so another environment may still work.`
      : `${lacking} This permission applies to the whole project, not to one environment.`;
  }
  switch (error.status) {
    case 400:
    case 422:
      return 'Fix the arguments named above and try again.';
    case 401:
    case 403:
      return 'The machine identity lacks permission for this: grant it a role on the project or environment, or use another project.';
    case 404:
      if (error.isMissingSecretPath) {
        return 'No folder exists at that secretPath in that environment (or the environment does not exist): list-folders shows the folders of an environment, get-project its environments.';
      }
      return 'Check the project ID (list-projects), the environment slug, the folder path and the name; one of them does not exist.';
    case 409:
      return 'It already exists: use the update tool, or pick another name.';
    case 429:
      return error.retryAfterSeconds
        ? `Infisical is rate limiting: retry after ${error.retryAfterSeconds} seconds.`
        : 'Infisical is rate limiting: wait a little and retry.';
    default:
      return error.status >= 500
        ? 'Infisical failed to handle the request; try again later and quote the request id if it persists.'
        : 'See the message above.';
  }
}

/** A write whose answer was lost may or may not have been applied; it is never retried blindly. */
function mayHaveApplied(error: InfisicalApiError): string {
  return error.method === 'GET'
    ? ''
    : ': the change may or may not have been applied, so read it back before trying again';
}

export function isInfisicalFailure(error: unknown): error is InfisicalApiError {
  return error instanceof InfisicalApiError;
}
