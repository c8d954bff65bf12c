/** Milliseconds since the epoch. Injectable so token expiry can be tested without waiting. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
