import { describe, expect, it } from 'vitest';
import {
  parseHostRegistered,
  statusNotifierHostPresent,
  type ToolResult,
} from '../../../../main/core/desktop/tray-host-linux.js';

const runner = (answers: Record<string, ToolResult>) => {
  const asked: string[] = [];
  return {
    asked,
    run: async (file: string) => {
      asked.push(file);
      return answers[file] ?? 'missing';
    },
  };
};

describe('StatusNotifier host detection', () => {
  it('reads dbus-send and gdbus replies', () => {
    expect(parseHostRegistered('   variant       boolean true\n')).toBe(true);
    expect(parseHostRegistered('   variant       boolean false\n')).toBe(false);
    expect(parseHostRegistered('(<true>,)\n')).toBe(true);
    expect(parseHostRegistered('(<false>,)\n')).toBe(false);
    expect(parseHostRegistered('something else')).toBeNull();
  });

  it('says no host when the watcher is not on the bus (GNOME without AppIndicator)', async () => {
    const r = runner({ 'dbus-send': { code: 1, stdout: '' } });
    expect(await statusNotifierHostPresent(r.run)).toBe(false);
  });

  it('falls back to gdbus, and cannot tell without either tool or on a time-out', async () => {
    const viaGdbus = runner({ gdbus: { code: 0, stdout: '(<true>,)' } });
    expect(await statusNotifierHostPresent(viaGdbus.run)).toBe(true);
    expect(viaGdbus.asked).toEqual(['dbus-send', 'gdbus']);
    expect(await statusNotifierHostPresent(runner({}).run)).toBeNull();
    expect(await statusNotifierHostPresent(runner({ 'dbus-send': 'timeout' }).run)).toBeNull();
  });
});
