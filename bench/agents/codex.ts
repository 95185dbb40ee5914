/**
 * The Codex CLI driver of the prompt benchmark: the real `codex` (0.169.0, test/agents) against
 * the fake Responses API, asking on request in a read-only sandbox; each turn's `exec_command`
 * asks for escalation, so Codex shows its approval prompt ("Would you like to run the following
 * command?", the command, then "› 1. Yes, proceed (y)", "2. Yes, and don't ask again …",
 * "3. No, and tell Codex what to do differently (esc)"). Screen only: no hook tells the host
 * about the prompt (target p95 ≤ 500 ms, issue 11).
 */
import {
  FakeResponsesApi,
  execCall,
  hasCallOutput,
  lastUserText,
} from '../../test/fakes/openai-responses-api.js';
import { CODEX_BIN } from '../../test/support/agent-bins.js';
import { makeCodexEnv } from '../../test/support/codex-env.js';
import { askedTurn, lastCommandTurn, turnCommand, startAgentSetup, type AgentDriver } from './driver.js';

/** Codex CLI, screen only. */
export const codexDriver: AgentDriver = {
  label: 'Codex',
  agent: 'codex',
  targetP95Ms: 500,
  ready: '? for shortcuts',
  async start() {
    const api = new FakeResponsesApi({
      script: (req) => {
        if (hasCallOutput(req)) return { kind: 'text', text: 'Done.' };
        const turn = askedTurn(lastUserText(req));
        if (turn === null) return { kind: 'text', text: 'Noted.' };
        return execCall(turnCommand(turn), `Write turn ${turn}`);
      },
    });
    // As in e2e/codex-phone.test.ts: ask on request, read-only sandbox, no background app server.
    return startAgentSetup(api, CODEX_BIN, (baseUrl) =>
      makeCodexEnv({
        baseUrl,
        extraToml: [
          'approval_policy = "on-request"',
          'sandbox_mode = "read-only"',
          '',
          '[features]',
          'daemon_auto_start = false',
        ].join('\n'),
      }),
    );
  },
  promptTurn(screen) {
    const question = screen.lastIndexOf('Would you like to run the following command?');
    if (question < 0) return null;
    const first = screen.slice(question).search(/› 1\. Yes, proceed/);
    if (first < 0) return null;
    return lastCommandTurn(screen, question + first);
  },
  options: [/^1\. Yes, proceed/, /^2\. Yes, and don't ask again/, /^3\. No, and tell Codex/],
};
