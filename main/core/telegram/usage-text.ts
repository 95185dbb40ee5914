/**
 * Token use and cost in chat messages (HTML parse mode): a short suffix for `/sessions` and a
 * line for the finished-turn message. Empty when the session's agent reports nothing. The text
 * holds only digits, letters and `$≈·,()`, so it needs no HTML escaping.
 */
import type { SessionInfo } from '../../../contract/bridge.js';
import { describeTokens, formatTokens, formatUsd, totalTokens } from '../../../contract/usage.js';

/** " · 12.3k tokens · ≈ $0.042" for a session's line in `/sessions`, or "". */
export function sessionUsageSuffix(session: SessionInfo): string {
  const u = session.usage?.total;
  if (!u || totalTokens(u) === 0) return '';
  return ` · ${formatTokens(totalTokens(u))} tokens${u.costUsd === null ? '' : ` · ≈ ${formatUsd(u.costUsd)}`}`;
}

/** "📊 This turn: … · session: …" for a finished turn, or "" before the first turn ended. */
export function turnUsageLine(session: SessionInfo): string {
  const usage = session.usage;
  if (!usage?.lastTurn) return '';
  const total = usage.total;
  const session_ = `${formatTokens(totalTokens(total))} tokens${total.costUsd === null ? '' : `, ≈ ${formatUsd(total.costUsd)}`}`;
  return `📊 This turn: ${describeTokens(usage.lastTurn)}\nSession: ${session_}`;
}
