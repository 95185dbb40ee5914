import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sessionEnv, TERMINAL_ENV } from '../../../../main/core/sessions/session-env.js';

const appRoot = '/opt/agent-pager';
const userPath = ['/home/ann/.local/bin', '/usr/local/bin', '/usr/bin', '/bin'];
const npmPath = [
  '/opt/agent-pager/node_modules/.bin',
  '/opt/node_modules/.bin',
  '/node_modules/.bin',
  '/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin',
];

describe('sessionEnv', () => {
  it('announces a 256-colour truecolor terminal', () => {
    const env = sessionEnv({ TERM: 'dumb', PATH: '/usr/bin' }, appRoot);
    expect(env.TERM).toBe('xterm-256color');
    expect(env.COLORTERM).toBe('truecolor');
    expect(env).toMatchObject(TERMINAL_ENV);
  });

  it('drops variables from how the app itself was started', () => {
    const env = sessionEnv(
      {
        ELECTRON_RUN_AS_NODE: '1',
        ELECTRON_NO_ATTACH_CONSOLE: '1',
        NODE_OPTIONS: '--inspect',
        HOME: '/home/ann',
      },
      appRoot,
    );
    expect(env.ELECTRON_RUN_AS_NODE).toBeUndefined();
    expect(env.ELECTRON_NO_ATTACH_CONSOLE).toBeUndefined();
    expect(env.NODE_OPTIONS).toBeUndefined();
    expect(env.HOME).toBe('/home/ann');
  });

  it('under npm run, removes npm_* vars and the app node_modules/.bin entries, keeping user PATH order', () => {
    const base = {
      npm_lifecycle_event: 'serve',
      npm_config_prefix: '/usr',
      NPM_CONFIG_COLOR: 'true',
      PATH: [npmPath[0], npmPath[1], userPath[0], npmPath[2], npmPath[3], ...userPath.slice(1)].join(
        path.delimiter,
      ),
      HOME: '/home/ann',
    };
    const env = sessionEnv(base, appRoot);
    expect(Object.keys(env).filter((k) => /^npm_/i.test(k))).toEqual([]);
    expect(env.PATH!.split(path.delimiter)).toEqual(userPath);
    expect(env.HOME).toBe('/home/ann');
  });

  it('keeps a node_modules/.bin that is not the app or an ancestor of it', () => {
    const other = '/home/ann/project/node_modules/.bin';
    const env = sessionEnv(
      { npm_lifecycle_event: 'start', PATH: [npmPath[0], other, '/usr/bin'].join(':') },
      appRoot,
    );
    expect(env.PATH).toBe([other, '/usr/bin'].join(':'));
  });

  it('leaves npm variables and PATH untouched when not run by npm', () => {
    const PATH = [...npmPath, ...userPath].join(path.delimiter);
    const env = sessionEnv({ npm_config_prefix: '/usr', PATH }, appRoot);
    expect(env.npm_config_prefix).toBe('/usr');
    expect(env.PATH).toBe(PATH);
  });

  it('applies extra variables last', () => {
    const env = sessionEnv({ FOO: 'a', PATH: '/bin' }, appRoot, { FOO: 'b', AGENT_PAGER_SESSION: 'x1' });
    expect(env.FOO).toBe('b');
    expect(env.AGENT_PAGER_SESSION).toBe('x1');
  });

  it("keeps Agent Pager's own secrets out: no AGENT_PAGER_* variable is inherited, only the hook extras", () => {
    const env = sessionEnv(
      {
        PATH: '/bin',
        AGENT_PAGER_BOT_TOKEN: '123:secret',
        AGENT_PAGER_ACCESS_TOKEN: 'access',
        AGENT_PAGER_TELEGRAM_API_ROOT: 'http://127.0.0.1:1',
        agent_pager_data_dir: '/x',
        AGENT_PAGER_HOOK_SECRET: 'stale-from-a-parent',
      },
      appRoot,
      { AGENT_PAGER_HOOK_SECRET: 'this-session', AGENT_PAGER_SESSION_ID: 's1' },
    );
    expect(
      Object.keys(env)
        .filter((k) => /^agent_pager_/i.test(k))
        .sort(),
    ).toEqual(['AGENT_PAGER_HOOK_SECRET', 'AGENT_PAGER_SESSION_ID']);
    expect(env.AGENT_PAGER_HOOK_SECRET).toBe('this-session');
  });
});
