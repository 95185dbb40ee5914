import { afterEach, describe, expect, it } from 'vitest';
import {
  FLOW_HIGH_WATERMARK_CHARS,
  FLOW_LOW_WATERMARK_CHARS,
  FlowController,
} from '../../../../main/core/sessions/flow-control.js';
import { sleep } from '../../../support/wait.js';

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

  it('holds the PTY while any one consumer is over the mark, within the lag time', () => {
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

const HIGH = 1000;
const LOW = 100;
const LAG_MS = 60;
const controllers: FlowController[] = [];

function controller() {
  const events: string[] = [];
  const flow = new FlowController(
    () => events.push('pause'),
    () => events.push('resume'),
    HIGH,
    LOW,
    LAG_MS,
  );
  controllers.push(flow);
  return { flow, events };
}

afterEach(() => controllers.splice(0).forEach((f) => f.dispose()));

describe('FlowController follows the views that keep up', () => {
  it('with a single view that stops acknowledging, holds the PTY for as long as it lags', async () => {
    const { flow, events } = controller();
    const view = {};
    flow.add(view);
    flow.sent(view, HIGH + 1);
    expect(events).toEqual(['pause']);
    await sleep(LAG_MS * 3);
    expect(flow.isPaused).toBe(true);
    expect(flow.isLagging(view)).toBe(false);
    flow.ack(view, HIGH);
    expect(events).toEqual(['pause', 'resume']);
  });

  it('stops letting a stuck view hold the PTY once it lagged for the lag time while another keeps up', async () => {
    const { flow, events } = controller();
    const stuck = {};
    const healthy = {};
    flow.add(stuck);
    flow.add(healthy);
    flow.sent(stuck, HIGH + 1);
    flow.sent(healthy, HIGH + 1);
    flow.ack(healthy, HIGH + 1);
    expect(events).toEqual(['pause']);
    // No more events arrive while paused: the lag timer alone resumes the PTY.
    await sleep(LAG_MS * 3);
    expect(events).toEqual(['pause', 'resume']);
    expect(flow.isLagging(stuck)).toBe(true);
    // Output goes on at the healthy view's pace; the stuck view's backlog no longer pauses it.
    for (let i = 0; i < 10; i++) {
      flow.sent(stuck, 500);
      flow.sent(healthy, 500);
      flow.ack(healthy, 500);
    }
    expect(flow.isPaused).toBe(false);
    flow.sent(healthy, HIGH + 1);
    expect(flow.isPaused).toBe(true);
  });

  it('lets a view that caught up hold the PTY again', async () => {
    const { flow } = controller();
    const slow = {};
    const healthy = {};
    flow.add(slow);
    flow.add(healthy);
    flow.sent(slow, HIGH + 1);
    await sleep(LAG_MS * 3);
    expect(flow.isPaused).toBe(false);
    flow.ack(slow, HIGH + 1);
    expect(flow.isLagging(slow)).toBe(false);
    flow.sent(slow, HIGH + 1);
    expect(flow.isPaused).toBe(true);
  });

  it('never excuses the screen model (not a view)', async () => {
    const { flow, events } = controller();
    const screen = {};
    const view = {};
    flow.add(screen, { view: false });
    flow.add(view);
    flow.sent(screen, HIGH + 1);
    await sleep(LAG_MS * 3);
    expect(events).toEqual(['pause']);
    expect(flow.isLagging(screen)).toBe(false);
  });
});
