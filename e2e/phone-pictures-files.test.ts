/**
 * End to end with the real headless host, a real shell in a real PTY and the fake Bot API as the
 * phone: `/screen` and the Screen button send the terminal as a PNG (decoded here: its size and
 * that it is not blank) with the text as caption; a long permission prompt comes with a picture
 * (tested in claude-phone's suite); a document and a photo sent from the phone land in the
 * session's `.agent-pager/inbox/` and their paths are typed into the shell; a voice note gets a
 * clear answer; a symlinked inbox is refused.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../contract/bridge.js';
import { FakeTelegramBotApi, type FakeMessage } from '../test/fakes/telegram-bot-api.js';
import { connectBridge, type TestBridge } from './support/bridge.js';
import type { RunningHost } from './support/host.js';
import { pairOverBridge, startPhoneHost, type PhoneHost } from './support/phone.js';

const USER = { id: 515151, first_name: 'Bob', username: 'bob_phone' };
const CHAT = USER.id;
const telegram = new FakeTelegramBotApi();
let host: RunningHost;
let phone: PhoneHost;
let bridge: TestBridge;
let cwd: string;
let session: SessionInfo;

const lastBot = (pred: (m: FakeMessage) => boolean, timeoutMs = 15_000) =>
  telegram.waitForMessage((m) => m.fromBot && m.chatId === CHAT && pred(m), timeoutMs);

/** Decodes a PNG and counts its distinct colours (a blank picture has one). */
function decode(png: Buffer): { width: number; height: number; colours: number } {
  const image = PNG.sync.read(png);
  const colours = new Set<number>();
  for (let i = 0; i < image.data.length && colours.size < 50; i += 4) colours.add(image.data.readUInt32BE(i));
  return { width: image.width, height: image.height, colours: colours.size };
}

