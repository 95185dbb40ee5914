import { describe, expect, it } from 'vitest';
import { createLoginSync, type LoginItemState } from '../../../../main/core/desktop/login-sync.js';

function fakeOs(behaviour: 'obeys' | 'ignores' | 'throws' | 'approval' | 'unavailable') {
  const os: LoginItemState = {
    enabled: false,
    needsApproval: false,
    unavailable: behaviour === 'unavailable',
  };
  let writes = 0;
  return {
    get writes() {
      return writes;
    },
    port: {
      read: () => ({ ...os }),
      write(enabled: boolean) {
        writes++;
        if (behaviour === 'throws') throw new Error('EACCES: autostart folder');
        if (behaviour === 'obeys') os.enabled = enabled;
        if (behaviour === 'approval') os.needsApproval = enabled;
      },
    },
  };
}

describe('login sync', () => {
  it('applies a change once and keeps the setting when the OS agrees', () => {
    const os = fakeOs('obeys');
    const sync = createLoginSync(os.port);
    expect(sync.apply(true)).toEqual({ correctSettingTo: null, message: null });
    expect(sync.apply(true)).toEqual({ correctSettingTo: null, message: null });
    expect(os.writes).toBe(1);
    expect(sync.state().enabled).toBe(true);
  });

  it('asks the OS once per user change when it disagrees, and corrects the setting instead of looping', () => {
    const os = fakeOs('ignores');
    const sync = createLoginSync(os.port);
    const first = sync.apply(true);
    expect(first.correctSettingTo).toBe(false);
    expect(first.message).toMatch(/did not accept/);
    // The corrected setting comes back on the next core change: nothing more happens.
    for (let i = 0; i < 5; i++) expect(sync.apply(false)).toEqual({ correctSettingTo: null, message: null });
    expect(os.writes).toBe(1);
  });

  it('reports a throwing write once with its reason', () => {
    const os = fakeOs('throws');
    const sync = createLoginSync(os.port);
    const r = sync.apply(true);
    expect(r).toEqual({ correctSettingTo: false, message: expect.stringContaining('EACCES') });
    expect(sync.apply(false).message).toBeNull();
    expect(os.writes).toBe(1);
  });

  it('keeps the setting on and says where to approve when macOS needs approval', () => {
    const os = fakeOs('approval');
    const sync = createLoginSync(os.port);
    const r = sync.apply(true);
    expect(r.correctSettingTo).toBeNull();
    expect(r.message).toMatch(/System Settings/);
    expect(sync.state().needsApproval).toBe(true);
    expect(sync.apply(true).message).toBeNull();
  });

  it('never writes where start at login cannot work', () => {
    const os = fakeOs('unavailable');
    const r = createLoginSync(os.port).apply(true);
    expect(r).toEqual({ correctSettingTo: false, message: expect.stringMatching(/installed app/) });
    expect(os.writes).toBe(0);
  });
});
