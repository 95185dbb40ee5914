/**
 * Reconnect delays for the WebSocket bridge: exponential from {@link BACKOFF_BASE_MS}, capped
 * at {@link BACKOFF_MAX_MS}, with ±20 % jitter so many tabs do not retry in lockstep.
 */

/** First retry delay, in ms. */
export const BACKOFF_BASE_MS = 300;
/** Longest retry delay, in ms (a restarted host is found within this time). */
export const BACKOFF_MAX_MS = 8_000;

/**
 * Delay before reconnect attempt number `attempt` (0 for the first retry), in ms.
 * @param random a source of numbers in [0, 1), `Math.random` by default.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt, 0), 20);
  const raw = Math.min(BACKOFF_BASE_MS * 2 ** exponent, BACKOFF_MAX_MS);
  const jitter = 0.8 + 0.4 * random();
  return Math.round(raw * jitter);
}
