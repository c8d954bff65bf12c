import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { RequestId } from '@modelcontextprotocol/sdk/types.js';
import type { SessionStore } from '../sessions/session-store.js';

/**
 * A client sends notifications/initialized only once it holds the initialize answer, so from
 * then on nobody resumes the stream that carried it: the store drops it rather than keep it
 * for as long as the session idles. Every later stream stays resumable as before.
 */
export function forgetInitializeAnswerOnceInitialized(
  server: Server,
  store: SessionStore,
  sessionId: string,
  initializeRequestId: RequestId,
): void {
  if (!store.forgetAnsweredStream) return;
  const previous = server.oninitialized;
  server.oninitialized = () => {
    server.oninitialized = previous;
    store.forgetAnsweredStream?.(sessionId, initializeRequestId);
    previous?.();
  };
}
