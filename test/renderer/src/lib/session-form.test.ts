import { describe, expect, it } from 'vitest';
import { sessionSpecSchema } from '../../../../contract/bridge.js';
import { buildSpec, defaultCwd, effectiveName } from '../../../../renderer/src/lib/session-form.js';

describe('session form', () => {
  it('names the session after the folder until the user types a name', () => {
    expect(effectiveName({ cwd: '/home/ann/shop', name: null })).toBe('shop');
    expect(effectiveName({ cwd: '/home/ann/blog', name: null })).toBe('blog');
    expect(effectiveName({ cwd: '/home/ann/blog', name: 'writing' })).toBe('writing');
    expect(effectiveName({ cwd: '/home/ann/blog', name: '' })).toBe('');
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
      error: 'Type the command to run.',
    });
  });

  it('requires a working directory and cuts long names to 80 chars', () => {
    expect(buildSpec({ agent: 'shell', command: '', cwd: ' ', name: null })).toEqual({
      error: 'Choose a working directory.',
    });
    const built = buildSpec({ agent: 'shell', command: '', cwd: '/tmp', name: 'n'.repeat(200) });
    expect('spec' in built && built.spec.name.length).toBe(80);
  });
});
