import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  autostartExecutable,
  createLinuxAutostart,
  execLine,
  parseDesktopEntry,
  quoteExecArg,
} from '../../../../main/core/desktop/autostart-linux.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'ap-autostart-'));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

describe('Linux autostart entry', () => {
  it('writes ~/.config/autostart/<id>.desktop with --hidden, reads it back, and removes it', () => {
    const auto = createLinuxAutostart({
      id: 'agent-pager',
      name: 'Agent Pager',
      executable: '/opt/Agent Pager/agent-pager',
      args: ['--hidden'],
      env: { HOME: home },
    });
    expect(auto.path).toBe(join(home, '.config', 'autostart', 'agent-pager.desktop'));
    expect(auto.isEnabled()).toBe(false);
    auto.enable();
    expect(auto.isEnabled()).toBe(true);
    const text = readFileSync(auto.path, 'utf8');
    const keys = parseDesktopEntry(text);
    expect(text.startsWith('[Desktop Entry]\n')).toBe(true);
    expect(keys.get('Type')).toBe('Application');
    expect(keys.get('Name')).toBe('Agent Pager');
    expect(keys.get('Exec')).toBe('"/opt/Agent Pager/agent-pager" --hidden');
    expect(statSync(auto.path).mode & 0o777).toBe(0o644);
    auto.set(false);
    expect(auto.isEnabled()).toBe(false);
    auto.disable();
  });

  it('respects an absolute XDG_CONFIG_HOME and ignores a relative one', () => {
    const xdg = join(home, 'cfg');
    const a = createLinuxAutostart({
      id: 'ap',
      name: 'AP',
      executable: '/x',
      args: [],
      env: { HOME: home, XDG_CONFIG_HOME: xdg },
    });
    expect(a.path).toBe(join(xdg, 'autostart', 'ap.desktop'));
    a.enable();
    expect(a.isEnabled()).toBe(true);
    const b = createLinuxAutostart({
      id: 'ap',
      name: 'AP',
      executable: '/x',
      args: [],
      env: { HOME: home, XDG_CONFIG_HOME: 'rel' },
    });
    expect(b.path).toBe(join(home, '.config', 'autostart', 'ap.desktop'));
    expect(b.isEnabled()).toBe(false);
  });

  it('counts an entry disabled by Hidden=true or X-GNOME-Autostart-enabled=false as off', () => {
    const auto = createLinuxAutostart({
      id: 'ap',
      name: 'AP',
      executable: '/x',
      args: [],
      env: { HOME: home },
    });
    auto.enable();
    const original = readFileSync(auto.path, 'utf8');
    writeFileSync(auto.path, `${original}Hidden=true\n`);
    expect(auto.isEnabled()).toBe(false);
    writeFileSync(
      auto.path,
      original.replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false'),
    );
    expect(auto.isEnabled()).toBe(false);
    writeFileSync(auto.path, '[Other]\nExec=/x\n');
    expect(auto.isEnabled()).toBe(false);
  });

  it('prefers $APPIMAGE over the executable', () => {
    expect(
      autostartExecutable({ APPIMAGE: '/home/u/Apps/Agent-Pager.AppImage' }, '/tmp/.mount_x/agent-pager'),
    ).toBe('/home/u/Apps/Agent-Pager.AppImage');
    expect(autostartExecutable({}, '/usr/bin/agent-pager')).toBe('/usr/bin/agent-pager');
  });
});

describe('Exec quoting (Desktop Entry Spec)', () => {
  it('leaves plain arguments alone and quotes reserved characters', () => {
    expect(quoteExecArg('/usr/bin/agent-pager')).toBe('/usr/bin/agent-pager');
    expect(quoteExecArg('--hidden')).toBe('--hidden');
    expect(quoteExecArg('/a b')).toBe('"/a b"');
    expect(quoteExecArg("it's")).toBe(`"it's"`);
  });

  it('escapes ", `, $ inside quotes, doubles backslashes for the string rule, and writes % as %%', () => {
    expect(quoteExecArg('say "hi"')).toBe('"say \\\\"hi\\\\""');
    expect(quoteExecArg('$HOME')).toBe('"\\\\$HOME"');
    expect(quoteExecArg('a`b')).toBe('"a\\\\`b"');
    expect(quoteExecArg('C:\\x')).toBe('"C:\\\\\\\\x"');
    expect(quoteExecArg('100%')).toBe('100%%');
    expect(execLine('/opt/My App/run', ['--hidden', '50% off'])).toBe(
      '"/opt/My App/run" --hidden "50%% off"',
    );
  });

  it('rejects what an Exec line cannot hold', () => {
    expect(() => quoteExecArg('a\nb')).toThrow(/newline/);
    expect(() => quoteExecArg('')).toThrow(/empty/);
    expect(() => createLinuxAutostart({ id: '../x', name: 'x', executable: '/x', args: [] })).toThrow(
      /invalid/,
    );
  });
});
