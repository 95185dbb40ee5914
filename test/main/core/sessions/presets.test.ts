import { describe, expect, it } from 'vitest';
import {
  LaunchError,
  planLaunch,
  presetCommands,
  type PlanContext,
} from '../../../../main/core/sessions/presets.js';

const linux: PlanContext = { userShell: '/bin/bash', platform: 'linux' };

describe('planLaunch presets', () => {
  it('runs each agent preset by its executable name', () => {
    for (const agent of ['claude', 'codex', 'gemini'] as const) {
      const plan = planLaunch({ agent, command: '' }, linux);
      expect(plan).toEqual({ file: presetCommands[agent], args: [], commandLine: presetCommands[agent] });
    }
  });

  it('passes claudeArgs to claude only, and leaves them out of the shown line', () => {
    const ctx = { ...linux, claudeArgs: ['--settings', '/tmp/hooks.json'] };
    expect(planLaunch({ agent: 'claude', command: '' }, ctx)).toEqual({
      file: 'claude',
      args: ['--settings', '/tmp/hooks.json'],
      commandLine: 'claude',
    });
    expect(planLaunch({ agent: 'codex', command: '' }, ctx).args).toEqual([]);
  });

  it('runs the user shell for the shell preset, as a login shell on macOS', () => {
    expect(planLaunch({ agent: 'shell', command: '' }, linux)).toEqual({
      file: '/bin/bash',
      args: [],
      commandLine: '/bin/bash',
    });
    expect(
      planLaunch({ agent: 'shell', command: '' }, { userShell: '/bin/zsh', platform: 'darwin' }),
    ).toEqual({
      file: '/bin/zsh',
      args: ['-l'],
      commandLine: '/bin/zsh -l',
    });
  });
});

describe('planLaunch custom commands', () => {
  it('splits a plain command line into words like a shell would', () => {
    const plan = planLaunch({ agent: 'custom', command: `  python3 -m http.server "8000" 'a b' ` }, linux);
    expect(plan.file).toBe('python3');
    expect(plan.args).toEqual(['-m', 'http.server', '8000', 'a b']);
  });

  it('quotes words with spaces or quotes in the shown line', () => {
    const plan = planLaunch({ agent: 'custom', command: `echo "a b" "it's" plain-word ./x:y@z` }, linux);
    expect(plan.args).toEqual(['a b', "it's", 'plain-word', './x:y@z']);
    expect(plan.commandLine).toBe(`echo 'a b' 'it'\\''s' plain-word ./x:y@z`);
  });

  it.each([
    'ls | wc -l',
    'make && make test',
    'echo hi > out.txt',
    'ls *.ts',
    'echo $HOME',
    'echo `date`',
    'sleep 1; echo done',
    'FOO=1 npm start',
    '~/bin/tool --fast',
    'tool ~/notes.txt',
  ])('runs a line with shell syntax through <shell> -c: %s', (line) => {
    expect(planLaunch({ agent: 'custom', command: line }, linux)).toEqual({
      file: '/bin/bash',
      args: ['-c', line],
      commandLine: line,
    });
  });

  it('uses /c with the Windows shell', () => {
    const plan = planLaunch(
      { agent: 'custom', command: 'dir | more' },
      { userShell: 'cmd.exe', platform: 'win32' },
    );
    expect(plan).toEqual({ file: 'cmd.exe', args: ['/c', 'dir | more'], commandLine: 'dir | more' });
  });

  it.each(['', '   ', '\t\n'])('rejects an empty custom command with a LaunchError (%j)', (command) => {
    expect(() => planLaunch({ agent: 'custom', command }, linux)).toThrow(LaunchError);
    expect(() => planLaunch({ agent: 'custom', command }, linux)).toThrow('Enter a command to run.');
  });
});
