/**
 * The Claude Code driver of the prompt benchmark: the real `claude` CLI against the fake Messages
 * API, a Bash tool call per turn, its permission dialog ("Do you want to proceed?" over
 * "❯ 1. Yes", "2. Yes, and don't ask again …", "3. No"). The host also gets Claude's
 * PermissionRequest hook, so this is the hook-assisted path (target p95 ≤ 250 ms, issue 11).
 */
import { FakeAnthropicApi, hasToolResult, type MessagesRequest } from '../../test/fakes/anthropic-api.js';
import { CLAUDE_BIN, makeClaudeEnv } from '../../test/support/claude-env.js';
import { askedTurn, lastCommandTurn, turnCommand, startAgentSetup, type AgentDriver } from './driver.js';

function lastUserText(req: MessagesRequest): string {
  const last = [...req.messages].reverse().find((m) => m.role === 'user');
  if (!last) return '';
  if (typeof last.content === 'string') return last.content;
  return last.content.map((b) => (typeof b.text === 'string' ? b.text : '')).join('\n');
}

/** Claude Code, hook-assisted. */
export const claudeDriver: AgentDriver = {
  label: 'Claude',
  agent: 'claude',
  targetP95Ms: 250,
  ready: '? for shortcuts',
  async start() {
    const api = new FakeAnthropicApi({
      script: (req) => {
        if (hasToolResult(req)) return { kind: 'text', text: 'Done.' };
        const turn = askedTurn(lastUserText(req));
        if (turn === null) return { kind: 'text', text: 'Noted.' };
        return {
          kind: 'tool_use',
          name: 'Bash',
          input: { command: turnCommand(turn), description: `Write turn ${turn}` },
        };
      },
    });
    return startAgentSetup(api, CLAUDE_BIN, (baseUrl) => makeClaudeEnv({ baseUrl }));
  },
  promptTurn(screen) {
    const menu = screen.lastIndexOf('Do you want to proceed?');
    if (menu < 0 || !/❯ 1\. Yes/.test(screen.slice(menu))) return null;
    return lastCommandTurn(screen, menu);
  },
  options: [/^1\. Yes$/, /^2\. Yes\b/, /^3\. No\b/],
};
