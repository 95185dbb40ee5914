import { describe, expect, it } from 'vitest';
import {
  FLOW_HIGH_WATERMARK_CHARS,
  FLOW_LOW_WATERMARK_CHARS,
  FlowController,
} from '../../../../main/core/sessions/flow-control.js';

/** A controller whose pause/resume calls are recorded in order. */
function recorded() {
  const calls: string[] = [];
  const flow = new FlowController(
    () => calls.push('pause'),
    () => calls.push('resume'),
  );
  return { flow, calls };
}

describe('FlowController', () => {
  it('pauses once past the high watermark and resumes once every consumer is below the low one', () => {
    const { flow, calls } = recorded();
    const view = {};
    flow.add(view);
    flow.sent(view, FLOW_HIGH_WATERMARK_CHARS);
    expect(calls).toEqual([]);
    flow.sent(view, 1);
    flow.sent(view, 1000);
    expect(calls).toEqual(['pause']);
    expect(flow.isPaused).toBe(true);
    // Down to the low watermark exactly is not enough: below it is.
    flow.ack(view, FLOW_HIGH_WATERMARK_CHARS + 1001 - FLOW_LOW_WATERMARK_CHARS);
    expect(calls).toEqual(['pause']);
    flow.ack(view, 1);
    expect(calls).toEqual(['pause', 'resume']);
    expect(flow.isPaused).toBe(false);
  });

  it('holds the PTY while any one consumer lags, whatever the others do', () => {
    const { flow, calls } = recorded();
    const fast = {};
    const slow = {};
    flow.add(fast);
    flow.add(slow);
    flow.sent(fast, FLOW_HIGH_WATERMARK_CHARS + 1);
    flow.sent(slow, FLOW_HIGH_WATERMARK_CHARS + 1);
    flow.ack(fast, FLOW_HIGH_WATERMARK_CHARS + 1);
    expect(calls).toEqual(['pause']);
    flow.ack(slow, FLOW_HIGH_WATERMARK_CHARS + 1);
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('releases the PTY when the lagging consumer goes away', () => {
    const { flow, calls } = recorded();
    const gone = {};
    flow.add(gone);
    flow.sent(gone, FLOW_HIGH_WATERMARK_CHARS * 3);
    flow.remove(gone);
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('clamps acks at zero and ignores consumers it does not know', () => {
    const { flow, calls } = recorded();
    const view = {};
    flow.add(view);
    flow.ack(view, 50_000);
    flow.sent(view, FLOW_HIGH_WATERMARK_CHARS + 1);
    expect(calls).toEqual(['pause']);
    const stranger = {};
    flow.sent(stranger, FLOW_HIGH_WATERMARK_CHARS * 10);
    flow.ack(stranger, 1);
    flow.ack(view, FLOW_HIGH_WATERMARK_CHARS + 1);
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('keeps a consumer added twice as one', () => {
    const { flow, calls } = recorded();
    const view = {};
    flow.add(view);
    flow.sent(view, FLOW_HIGH_WATERMARK_CHARS + 1);
    flow.add(view);
    flow.ack(view, FLOW_HIGH_WATERMARK_CHARS + 1);
    expect(calls).toEqual(['pause', 'resume']);
  });
});
