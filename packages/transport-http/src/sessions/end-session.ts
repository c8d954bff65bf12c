import type { HttpContext } from '../http-context.js';

/**
 * Ends a Streamable HTTP session everywhere: its record and events (other replicas hear of it
 * through the store), the server this replica holds for it, and its place in the caps.
 */
export async function endStreamableSession(
  context: HttpContext,
  id: string,
  reason: string,
): Promise<void> {
  context.streamable.forget(id);
  await context.sessions.close(id, reason);
  await context.store.delete(id).catch(() => {});
}
