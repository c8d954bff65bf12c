import { Type } from '@sinclair/typebox';
import { ToolInputError } from './tool-input-error.js';

/**
 * Cursor pagination for list tools, so a folder with 5,000 secrets never floods a model's
 * context. Infisical's list routes return whole collections; we page the result we hold, and
 * the cursor is opaque to the caller so the scheme can change without breaking clients.
 */

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

/** The two arguments every paginated list tool accepts. */
export const pageArgs = () => ({
  cursor: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'From nextCursor.',
    }),
  ),
  limit: Type.Integer({
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    default: DEFAULT_PAGE_SIZE,
    description: 'Page size.',
  }),
});

/** Output fields that say whether there is more. */
export const pageInfo = () => ({
  nextCursor: Type.Optional(
    Type.String({ description: 'Pass as cursor to get the next page; absent on the last page.' }),
  ),
  totalCount: Type.Integer({ description: 'How many items the whole list holds.' }),
});

export interface PageRequest {
  cursor?: string | undefined;
  limit: number;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
  totalCount: number;
}

/** Cuts one page out of a full list; a cursor that this code did not issue is a ToolInputError. */
export function paginate<T>(all: readonly T[], request: PageRequest): Page<T> {
  const offset = request.cursor === undefined ? 0 : decodeCursor(request.cursor);
  const items = all.slice(offset, offset + request.limit);
  const next = offset + items.length;
  return {
    items,
    totalCount: all.length,
    ...(next < all.length ? { nextCursor: encodeCursor(next) } : {}),
  };
}

function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeCursor(cursor: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const offset = (parsed as { o?: unknown } | null)?.o;
    if (typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0) return offset;
  } catch {
    // falls through to the error below
  }
  throw new ToolInputError(
    'cursor is not one this tool issued: pass nextCursor from the previous page unchanged, or omit it to start again.',
  );
}

/**
 * For lists Infisical pages itself (offset and limit): where the requested page starts. Pair it
 * with {@link pageFromOffset} so such lists hand out the same cursors as {@link paginate}.
 */
export function pageOffset(request: PageRequest): number {
  return request.cursor === undefined ? 0 : decodeCursor(request.cursor);
}

/** The page of `items` fetched from `offset`, out of `totalCount` items in all. */
export function pageFromOffset<T>(items: T[], offset: number, totalCount: number): Page<T> {
  const next = offset + items.length;
  return {
    items,
    totalCount,
    ...(items.length > 0 && next < totalCount ? { nextCursor: encodeCursor(next) } : {}),
  };
}
