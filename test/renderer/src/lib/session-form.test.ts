import { describe, expect, it } from 'vitest';
import { sessionSpecSchema } from '../../../../contract/bridge.js';
import {
  buildSpec,
  defaultCwd,
  effectiveName,
  fieldOfHostError,
  uniqueName,
} from '../../../../renderer/src/lib/session-form.js';

describe('session form', () => {
  it('names the session after the folder until the user types a name; a blank name counts as none', () => {
    expect(effectiveName({ cwd: '/home/ann/shop', name: null })).toBe('shop');
    expect(effectiveName({ cwd: '/home/ann/blog', name: 'writing' })).toBe('writing');
    expect(effectiveName({ cwd: '/home/ann/blog', name: '' })).toBe('blog');
    expect(effectiveName({ cwd: '/home/ann/blog', name: '   ' })).toBe('blog');
  });

  it('makes the default name unique among the open tabs: "tmp (2)", "tmp (3)"', () => {
    expect(effectiveName({ cwd: '/tmp', name: null }, ['tmp'])).toBe('tmp (2)');
    expect(effectiveName({ cwd: '/tmp', name: '  ' }, ['TMP', 'tmp (2)'])).toBe('tmp (3)');
    expect(effectiveName({ cwd: '/tmp', name: 'tmp' }, ['tmp'])).toBe('tmp');
    expect(uniqueName('x'.repeat(80), ['x'.repeat(80)])).toHaveLength(80);
  });

  it('starts in the last used folder, else home, else ~', () => {
    expect(defaultCwd('/srv/app', '/home/ann')).toBe('/srv/app');
    expect(defaultCwd(null, '/home/ann')).toBe('/home/ann');
    expect(defaultCwd('  ', '')).toBe('~');
  });

  it('builds a spec the contract accepts', () => {
    const built = buildSpec({ agent: 'claude', command: 'ignored', cwd: ' /home/ann/shop ', name: null });
    expect(built).toEqual({ spec: { name: 'shop', agent: 'claude', command: '', cwd: '/home/ann/shop' } });
    if ('spec' in built) expect(sessionSpecSchema.safeParse(built.spec).success).toBe(true);
  });

  it('keeps the command for a custom session and requires it', () => {
    expect(buildSpec({ agent: 'custom', command: ' htop -d 5 ', cwd: '/tmp', name: 'top' })).toEqual({
      spec: { name: 'top', agent: 'custom', command: 'htop -d 5', cwd: '/tmp' },
    });
    expect(buildSpec({ agent: 'custom', command: '  ', cwd: '/tmp', name: null })).toEqual({
      errors: { command: 'Type the command to run.' },
    });
  });

  it('reports every missing field at once and cuts long names to 80 chars', () => {
    expect(buildSpec({ agent: 'custom', command: '', cwd: ' ', name: null })).toEqual({
      errors: { command: 'Type the command to run.', cwd: 'Choose a working directory.' },
    });
    const built = buildSpec({ agent: 'shell', command: '', cwd: '/tmp', name: 'n'.repeat(200) });
    expect('spec' in built && built.spec.name.length).toBe(80);
  });

  it('puts host errors at the field they concern', () => {
    expect(fieldOfHostError('The folder /x does not exist.', 'shell')).toBe('cwd');
    expect(fieldOfHostError('/x is not a folder.', 'claude')).toBe('cwd');
    expect(fieldOfHostError('htopp: command not found', 'custom')).toBe('command');
    expect(fieldOfHostError('Claude Code is not installed.', 'claude')).toBeNull();
  });
});
