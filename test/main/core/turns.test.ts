import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgentKind, PromptInfo } from '../../../contract/bridge.js';
import type { HookEvent } from '../../../main/core/claude/hook-event.js';
import {
  CLAUDE_CONFIRM_MS,
  SCREEN_END_AFTER_HOOK_MS,
  TurnTracker,
  type TurnEvent,
} from '../../../main/core/turns.js';

const hook = (hook_event_name: string, extra: Partial<HookEvent> = {}): HookEvent => ({
  hook_event_name,
  session_id: 'claude-session',
  ...extra,
});

const prompt = (kind: PromptInfo['kind'], body = ''): PromptInfo => ({
  id: `p-${kind}`,
  sessionId: 's1',
  kind,
  title: '',
  body,
  options: [],
  openedAt: Date.now(),
  relayed: false,
  quiet: false,
});

function tracker(agent: AgentKind) {
  const events: TurnEvent[] = [];
  const turns = new TurnTracker({ agentOf: (id) => (id === 's1' ? agent : null) });
  turns.onEvent((e) => events.push(e));
  const kinds = () =>
    events.map((e) =>
      e.kind === 'tool'
        ? `tool:${e.phase}:${e.toolName}:${e.summary}`
        : e.kind === 'ended'
          ? `ended:${e.reason}:${e.result}`
          : e.kind,
    );
  return { turns, events, kinds };
}

describe('TurnTracker', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_700_000_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('follows a Claude turn from its hooks: start, each tool with its input, the last message', () => {
    const { turns, kinds } = tracker('claude');
    turns.hook('s1', hook('UserPromptSubmit', { prompt: 'fix it' }));
    expect(turns.busy('s1')).toBe(true);
    turns.hook(
      's1',
      hook('PreToolUse', {
        tool_name: 'Bash',
        tool_input: { command: 'npm test\n  --watch=false' },
        tool_use_id: 't1',
      }),
    );
    turns.hook(
      's1',
      hook('PostToolUse', { tool_name: 'Bash', tool_input: { command: 'npm test' }, tool_use_id: 't1' }),
    );
    turns.hook('s1', hook('Stop', { last_assistant_message: '  All green.  ' }));
    expect(kinds()).toEqual([
      'started',
      'tool:pre:Bash:npm test --watch=false',
      'tool:post:Bash:npm test',
      'ended:finished:All green.',
    ]);
    expect(turns.busy('s1')).toBe(false);
  });

  it('text from the phone makes Claude busy at once; without its hook the turn ends after the confirm time', () => {
    const { turns, kinds } = tracker('claude');
    turns.submitted('s1');
    expect(turns.busy('s1')).toBe(true);
    // The previous turn's "finished" prompt on screen does not end the new, unconfirmed turn.
    turns.promptOpened('s1', prompt('finished', 'old answer'));
    expect(turns.busy('s1')).toBe(true);
    vi.advanceTimersByTime(CLAUDE_CONFIRM_MS);
    expect(turns.busy('s1')).toBe(false);
    expect(kinds()).toEqual(['started', 'ended:not-started:']);
  });

  it('a Claude turn interrupted at the desk (no Stop) ends on the waiting screen, not right after a hook', () => {
    const { turns, kinds } = tracker('claude');
    turns.hook('s1', hook('UserPromptSubmit'));
    turns.promptOpened('s1', prompt('input'));
    expect(turns.busy('s1')).toBe(true);
    vi.advanceTimersByTime(SCREEN_END_AFTER_HOOK_MS);
    turns.promptOpened('s1', prompt('permission'));
    expect(turns.busy('s1')).toBe(true);
    turns.promptOpened('s1', prompt('input', '❯'));
    expect(kinds()).toEqual(['started', 'ended:finished:❯']);
  });

  it('a shell turn starts with submitted text and ends when the screen waits for input', () => {
    const { turns, kinds } = tracker('shell');
    turns.promptOpened('s1', prompt('input', '$'));
    expect(turns.busy('s1')).toBe(false);
    turns.submitted('s1');
    turns.submitted('s1');
    turns.promptOpened('s1', prompt('input', 'done\n$'));
    expect(kinds()).toEqual(['started', 'ended:finished:done\n$']);
  });

  it('an exit ends the turn; unknown sessions are ignored', () => {
    const { turns, kinds } = tracker('codex');
    turns.submitted('gone');
    turns.submitted('s1');
    turns.exited('s1');
    turns.exited('s1');
    expect(kinds()).toEqual(['started', 'ended:exited:']);
  });
});
