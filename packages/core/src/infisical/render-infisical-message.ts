interface ValidationIssue {
  path?: unknown;
  message?: unknown;
}

/**
 * Infisical answers most errors with a string message, but request validation failures (422)
 * carry the zod issue list. Turn either into one readable sentence.
 */
export function renderInfisicalMessage(message: unknown): string {
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) {
    const parts = message.map((issue: ValidationIssue) => {
      const path = Array.isArray(issue?.path) ? issue.path.join('.') : '';
      const text = typeof issue?.message === 'string' ? issue.message : JSON.stringify(issue);
      return path ? `${path}: ${text}` : text;
    });
    return parts.join('; ');
  }
  if (message === undefined || message === null) return '';
  return JSON.stringify(message);
}
