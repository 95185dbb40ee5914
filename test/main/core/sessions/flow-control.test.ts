import { afterEach, describe, expect, it } from 'vitest';
import { FlowController } from '../../../../main/core/sessions/flow-control.js';
import { sleep } from '../../../support/wait.js';

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
