/**
 * Published prices of Claude models, in US dollars per million tokens
 * (https://docs.anthropic.com/en/docs/about-claude/pricing): base input, output, cache reads,
 * and cache writes with the 5-minute and the 1-hour lifetime. Claude Code's transcript reports
 * tokens, not money, so the cost shown is these prices times those tokens — an estimate that
 * ignores discounts (batch) and surcharges (long-context pricing).
 */
import type { TokenUsage } from '../../../contract/usage.js';

/** Prices of one model family, $ per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
}

/** Model id patterns, most specific first. */
const PRICES: readonly [RegExp, ModelPrice][] = [
  [/opus-4-[5-9]/, { input: 5, output: 25, cacheRead: 0.5, cacheWrite5m: 6.25, cacheWrite1h: 10 }],
  [/opus/, { input: 15, output: 75, cacheRead: 1.5, cacheWrite5m: 18.75, cacheWrite1h: 30 }],
  [/sonnet/, { input: 3, output: 15, cacheRead: 0.3, cacheWrite5m: 3.75, cacheWrite1h: 6 }],
  [/haiku-4/, { input: 1, output: 5, cacheRead: 0.1, cacheWrite5m: 1.25, cacheWrite1h: 2 }],
  [/3-5-haiku/, { input: 0.8, output: 4, cacheRead: 0.08, cacheWrite5m: 1, cacheWrite1h: 1.6 }],
  [/3-haiku/, { input: 0.25, output: 1.25, cacheRead: 0.03, cacheWrite5m: 0.3, cacheWrite1h: 0.5 }],
];

/** The prices of a model id such as `claude-sonnet-4-5-20250929`, or null when unknown. */
export function priceOf(model: string): ModelPrice | null {
  const id = model.toLowerCase();
  if (!id.includes('claude')) return null;
  return PRICES.find(([pattern]) => pattern.test(id))?.[1] ?? null;
}

/** Tokens of one assistant message as the transcript gives them. */
export interface MessageTokens {
  input: number;
  output: number;
  cacheRead: number;
  /** Cache writes with the 1-hour lifetime (the rest of `cacheWrite` are 5-minute ones). */
  cacheWrite1h: number;
  cacheWrite: number;
}

/** The cost of one message's tokens in $, or null when the model is unknown. */
export function costOf(model: string | null, t: MessageTokens): number | null {
  const price = model ? priceOf(model) : null;
  if (!price) return null;
  const write5m = Math.max(0, t.cacheWrite - t.cacheWrite1h);
  return (
    (t.input * price.input +
      t.output * price.output +
      t.cacheRead * price.cacheRead +
      write5m * price.cacheWrite5m +
      t.cacheWrite1h * price.cacheWrite1h) /
    1_000_000
  );
}

/** An empty usage (no tokens, $0 known). */
export function emptyUsage(): TokenUsage {
  return { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, costUsd: 0 };
}

/** `a + sign·b`, field by field; the cost is null as soon as one side's is. */
export function addUsage(a: TokenUsage, b: TokenUsage, sign: 1 | -1 = 1): TokenUsage {
  return {
    input: a.input + sign * b.input,
    output: a.output + sign * b.output,
    cacheRead: a.cacheRead + sign * b.cacheRead,
    cacheWrite: a.cacheWrite + sign * b.cacheWrite,
    costUsd: a.costUsd === null || b.costUsd === null ? null : a.costUsd + sign * b.costUsd,
  };
}
