/**
 * Token use and cost of an agent session, as the agent itself reports it (Claude Code: the
 * `usage` of every assistant message in its transcript), shared by the desk and the phone, with
 * the one way both write it.
 */

/** Tokens of a session or a turn, and the cost they come to. */
export interface TokenUsage {
  /** Input tokens not read from or written to the prompt cache. */
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  /** US dollars at the published per-token prices of the model, or null for an unknown model. */
  costUsd: number | null;
}

/** A session's usage so far and of its last finished turn. */
export interface SessionUsage {
  total: TokenUsage;
  /** The last turn (prompt to Stop), or null before the first one ends. */
  lastTurn: TokenUsage | null;
  /** The model of the latest assistant message, as the agent named it. */
  model: string | null;
}

/** "950", "12.3k", "4.1M". */
export function formatTokens(n: number): string {
  if (n < 1000) return String(Math.round(n));
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

/** "$0.042" below a dollar, "$1.27" above. */
export function formatUsd(usd: number): string {
  return usd < 1 ? `$${usd.toFixed(3)}` : `$${usd.toFixed(2)}`;
}

/** All tokens of a usage (input, output and cache). */
export function totalTokens(u: TokenUsage): number {
  return u.input + u.output + u.cacheRead + u.cacheWrite;
}

/** One line: "12.3k tokens (in 10k, out 2.3k, cache 0) · ≈ $0.042". */
export function describeTokens(u: TokenUsage): string {
  const parts = `${formatTokens(totalTokens(u))} tokens (in ${formatTokens(u.input)}, out ${formatTokens(u.output)}, cache ${formatTokens(u.cacheRead + u.cacheWrite)})`;
  return u.costUsd === null ? parts : `${parts} · ≈ ${formatUsd(u.costUsd)}`;
}
