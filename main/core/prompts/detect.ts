/**
 * Prompt detection: runs the recognisers over a screen in a fixed order, agent-specific first,
 * and returns the first prompt found.
 */
import type { DetectedPrompt, Recogniser, RecogniserContext, ScreenText } from './types.js';
import { claudeRecognisers, claudeUiShowing } from './recognisers/claude.js';
import { codexRecognisers, codexUiShowing } from './recognisers/codex.js';
import { geminiRecognisers, geminiUiShowing } from './recognisers/gemini.js';
import { genericRecognisers } from './recognisers/generic.js';

/** The agents' own recognisers (Claude Code, Codex, Gemini CLI), in detection order. */
const agentRecognisers: readonly Recogniser[] = [
  ...claudeRecognisers,
  ...codexRecognisers,
  ...geminiRecognisers,
];

/**
 * Every recogniser in detection order: each agent's permission prompt and idle box (Claude Code,
 * Codex, Gemini CLI), then the generic yes/no question, numbered menu and "waiting for input".
 * The agents' run for every session kind (the user may start `codex` from a shell tab); their
 * patterns are specific to each UI.
 */
export const recognisers: readonly Recogniser[] = [...agentRecognisers, ...genericRecognisers];

/** True when one of the agents' own UIs is at the bottom of the screen. */
export function agentUiShowing(screen: ScreenText): boolean {
  return claudeUiShowing(screen) || codexUiShowing(screen) || geminiUiShowing(screen);
}

/**
 * The prompt the screen shows, or null. When an agent's UI is at the bottom of the screen
 * (input box, busy footer, permission menu) only the agents' recognisers are consulted, so an
 * agent's input box is never taken for a shell prompt nor its numbered lists for a menu.
 */
export function detectPrompt(screen: ScreenText, ctx: RecogniserContext): DetectedPrompt | null {
  for (const r of agentRecognisers) {
    const found = r.detect(screen, ctx);
    if (found) return found;
  }
  if (agentUiShowing(screen)) return null;
  for (const r of genericRecognisers) {
    const found = r.detect(screen, ctx);
    if (found) return found;
  }
  return null;
}
