import {
  isJSONRPCErrorResponse,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  type JSONRPCMessage,
  type RequestId,
} from '@modelcontextprotocol/sdk/types.js';
import type { Session } from './session-registry.js';
import type { SessionRelay } from './session-store.js';

interface AwaitedReplies {
  ids: Set<RequestId>;
  stopListening?: Promise<() => void>;
}

const awaited = new WeakMap<Session, AwaitedReplies>();

/**
 * Requests the session's server sends the client (elicitation, sampling, roots) are answered by
 * a POST that the load balancer may send to any replica. While this replica waits for answers
 * it listens on the session's channel, and hands its server the answers other replicas relay.
 */
export function awaitRepliesFromAnyReplica(session: Session, relay: SessionRelay): void {
  const state: AwaitedReplies = { ids: new Set() };
  awaited.set(session, state);
  const { transport } = session;
  const send = transport.send.bind(transport);
  transport.send = async (message, options) => {
    if (isJSONRPCRequest(message)) {
      state.ids.add(message.id);
      state.stopListening ??= relay
        .listen(session.id, (relayed) => {
          if (relayed.type !== 'reply' || relayed.from === relay.replicaId) return;
          if (!isReply(relayed.message) || !state.ids.has(relayed.message.id)) return;
          settle(state, relayed.message.id);
          transport.onmessage?.(relayed.message);
        })
        .catch(() => () => {});
    }
    return send(message, options);
  };
}

/**
 * True when the POSTed body holds only replies to requests this replica did not send: they are
 * relayed to the replica that did, and the POST is answered 202 here.
 */
export function relayRepliesElsewhere(
  session: Session,
  body: unknown,
  relay: SessionRelay,
): boolean {
  const messages = (Array.isArray(body) ? body : [body]) as JSONRPCMessage[];
  if (!messages.every(isReply)) return false;
  const state = awaited.get(session);
  const mine = messages.filter((message) => state?.ids.has(message.id));
  if (mine.length > 0) {
    for (const message of mine) if (state) settle(state, message.id);
    return false;
  }
  for (const message of messages) {
    relay.publish(session.id, { type: 'reply', message, from: relay.replicaId });
  }
  return true;
}

function settle(state: AwaitedReplies, id: RequestId): void {
  state.ids.delete(id);
  if (state.ids.size > 0 || !state.stopListening) return;
  const stopping = state.stopListening;
  state.stopListening = undefined;
  void stopping.then((stop) => stop());
}

function isReply(message: JSONRPCMessage): message is JSONRPCMessage & { id: RequestId } {
  return isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message);
}
