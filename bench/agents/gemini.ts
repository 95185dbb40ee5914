/**
 * The Gemini CLI driver of the prompt benchmark: the real `gemini` (0.61.0, test/agents) against
 * the fake Gemini API, a `run_shell_command` call per turn, its confirmation box
 * ("? Shell  <command>", "Allow execution of [Shell]?", then "● 1. Allow once",
 * "2. Allow for this session", "3. No, suggest changes (esc)"). Screen only: no hook tells the
 * host about the prompt (target p95 ≤ 500 ms, issue 11). "Allow once" is tapped every turn, so
 * each turn asks again.
 */
import { FakeGeminiApi, lastIsFunctionResponse, lastUserText } from '../../test/fakes/gemini-api.js';
import { GEMINI_BIN } from '../../test/support/agent-bins.js';
import { makeGeminiEnv } from '../../test/support/gemini-env.js';
import { askedTurn, lastCommandTurn, turnCommand, startAgentSetup, type AgentDriver } from './driver.js';

/** Gemini CLI, screen only. */
export const geminiDriver: AgentDriver = {
  label: 'Gemini',
  agent: 'gemini',
  targetP95Ms: 500,
  ready: 'Type your message',
  async start() {
    const api = new FakeGeminiApi({
      script: (req) => {
        if (lastIsFunctionResponse(req)) return { kind: 'text', text: 'Done.' };
        const turn = askedTurn(lastUserText(req));
        if (turn === null) return { kind: 'text', text: 'Noted.' };
        return {
          kind: 'call',
          name: 'run_shell_command',
          args: { command: turnCommand(turn), description: `Write turn ${turn}` },
        };
      },
    });
    // CI=false in this env: with CI=true the CLI runs headless even in a terminal.
    return startAgentSetup(api, GEMINI_BIN, (baseUrl) => makeGeminiEnv({ baseUrl }));
  },
  promptTurn(screen) {
    const question = screen.lastIndexOf('Allow execution of');
    if (question < 0) return null;
    if (!/● 1\. Allow once/.test(screen.slice(question))) return null;
    return lastCommandTurn(screen, question);
  },
  options: [/^1\. Allow once$/, /^2\. Allow for this session$/, /^3\. No, suggest changes/],
};
