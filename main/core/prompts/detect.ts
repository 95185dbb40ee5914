/**
 * Prompt detection: runs the recognisers over a screen in a fixed order, agent-specific first,
 * and returns the first prompt found.
 */
import type { DetectedPrompt, Recogniser, RecogniserContext, ScreenText } from './types.js';
import { claudeRecognisers, claudeUiShowing } from './recognisers/claude.js';
import { genericRecognisers } from './recognisers/generic.js';

/**
 * Every recogniser in detection order: Claude Code's permission menu and idle box, then the
 * generic yes/no question, numbered menu and "waiting for input". Claude's run for every agent
 * kind (the user may start `claude` from a shell tab); their patterns are specific to its UI.
 */
export const recognisers: readonly Recogniser[] = [...claudeRecognisers, ...genericRecognisers];

/**
 * The prompt the screen shows, or null. When Claude Code's UI is at the bottom of the screen
 * (input box, busy footer, permission menu) only Claude's recognisers are consulted, so its
 * `❯` box is never taken for a shell prompt nor its numbered lists for a menu.
 */
export function detectPrompt(screen: ScreenText, ctx: RecogniserContext): DetectedPrompt | null {
  for (const r of claudeRecognisers) {
    const found = r.detect(screen, ctx);
    if (found) return found;
  }
  if (claudeUiShowing(screen)) return null;
  for (const r of genericRecognisers) {
    const found = r.detect(screen, ctx);
    if (found) return found;
  }
  return null;
}
