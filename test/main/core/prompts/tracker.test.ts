import { describe, expect, it } from 'vitest';
import { ANSWER_GRACE_MS, PromptTracker } from '../../../../main/core/prompts/tracker.js';
import type { PromptInfo } from '../../../../contract/bridge.js';
import type { PromptCloseReason, RecogniserContext } from '../../../../main/core/prompts/types.js';
import type { HookEvent } from '../../../../main/core/claude/hook-event.js';
import { capture } from './screens.js';

const ctx: RecogniserContext = { agent: 'claude', quietMs: 5000, idleThresholdMs: 2000 };

function tracked() {
  const tracker = new PromptTracker({ sessionId: 's1' });
  const opened: PromptInfo[] = [];
  const closed: [PromptInfo, PromptCloseReason][] = [];
  const updated: PromptInfo[] = [];
  tracker.onOpened((p) => opened.push(p));
  tracker.onClosed((p, r) => closed.push([p, r]));
  tracker.onUpdated((p) => updated.push(p));
  return { tracker, opened, closed, updated };
}

const hook = (e: Partial<HookEvent> & { hook_event_name: string }): HookEvent =>
  ({ session_id: 'claude-sess-1', ...e }) as HookEvent;

describe('PromptTracker', () => {
  it('opens a record, keeps its id across redraws, and closes it as gone when the screen changes', () => {
    const { tracker, opened, closed } = tracked();
    let now = 1_000_000;
    tracker.update(capture('claude', 'busy'), ctx, now);
    expect(tracker.current()).toBeNull();
    tracker.update(capture('claude', 'permission'), ctx, (now += 100));
    const first = tracker.current();
    expect(first).toMatchObject({
      sessionId: 's1',
      kind: 'permission',
      title: 'Bash command',
      openedAt: now,
      relayed: false,
    });
    expect(first!.id).toMatch(/^[A-Za-z0-9_-]{1,16}$/);
    tracker.update(capture('claude', 'permission'), ctx, (now += 500));
    expect(tracker.current()?.id).toBe(first!.id);
    expect(opened).toHaveLength(1);
    tracker.update(capture('claude', 'busy'), ctx, now + 100);
    expect(tracker.current()).toBeNull();
    expect(closed).toEqual([[expect.objectContaining({ id: first!.id }), 'gone']]);
  });

  it('a new prompt replaces the old one: the old closes as gone and a new id opens', () => {
    const { tracker, opened, closed } = tracked();
    tracker.update(capture('claude', 'permission'), ctx, 1);
    tracker.update(capture('claude', 'permission-second'), ctx, 2);
    expect(opened).toHaveLength(2);
    expect(opened[1]!.id).not.toBe(opened[0]!.id);
    expect(closed.map(([p, r]) => [p.id, r])).toEqual([[opened[0]!.id, 'gone']]);
    expect(tracker.current()?.body).toContain('echo again');
  });

  it('markAnswered closes with the answer source and does not reopen the lingering screen', () => {
    const { tracker, opened, closed } = tracked();
    tracker.update(capture('claude', 'permission'), ctx, 10_000);
    const id = tracker.current()!.id;
    expect(tracker.markAnswered('not-this-one', 'phone', 10_100)).toBe(false);
    expect(tracker.markAnswered(id, 'phone', 10_100)).toBe(true);
    expect(closed).toEqual([[expect.objectContaining({ id }), 'answered-from-phone']]);
    tracker.update(capture('claude', 'permission'), ctx, 10_200);
    expect(tracker.current()).toBeNull();
    // Still on screen long after the answer: the answer did not take, so it opens again.
    tracker.update(capture('claude', 'permission'), ctx, 10_100 + ANSWER_GRACE_MS + 1);
    expect(tracker.current()).not.toBeNull();
    expect(opened).toHaveLength(2);
  });

  it('an answer at the desk closes with answered-here', () => {
    const { tracker, closed } = tracked();
    tracker.update(capture('claude', 'after-yes'), ctx, 1);
    tracker.markAnswered(tracker.current()!.id, 'desk', 2);
    expect(closed[0]?.[1]).toBe('answered-here');
  });

  it('sessionExited closes the open prompt and ignores later screens', () => {
    const { tracker, closed, opened } = tracked();
    tracker.update(capture('claude', 'permission'), ctx, 1);
    tracker.sessionExited();
    expect(closed[0]?.[1]).toBe('session-exited');
    tracker.update(capture('claude', 'permission-second'), ctx, 2);
    expect(opened).toHaveLength(1);
    expect(tracker.current()).toBeNull();
  });

  it('a PermissionRequest hook arriving after the prompt opened enriches its title and body', () => {
    const { tracker, updated } = tracked();
    tracker.update(capture('claude', 'permission'), ctx, 1000);
    const id = tracker.current()!.id;
    tracker.applyHook(
      hook({
        hook_event_name: 'PermissionRequest',
        tool_name: 'Bash',
        tool_input: { command: 'echo hello > out.txt', description: 'Write hello to out.txt' },
      }),
      1050,
    );
    const p = tracker.current()!;
    expect(p.id).toBe(id);
    expect(p.title).toBe('Bash: echo hello > out.txt');
    expect(p.body).toBe('echo hello > out.txt\nWrite hello to out.txt\n\nDo you want to proceed?');
    expect(updated).toHaveLength(1);
  });

  it('a PermissionRequest hook arriving first is used when the prompt opens; one for another command is not', () => {
    const { tracker } = tracked();
    tracker.applyHook(
      hook({
        hook_event_name: 'PermissionRequest',
        tool_name: 'Bash',
        tool_input: { command: 'echo again > again.txt' },
      }),
      100,
    );
    tracker.update(capture('claude', 'permission'), ctx, 200);
    expect(tracker.current()?.title).toBe('Bash command');
    const { tracker: t2 } = tracked();
    t2.applyHook(
      hook({
        hook_event_name: 'PermissionRequest',
        tool_name: 'Bash',
        tool_input: { command: 'echo again > again.txt' },
      }),
      100,
    );
    t2.update(capture('claude', 'permission-second'), ctx, 200);
    expect(t2.current()?.title).toBe('Bash: echo again > again.txt');
  });

  it('a Stop hook gives the finished prompt the full last assistant message', () => {
    const { tracker } = tracked();
    const text = 'Done. I wrote hello to out.txt.\n\nAnything else?';
    tracker.applyHook(hook({ hook_event_name: 'Stop', last_assistant_message: text }), 100);
    tracker.update(capture('claude', 'after-yes'), ctx, 150);
    expect(tracker.current()).toMatchObject({ kind: 'finished', body: text });
  });

  it('stale hook facts (older than a minute, or before a new user prompt) are not used', () => {
    const { tracker } = tracked();
    tracker.applyHook(hook({ hook_event_name: 'Stop', last_assistant_message: 'old message' }), 0);
    tracker.update(capture('claude', 'after-yes'), ctx, 120_000);
    expect(tracker.current()?.body).toBe('Done.');
    const { tracker: t2 } = tracked();
    t2.applyHook(hook({ hook_event_name: 'Stop', last_assistant_message: 'old message' }), 0);
    t2.applyHook(hook({ hook_event_name: 'UserPromptSubmit', prompt: 'next' }), 10);
    t2.update(capture('claude', 'after-yes'), ctx, 20);
    expect(t2.current()?.body).toBe('Done.');
  });

  it('markRelayed sets relayed on the open record only', () => {
    const { tracker } = tracked();
    tracker.update(capture('claude', 'permission'), ctx, 1);
    expect(tracker.markRelayed('other')).toBe(false);
    expect(tracker.markRelayed(tracker.current()!.id)).toBe(true);
    expect(tracker.current()?.relayed).toBe(true);
  });

  it('a finished turn hidden by one redraw does not open twice; after new input the same reply opens again', () => {
    const { tracker, opened, closed } = tracked();
    const g: RecogniserContext = { agent: 'gemini', quietMs: 0, idleThresholdMs: 2000 };
    let now = 2_000_000;
    tracker.update(capture('gemini', 'after-yes'), g, now);
    expect(opened.map((p) => p.kind)).toEqual(['finished']);
    // A redraw in which the turn is not on screen for a moment, then the same screen again.
    tracker.update(capture('gemini', 'typed'), g, (now += 100));
    tracker.update(capture('gemini', 'after-yes'), g, (now += 100));
    expect(opened).toHaveLength(1);
    expect(closed.map(([, r]) => r)).toEqual(['gone']);
    // The user sends a new task; the next turn ends with the same reply: a new record.
    tracker.inputSent();
    tracker.update(capture('gemini', 'busy'), g, (now += 100));
    tracker.update(capture('gemini', 'after-yes'), g, now + 100);
    expect(opened).toHaveLength(2);
  });

  it('the old turn still on screen right after Enter does not open as the new turn ending', () => {
    const { tracker, opened } = tracked();
    const g: RecogniserContext = { agent: 'gemini', quietMs: 0, idleThresholdMs: 2000 };
    let now = 2_000_000;
    tracker.update(capture('gemini', 'after-yes'), g, now);
    // The phone types a task (the box holds it), then presses Enter; the CLI has not redrawn yet.
    tracker.inputSent();
    tracker.update(capture('gemini', 'typed'), g, (now += 100));
    tracker.inputSent();
    tracker.update(capture('gemini', 'after-yes'), g, (now += 30));
    expect(opened).toHaveLength(1);
    // The CLI works on it, then ends the turn with the same reply: that one opens.
    tracker.update(capture('gemini', 'busy'), g, (now += 100));
    tracker.update(capture('gemini', 'after-yes'), g, now + 100);
    expect(opened).toHaveLength(2);
  });

  it('a turn too quick to be seen busy still ends once the screen stays quiet for the idle period', () => {
    const { tracker, opened } = tracked();
    const g: RecogniserContext = { agent: 'gemini', quietMs: 0, idleThresholdMs: 2000 };
    let now = 2_000_000;
    tracker.update(capture('gemini', 'after-yes'), g, now);
    tracker.update(capture('gemini', 'typed'), g, (now += 100));
    tracker.inputSent();
    tracker.update(capture('gemini', 'after-yes'), g, (now += 30));
    expect(opened).toHaveLength(1);
    tracker.update(capture('gemini', 'after-yes'), { ...g, quietMs: 2000 }, now + 2000);
    expect(opened).toHaveLength(2);
  });
});
