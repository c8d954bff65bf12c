import type { CallTarget } from './call-target.js';

/**
 * When destructive calls (destructiveHint) need a person's confirmation.
 * - `auto` (default): ask through MCP elicitation when the client supports it; a client that
 *   cannot be asked runs the call as the official server did.
 * - `always`: ask through elicitation, or, when the client cannot be asked, require a
 *   `confirm` argument repeating the name of what will be destroyed.
 * - `off`: never ask (automation).
 */
export type ConfirmMode = 'auto' | 'always' | 'off';

export const CONFIRM_MODES: readonly ConfirmMode[] = ['auto', 'always', 'off'];

export type ElicitAnswer = 'accept' | 'decline' | 'cancel';

export interface ConfirmationRequest {
  mode: ConfirmMode;
  toolName: string;
  target: CallTarget;
  /** The `confirm` argument, as the client sent it. */
  confirmArgument: unknown;
  /** Asks the user through elicitation; undefined when the client does not support it. */
  elicit?: (message: string) => Promise<ElicitAnswer>;
}

export type ConfirmationResult =
  | { confirmed: true; how: 'not-needed' | 'elicitation' | 'argument' }
  | { confirmed: false; outcome: 'declined' | 'refused'; message: string };

export async function confirmDestructiveCall(
  request: ConfirmationRequest,
): Promise<ConfirmationResult> {
  const { mode, target, toolName } = request;
  if (mode === 'off') return { confirmed: true, how: 'not-needed' };
  if (request.elicit) {
    let answer: ElicitAnswer;
    try {
      answer = await request.elicit(`Confirm: ${target.summary}. This cannot be undone from here.`);
    } catch {
      return {
        confirmed: false,
        outcome: 'declined',
        message: `Could not get the user's confirmation for ${toolName}; nothing was changed.`,
      };
    }
    if (answer === 'accept') return { confirmed: true, how: 'elicitation' };
    return {
      confirmed: false,
      outcome: 'declined',
      message: `The user ${answer === 'decline' ? 'declined' : 'cancelled'} ${toolName} (${target.summary}); nothing was changed. Do not retry unless the user asks for it.`,
    };
  }
  if (mode === 'auto') return { confirmed: true, how: 'not-needed' };

  const expected = target.name;
  if (expected !== undefined && request.confirmArgument === expected) {
    return { confirmed: true, how: 'argument' };
  }
  const wanted =
    expected === undefined
      ? 'This server cannot name the target of this call, so it cannot be confirmed here.'
      : `To go ahead, call ${toolName} again with the same arguments plus "confirm": ${JSON.stringify(expected)}, after checking with the user.`;
  const given =
    request.confirmArgument === undefined
      ? `${toolName} destroys data and needs confirmation (${target.summary}).`
      : `"confirm" must repeat exactly the name of what will be destroyed (${target.summary}).`;
  return {
    confirmed: false,
    outcome: 'refused',
    message: `${given} ${wanted} Nothing was changed.`,
  };
}
