/**
 * The away gate with real sessions: prompts are always tracked for the desk (by the PTY host's
 * PromptWatch, run in-process here), but go to the phone only when notifications are "always", or
 * when the user is away (idle or locked); when the user leaves, prompts already open are sent
 * then, once. Real bash in a real PTY; a fake presence source.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PromptInfo } from '../../../contract/bridge.js';
import type { PresenceSource } from '../../../main/core/app-types.js';
import { Attention, withQuietPrompt } from '../../../main/core/attention.js';
import type { PromptSink } from '../../../main/core/prompts/types.js';
import { PromptWatch } from '../../../main/core/ptyhost/prompt-watch.js';
import { SessionManager } from '../../../main/core/sessions/session-manager.js';
import { SettingsService } from '../../../main/core/settings/settings.js';
import { waitFor } from '../../support/wait.js';
import { mapStore } from '../../support/core-options.js';

const HELPER = path.resolve('main/core/claude/hook-helper.cjs');

let dir: string;
let sessions: SessionManager;
let attention: Attention;
let watch: PromptWatch;
let settings: SettingsService;
const presence = { idle: 0, locked: false };
const fakePresence: PresenceSource = { idleSeconds: () => presence.idle, isLocked: () => presence.locked };
let sent: PromptInfo[];
let closed: string[];

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-attention-'));
  presence.idle = 0;
  presence.locked = false;
  sent = [];
  closed = [];
  settings = new SettingsService(mapStore());
  settings.update({ idleSeconds: 2, notifyMode: 'away', awayAfterMinutes: 5 });
  sessions = new SessionManager({
    store: { load: () => [], save: () => {} },
    userShell: '/bin/bash',
    appRoot: process.cwd(),
    baseEnv: { ...process.env, HOME: dir, PS1: 'ready$ ' },
    launchExtras: (id, spec) => watch.launchExtras(id, spec),
  });
  watch = await PromptWatch.create({
    dataDir: dir,
    hookRunner: { command: process.execPath, env: {}, helperPath: HELPER },
    sessions,
    idleSeconds: () => settings.get().idleSeconds,
    onPromptChange: () => {},
  });
  attention = new Attention({
    settings,
    presence: fakePresence,
    list: () => sessions.ids().map((id) => ({ ...sessions.info(id)!, prompt: watch.openPrompt(id) })),
  });
  watch.setSink({
    promptOpened: (p, s) => attention.opened(p, s),
    promptUpdated: (p, s) => attention.updated(p, s),
    promptClosed: (p, r) => attention.closed(p, r),
  });
  const sink: PromptSink = {
    promptOpened: (p) => sent.push(p),
    promptUpdated: () => {},
    promptClosed: (p) => closed.push(p.id),
  };
  attention.setSink(sink);
});

afterEach(async () => {
  attention.dispose();
  await watch.dispose();
  await sessions.disposeAll();
  await fs.rm(dir, { recursive: true, force: true });
});

async function questionSession(): Promise<string> {
  const id = await sessions.create(
    {
      name: 'q',
      agent: 'custom',
      command: `bash -c 'read -p "Continue? [y/N] " a; echo "got:$a"; sleep 30'`,
      cwd: dir,
    },
    80,
    24,
  );
  await waitFor(() => watch.openPrompt(id), 'the question to be recognised', 8000);
  return id;
}

describe('Attention: when prompts go to the phone', () => {
  it('at the desk (mode "away", not idle): the prompt is open for the UI but nothing is sent', async () => {
    const id = await questionSession();
    expect(watch.openPrompt(id)?.kind).toBe('question');
    expect(sent).toHaveLength(0);
  });

  it('when the user leaves (idle past the threshold), the open prompt is sent once', async () => {
    const id = await questionSession();
    presence.idle = 6 * 60;
    attention.sendOpenPrompts();
    attention.sendOpenPrompts();
    expect(sent.map((p) => p.id)).toEqual([watch.openPrompt(id)!.id]);
    expect(attention.shouldRelay()).toBe(true);
  });

  it('a locked screen counts as away at once; mode "always" sends regardless', async () => {
    presence.locked = true;
    expect(attention.shouldRelay()).toBe(true);
    presence.locked = false;
    expect(attention.shouldRelay()).toBe(false);
    settings.update({ notifyMode: 'always' });
    const id = await questionSession();
    expect(sent.map((p) => p.id)).toEqual([watch.openPrompt(id)!.id]);
  });

  it('an answer from the phone writes the option keys once; a stale answer writes nothing', async () => {
    settings.update({ notifyMode: 'always' });
    const id = await questionSession();
    const prompt = watch.openPrompt(id)!;
    const yes = prompt.options.findIndex((o) => /yes/i.test(o.label));
    expect(watch.answer(id, prompt.id, yes, 'phone')).toBeNull();
    await waitFor(() => sessions.get(id)!.screen.plainText().includes('got:y'), 'the answer to arrive', 5000);
    expect(watch.answer(id, prompt.id, yes, 'phone')).toBe('stale-prompt');
    expect(watch.openPrompt(id)).toBeNull();
    expect(closed).toEqual([prompt.id]);
  });

  it('finds a prompt even while the program keeps redrawing another part of the screen', async () => {
    settings.update({ notifyMode: 'always' });
    // A clock in the top row, redrawn every 50 ms with the cursor saved and restored, while the
    // question waits at the cursor: output never goes quiet.
    await fs.writeFile(
      path.join(dir, 'clock.sh'),
      [
        `(while true; do printf '\\0337\\033[1;60H%s\\0338' "$(date +%N)"; sleep 0.05; done) &`,
        "printf 'status line below\\n\\n'",
        'read -p "Deploy now? [y/N] " a',
        'kill %1',
        'echo "got:$a"',
        'sleep 30',
      ].join('\n'),
    );
    const id = await sessions.create(
      { name: 'clock', agent: 'custom', command: 'bash clock.sh', cwd: dir },
      100,
      24,
    );
    await waitFor(
      () => sessions.get(id)!.screen.plainText().includes('Deploy now?'),
      'the question on screen',
    );
    const t0 = Date.now();
    const prompt = await waitFor(
      () => watch.openPrompt(id),
      'the question under constant output',
      5000,
    ).catch((e: Error) => {
      throw new Error(`${e.message}; screen:\n${sessions.get(id)!.screen.plainText()}`);
    });
    expect(prompt.kind).toBe('question');
    expect(prompt.title + prompt.body).toMatch(/Deploy now/);
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});

describe('Attention: idle shells stay off the phone by default', () => {
  /** A bash session that ran one command typed at the desk and is back at its prompt. */
  async function idleShell(): Promise<string> {
    settings.update({ notifyMode: 'always' });
    const id = await sessions.create({ name: 'sh', agent: 'shell', command: '', cwd: dir }, 80, 24);
    await waitFor(() => /[$#]\s*$/m.test(sessions.get(id)!.screen.plainText()), 'the shell prompt', 5000);
    sessions.get(id)!.write('echo hi\r');
    watch.userTyped(id);
    return id;
  }

  /** The open prompt as the desk sees it (marked quiet per the pageIdle setting). */
  const deskPrompt = (id: string): PromptInfo | null => {
    const info = { ...sessions.info(id)!, prompt: watch.openPrompt(id) };
    return withQuietPrompt(info, settings.get().pageIdle).prompt;
  };

  it('a shell waiting at its prompt is shown quietly on the desk and not sent', async () => {
    const id = await idleShell();
    const prompt = await waitFor(() => deskPrompt(id), 'the idle prompt', 8000);
    expect(prompt.kind).toBe('input');
    expect(prompt.quiet).toBe(true);
    expect(sent).toHaveLength(0);
  });

  it('pages for an idle shell once the setting is turned on for shells', async () => {
    settings.update({ pageIdle: { ...settings.get().pageIdle, shell: true } });
    const id = await idleShell();
    const prompt = await waitFor(() => deskPrompt(id), 'the idle prompt', 8000);
    expect(prompt.quiet).toBe(false);
    expect(sent.map((p) => p.id)).toEqual([prompt.id]);
  });

  it('a question in a shell is never quiet', async () => {
    const id = await questionSession();
    expect(deskPrompt(id)?.quiet).toBe(false);
  });
});
