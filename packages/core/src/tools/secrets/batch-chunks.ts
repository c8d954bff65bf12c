import { Type } from '@sinclair/typebox';
import { InfisicalApiError } from '../../infisical/infisical-api-error.js';
import type { ToolContext } from '../infisical-tool.js';
import { ToolInputError } from '../tool-input-error.js';

/** Secrets per batch request; Infisical writes each request in one transaction. */
export const BATCH_CHUNK_SIZE = 100;
/** Most secrets one batch tool call takes. */
export const MAX_BATCH_SIZE = 1000;

/** Names quoted when a later request fails: enough to recognise the range, not a flood. */
const MAX_NAMES_IN_MESSAGE = 20;

export const batchResultItem = Type.Object({
  secretKey: Type.String({ description: 'Name of the secret.' }),
  id: Type.String({ description: 'Infisical ID of the secret.' }),
  version: Type.Number({ description: 'Its version after the call.' }),
});

/**
 * Sends `items` in requests of {@link BATCH_CHUNK_SIZE}, reporting progress before each (how
 * many are done so far): the result itself says the last one is done, and a notification sent
 * right before the result can reach a client after it, when it no longer listens. A request
 * that fails after others succeeded says which secrets were already written, since Infisical
 * cannot undo those.
 */
export async function inBatchChunks<T, R>(
  items: readonly T[],
  nameOf: (item: T) => string,
  send: (chunk: T[]) => Promise<R[]>,
  { reportProgress }: Pick<ToolContext, 'reportProgress'>,
  verb: string,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += BATCH_CHUNK_SIZE) {
    const chunk = items.slice(start, start + BATCH_CHUNK_SIZE);
    await reportProgress(
      start,
      items.length,
      `${start} of ${items.length} secrets ${verb}; sending the next ${chunk.length}`,
    );
    try {
      results.push(...(await send(chunk)));
    } catch (error) {
      if (start === 0 || !(error instanceof InfisicalApiError)) throw error;
      const written = items.slice(0, start).map(nameOf);
      const listed =
        written.length > MAX_NAMES_IN_MESSAGE
          ? `${written.slice(0, MAX_NAMES_IN_MESSAGE).join(', ')}, … ${written.at(-1)}`
          : written.join(', ');
      throw new InfisicalApiError(
        `${error.message}. The first ${start} of ${items.length} secrets were already ${verb} in earlier requests and stay so (${listed}); the rest were not`,
        error,
        { cause: error },
      );
    }
  }
  return results;
}

/** A name given twice in one call is a mistake the model should fix, not half-apply. */
export function assertUniqueNames(names: readonly string[], field: string): void {
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  if (repeated.length > 0) {
    throw new ToolInputError(
      `${field} names a secret more than once: ${[...new Set(repeated)].join(', ')}. Give each secret once.`,
    );
  }
}
