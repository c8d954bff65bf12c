/**
 * Thrown by a handler when the arguments are well-typed but cannot work together (say, an
 * invite with neither emails nor usernames). The server returns its message to the model as
 * an `isError` result; nothing has been sent to Infisical.
 */
export class ToolInputError extends Error {
  override readonly name = 'ToolInputError';
}