/** Asks for the screen and waits for the picture whose caption matches. */
async function screenPicture(match: RegExp): Promise<FakeMessage> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const before = telegram.botMessages(CHAT).length;
    telegram.userSends(CHAT, USER, '/screen files');
    const shot = await lastBot(
      (m) => m.file?.kind === 'photo' && telegram.botMessages(CHAT).indexOf(m) >= before,
    );
    if (match.test(shot.text)) return shot;
    if (Date.now() > deadline) throw new Error(`screen never showed ${match}: ${shot.text}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

beforeAll(async () => {
  cwd = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-e2e-files-'));
  phone = await startPhoneHost(telegram, { env: {} });
  host = phone.host;
  bridge = await connectBridge(host);
  // Pair the phone through the same request the page makes.
  await pairOverBridge(bridge, telegram, USER);
  session = await bridge.request('session.create', {
    spec: { name: 'files', agent: 'shell', command: '', cwd },
    cols: 160,
    rows: 30,
  });
}, 120_000);

afterAll(async () => {
  bridge?.close();
  const code = await phone?.stop();
  await fs.rm(cwd, { recursive: true, force: true });
  expect(code).toBe(0);
});

describe('the screen as a picture', () => {
  it('/screen sends the terminal as a PNG with the text as caption', async () => {
    await bridge.request('session.write', {
      id: session.id,
      data: "printf '\\033[1;31mRED-BOLD\\033[0m plain \\033[42mGREEN\\033[0m\\n'\r",
    });
    const shot = await screenPicture(/RED-BOLD plain GREEN/);
    expect(shot.text).toContain('files');
    const png = decode(shot.file!.data);
    // 160 × 30 cells at 2× scale: wider than tall, hundreds of pixels each way.
    expect(png.width).toBeGreaterThan(1000);
    expect(png.height).toBeGreaterThan(500);
    expect(png.width).toBeGreaterThan(png.height);
    // Not blank: background, text, the red and the green at least.
    expect(png.colours).toBeGreaterThan(4);
    expect(shot.buttons.flat().map((b) => b.text)).toContain('Screen');
  });

  it('the Screen button sends a picture too, and a reply to it types into the session', async () => {
    const shot = await screenPicture(/RED-BOLD/);
    const screenData = shot.buttons.flat().find((b) => b.text === 'Screen')!.data!;
    const before = telegram.botMessages(CHAT).length;
    const answer = await telegram.userTaps(CHAT, USER, shot.messageId, screenData, 10_000);
    expect(answer.text).toMatch(/Screen of files/);
    await lastBot((m) => m.file?.kind === 'photo' && telegram.botMessages(CHAT).indexOf(m) >= before);
    const reply = telegram.userSends(CHAT, USER, 'echo REPLIED-TO-PICTURE', { replyTo: shot.messageId });
    // The bot acknowledges typed text with a reaction on the user's message.
    await telegram.waitFor(
      () =>
        telegram.messagesIn(CHAT).find((m) => m.messageId === reply.messageId)!.reactions.length > 0
          ? true
          : null,
      15_000,
    );
    await screenPicture(/^REPLIED-TO-PICTURE$/m);
  });
});

describe('files in', () => {
  it('a document lands in the inbox and its path is typed into the session', async () => {
    const shot = await screenPicture(/^REPLIED-TO-PICTURE$/m);
    const data = Buffer.from('bug report: it crashes\n');
    telegram.userSendsFile(CHAT, USER, 'document', data, {
      fileName: '../../etc/My Notes?.txt',
      mimeType: 'text/plain',
      replyTo: shot.messageId,
    });
    const ack = await lastBot((m) => /Saved/.test(m.text));
    const saved = path.join(cwd, '.agent-pager', 'inbox', 'My_Notes_.txt');
    expect(ack.text).toContain('.agent-pager/inbox/My_Notes_.txt');
    expect(await fs.readFile(saved)).toEqual(data);
    expect(await fs.readFile(path.join(cwd, '.agent-pager', '.gitignore'), 'utf8')).toBe('*\n');
    // Typed, not submitted: the shell's line holds the path; the next message completes it.
    await screenPicture(new RegExp(`File saved to ${saved.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    await bridge.request('session.write', { id: session.id, data: '\x15' }); // Ctrl-U clears the line
  });

  it('a photo with a caption is saved and submitted with the caption', async () => {
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
    const shot = await screenPicture(/^REPLIED-TO-PICTURE$/m);
    telegram.userSendsFile(CHAT, USER, 'photo', jpeg, {
      caption: 'echo CAPTION-RAN #',
      replyTo: shot.messageId,
    });
    const ack = await lastBot((m) => /Saved .*photo-.*\.jpg/.test(m.text));
    expect(ack.text).toMatch(/sent it with your caption/);
    const inbox = await fs.readdir(path.join(cwd, '.agent-pager', 'inbox'));
    const photo = inbox.find((n) => /^photo-.*\.jpg$/.test(n))!;
    expect(await fs.readFile(path.join(cwd, '.agent-pager', 'inbox', photo))).toEqual(jpeg);
    await screenPicture(/^CAPTION-RAN$/m);
  });

  it('a voice note gets a clear answer', async () => {
    telegram.userSendsFile(CHAT, USER, 'voice', Buffer.alloc(100, 1));
    const reply = await lastBot((m) => /Voice messages are not supported yet/.test(m.text));
    expect(reply.text).toMatch(/type your message/);
  });

  it('an inbox that is a link to elsewhere is refused and nothing is written there', async () => {
    const other = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-e2e-other-'));
    const cwd2 = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-e2e-files2-'));
    try {
      await fs.symlink(other, path.join(cwd2, '.agent-pager'));
      const s2 = await bridge.request('session.create', {
        spec: { name: 'linked', agent: 'shell', command: '', cwd: cwd2 },
        cols: 80,
        rows: 24,
      });
      telegram.userSends(CHAT, USER, '/screen linked');
      const shot = await lastBot((m) => m.file?.kind === 'photo' && /linked/.test(m.text));
      telegram.userSendsFile(CHAT, USER, 'document', Buffer.from('x'), {
        fileName: 'x.txt',
        replyTo: shot.messageId,
      });
      const refusal = await lastBot((m) => /Not saved/.test(m.text));
      expect(refusal.text).toMatch(/not a real folder/);
      expect(await fs.readdir(other)).toEqual([]);
      await bridge.request('session.kill', { id: s2.id });
    } finally {
      await fs.rm(other, { recursive: true, force: true });
      await fs.rm(cwd2, { recursive: true, force: true });
    }
  });
});
