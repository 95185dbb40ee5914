import { describe, expect, it } from 'vitest';
import { codexNotifyArgs, parseUserNotify } from '../../../../main/core/codex/notify-config.js';

const runner = { command: '/usr/bin/node', env: {}, helperPath: '/app/dist/hook-helper.cjs' };

describe("the user's Codex notify setting", () => {
  it('reads a top-level notify array of basic or literal strings', () => {
    expect(parseUserNotify('model = "o3"\nnotify = ["notify-send", "Codex"]\n')).toEqual([
      'notify-send',
      'Codex',
    ]);
    expect(parseUserNotify('notify = [\'/opt/my notify.py\', "a\\"b"]  # mine')).toEqual([
      '/opt/my notify.py',
      'a"b',
    ]);
    expect(parseUserNotify('notify = []')).toEqual([]);
  });

  it('is empty when not set, or set only inside a table', () => {
    expect(parseUserNotify('model = "o3"')).toEqual([]);
    expect(parseUserNotify('[profiles.x]\nnotify = ["x"]')).toEqual([]);
  });

  it('is not understood (null) when written in a way this reader does not follow, e.g. across lines', () => {
    expect(parseUserNotify('notify = [\n  "a",\n]')).toBeNull();
    expect(parseUserNotify('notify = "a"')).toBeNull();
  });
});

describe('the notify override Agent Pager adds', () => {
  it("runs our helper first, then the user's own program and arguments", () => {
    expect(codexNotifyArgs(runner, ['notify-send', 'Codex'], 'linux')).toEqual([
      '-c',
      'notify=["/usr/bin/node", "/app/dist/codex-notify.cjs", "notify-send", "Codex"]',
    ]);
  });

  it('sets the runner env through env(1) (the Electron executable running as Node)', () => {
    const electron = {
      command: '/opt/Agent Pager/agent-pager',
      env: { ELECTRON_RUN_AS_NODE: '1' },
      helperPath: '/x/hook-helper.cjs',
    };
    expect(codexNotifyArgs(electron, [], 'linux')[1]).toBe(
      'notify=["/usr/bin/env", "ELECTRON_RUN_AS_NODE=1", "/opt/Agent Pager/agent-pager", "/x/codex-notify.cjs"]',
    );
    expect(codexNotifyArgs(electron, [], 'win32')).toEqual([]);
  });

  it("leaves notify alone when the user's value is not understood", () => {
    expect(codexNotifyArgs(runner, null, 'linux')).toEqual([]);
  });
});
