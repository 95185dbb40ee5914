/**
 * The setup checks behind `npm run doctor` and the Settings "Check setup" button: one line per
 * check with ok / warn / problem and how to fix it. Plain Node (no Electron); the caller gathers
 * what only it knows (the token, the paired chat, the live polling state, the hook socket) into a
 * {@link DoctorContext}. No check throws and each is time-boxed.
 */
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { PhoneState, SetupCheck } from '../../../contract/bridge.js';
import { agentPackages, discoverAgents } from '../agents/discovery.js';

/** How long one network or process check may take, in ms. */
export const CHECK_TIMEOUT_MS = 6000;

/** What the caller knows about the install it checks. */
export interface DoctorContext {
  /** The app's data folder (settings, audit log, hook socket). */
  dataDir: string;
  /** The project root (for node_modules/electron). */
  appRoot: string;
  /** Environment sessions get (its PATH is searched for the agents). */
  env: Record<string, string | undefined>;
  /** The bot token, or null when none is stored; 'unreadable' when only the app can read it. */
  token: string | null | 'unreadable';
  /** Telegram Bot API root, e.g. https://api.telegram.org. */
  telegramApiRoot: string;
  /** The paired chat, null when not paired, 'unknown' when it cannot be read. */
  paired: { chatId: number; username: string | null } | null | 'unknown';
  /** Long polling as the running app sees it; null when checked from outside the app. */
  polling: PhoneState['polling'] | null;
  /** The Claude hook socket of the running app; null when the app is not running. */
  hookSocket: string | null;
  /** Whether "Start at login" is on in the settings (null when unknown). */
  startAtLogin: boolean | null;
  /** Whether the checks run inside Electron (the login item is Electron's) or from Node. */
  host: 'electron' | 'headless' | 'script';
}

const ok = (name: string, detail: string): SetupCheck => ({ name, status: 'ok', detail, fix: null });
const warn = (name: string, detail: string, fix: string | null): SetupCheck => ({
  name,
  status: 'warn',
  detail,
  fix,
});
const problem = (name: string, detail: string, fix: string): SetupCheck => ({
  name,
  status: 'problem',
  detail,
  fix,
});

/** node-pty loads and really starts a process in a PTY. */
export async function checkNodePty(): Promise<SetupCheck> {
  const name = 'Terminal (node-pty)';
  const fix =
    'Run `npm install` again; on Linux install a C++ toolchain first (`sudo apt install build-essential python3`).';
  try {
    const pty = (await import('node-pty')).default;
    const shell = process.platform === 'win32' ? 'cmd.exe' : '/bin/sh';
    const args = process.platform === 'win32' ? ['/c', 'exit 0'] : ['-c', 'exit 0'];
    const code = await new Promise<number>((resolve, reject) => {
      const p = pty.spawn(shell, args, { cols: 20, rows: 5 });
      const timer = setTimeout(() => {
        p.kill();
        reject(new Error('no exit within the time limit'));
      }, CHECK_TIMEOUT_MS);
      p.onExit((e) => {
        clearTimeout(timer);
        resolve(e.exitCode);
      });
    });
    return code === 0
      ? ok(name, 'loads and starts a process')
      : problem(name, `test process exited ${code}`, fix);
  } catch (err) {
    return problem(name, `does not load: ${(err as Error).message.split('\n')[0]}`, fix);
  }
}

/** One line per agent CLI: found with its version, or how to install it. */
export async function checkAgents(env: Record<string, string | undefined>): Promise<SetupCheck[]> {
  const clean = Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined),
  );
  const agents = await discoverAgents(clean.PATH ?? '', { env: clean });
  const anyFound = agents.some((a) => a.path);
  return agents.map((a) => {
    const name = `Agent: ${a.command}`;
    if (a.path)
      return ok(name, `${a.version ? `version ${a.version}` : 'found (version unknown)'} at ${a.path}`);
    const detail = `not found on PATH (package ${agentPackages[a.kind].npmPackage})`;
    // Missing agents are optional as long as one is there; with none, the app has little to do.
    return anyFound
      ? warn(name, detail, `Install it if you want it: \`${a.installCommand}\``)
      : problem(name, detail, `Install at least one agent, e.g. \`${a.installCommand}\``);
  });
}

/**
 * The data folder is writable and private (0700 on Unix). A missing folder is fine when it can be
 * created (its nearest existing parent is writable); the check itself creates nothing.
 */
export async function checkDataDir(dataDir: string): Promise<SetupCheck> {
  const name = 'Data folder';
  const fix = 'Make the folder writable by you, or pass `--data-dir` to `npm run serve`.';
  const st = await fs.stat(dataDir).catch(() => null);
  if (!st) {
    let parent = path.dirname(dataDir);
    while (!(await fs.stat(parent).catch(() => null)) && path.dirname(parent) !== parent)
      parent = path.dirname(parent);
    const writable = await fs.access(parent, fsConstants.W_OK).then(
      () => true,
      () => false,
    );
    return writable
      ? ok(name, `${dataDir} will be created on first start`)
      : problem(name, `${dataDir} cannot be created: ${parent} is not writable`, fix);
  }
  if (!st.isDirectory()) return problem(name, `${dataDir} is not a folder`, fix);
  const probe = path.join(dataDir, `.doctor-${process.pid}`);
  try {
    await fs.writeFile(probe, 'ok', { mode: 0o600 });
  } catch (err) {
    return problem(name, `${dataDir} is not writable: ${(err as Error).message}`, fix);
  } finally {
    await fs.rm(probe, { force: true });
  }
  const mode = st.mode & 0o777;
  if (process.platform !== 'win32' && mode & 0o077) {
    return problem(
      name,
      `${dataDir} is open to other users (mode ${mode.toString(8)})`,
      `chmod 700 '${dataDir}'`,
    );
  }
  return ok(name, `${dataDir} is writable and private`);
}

/** A Bot API call with a time-out; the parsed JSON or the error text. */
async function botCall(
  root: string,
  token: string,
  method: string,
  query = '',
): Promise<{ status: number; body: Record<string, unknown> } | { error: string }> {
  try {
    const res = await fetch(`${root}/bot${token}/${method}${query}`, {
      signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
    });
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    return { status: res.status, body };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** The bot token is valid (getMe), polling is not taken by another program, a chat is paired. */
export async function checkTelegram(ctx: DoctorContext): Promise<SetupCheck[]> {
  const out: SetupCheck[] = [];
  if (ctx.token === 'unreadable') {
    out.push(
      warn(
        'Telegram bot',
        'the token is in the OS keychain, which only the app can read',
        'Use Settings → Check setup in the app.',
      ),
    );
    return out;
  }
  if (!ctx.token) {
    out.push(
      problem(
        'Telegram bot',
        'no bot token stored',
        'Open Phone in the app and paste the token @BotFather gave you.',
      ),
    );
    return out;
  }
  const me = await botCall(ctx.telegramApiRoot, ctx.token, 'getMe');
  if ('error' in me) {
    out.push(
      problem(
        'Telegram bot',
        `cannot reach Telegram: ${me.error}`,
        'Check the network or proxy; api.telegram.org must be reachable.',
      ),
    );
    return out;
  }
  if (me.status === 401 || me.body.ok !== true) {
    out.push(
      problem(
        'Telegram bot',
        'the token was refused (getMe: unauthorized)',
        'Copy the token again from @BotFather (/token) and paste it under Phone.',
      ),
    );
    return out;
  }
  const username = (me.body.result as { username?: unknown } | undefined)?.username;
  out.push(ok('Telegram bot', `token valid: @${typeof username === 'string' ? username : '?'}`));
  if (ctx.polling !== null) {
    out.push(
      ctx.polling === 'conflict'
        ? problem(
            'Telegram polling',
            'another program is reading this bot’s updates (409 Conflict)',
            'Stop the other Agent Pager (or bot) using this token, or create a separate bot.',
          )
        : ctx.polling === 'running'
          ? ok('Telegram polling', 'receiving updates')
          : warn(
              'Telegram polling',
              `polling is ${ctx.polling}`,
              ctx.polling === 'offline' ? 'Check the network; it retries by itself.' : null,
            ),
    );
  } else {
    // getUpdates without an offset confirms nothing, so it does not take updates from the app.
    const upd = await botCall(ctx.telegramApiRoot, ctx.token, 'getUpdates', '?timeout=0&limit=1');
    if ('error' in upd) out.push(warn('Telegram polling', `not checked: ${upd.error}`, null));
    else if (upd.status === 409) {
      out.push(
        warn(
          'Telegram polling',
          'another program is polling this bot (409 Conflict); fine if it is your running Agent Pager',
          'Otherwise stop the other program or use a separate bot.',
        ),
      );
    } else out.push(ok('Telegram polling', 'no other program is polling this bot'));
  }
  if (ctx.paired === 'unknown') out.push(warn('Phone pairing', 'cannot read the pairing', null));
  else if (ctx.paired)
    out.push(
      ok(
        'Phone pairing',
        `paired with ${ctx.paired.username ? `@${ctx.paired.username}` : `chat ${ctx.paired.chatId}`}`,
      ),
    );
  else
    out.push(
      problem(
        'Phone pairing',
        'no phone is paired',
        'Open Phone → Pair phone and scan the QR code with your phone.',
      ),
    );
  return out;
}

/** Something answers on the Claude Code hook socket. */
export async function checkHookChannel(socket: string | null): Promise<SetupCheck> {
  const name = 'Claude hook channel';
  if (!socket)
    return warn(
      name,
      'not running (the app opens it when it starts)',
      'Start the app (`npm start` or `npm run serve`) and check again from Settings.',
    );
  const alive = await new Promise<boolean>((resolve) => {
    const s = net.createConnection(socket);
    const done = (v: boolean): void => {
      s.destroy();
      resolve(v);
    };
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
    s.setTimeout(CHECK_TIMEOUT_MS, () => done(false));
  });
  return alive
    ? ok(name, `listening on ${socket}`)
    : problem(
        name,
        `nothing answers on ${socket}`,
        'Restart the app; if it persists, remove the stale socket file.',
      );
}

/** The Electron binary that `npm start` runs is downloaded. */
export async function checkElectron(appRoot: string): Promise<SetupCheck> {
  const name = 'Desktop app (Electron)';
  const dir = path.join(appRoot, 'node_modules', 'electron');
  const rel = await fs.readFile(path.join(dir, 'path.txt'), 'utf8').catch(() => null);
  if (rel === null) {
    const installed = await fs.stat(path.join(dir, 'package.json')).then(
      () => true,
      () => false,
    );
    return installed
      ? warn(
          name,
          'the Electron binary is not downloaded yet',
          '`npm start` downloads it on first run (needs github.com), or use `npm run serve`.',
        )
      : warn(
          name,
          'electron is not installed',
          'Run `npm install`, or use the headless host `npm run serve`.',
        );
  }
  const bin = path.join(dir, 'dist', rel.trim());
  const present = await fs.stat(bin).then(
    (s) => s.isFile(),
    () => false,
  );
  return present
    ? ok(name, `binary present: ${bin}`)
    : warn(name, `binary missing: ${bin}`, '`npm start` downloads it on first run.');
}

/** Whether desktop notifications can show, and the login item's state. */
export async function checkDesktop(ctx: DoctorContext): Promise<SetupCheck[]> {
  const out: SetupCheck[] = [];
  if (process.platform === 'linux') {
    const bus = ctx.env.DBUS_SESSION_BUS_ADDRESS;
    out.push(
      bus
        ? ok('Desktop notifications', 'a desktop session bus is available')
        : warn(
            'Desktop notifications',
            'no desktop session bus (DBUS_SESSION_BUS_ADDRESS unset): the desktop app cannot show notifications; the phone still works',
            null,
          ),
    );
    const home = ctx.env.HOME ?? '';
    const dir = ctx.env.XDG_CONFIG_HOME
      ? path.join(ctx.env.XDG_CONFIG_HOME, 'autostart')
      : path.join(home, '.config', 'autostart');
    const entry = await fs.stat(path.join(dir, 'agent-pager.desktop')).then(
      () => true,
      () => false,
    );
    if (ctx.startAtLogin === true && !entry)
      out.push(
        problem(
          'Start at login',
          'on in Settings, but no autostart entry exists',
          'Turn "Start at login" off and on again in the desktop app.',
        ),
      );
    else out.push(ok('Start at login', entry ? 'on (autostart entry present)' : 'off'));
  } else {
    out.push(
      ok(
        'Desktop notifications',
        `handled by ${process.platform === 'darwin' ? 'macOS' : 'Windows'}: allow Agent Pager in the system notification settings`,
      ),
    );
    if (ctx.startAtLogin !== null) out.push(ok('Start at login', ctx.startAtLogin ? 'on' : 'off'));
  }
  return out;
}

/** Runs every check (in parallel where independent) and returns the lines in a fixed order. */
export async function runSetupChecks(ctx: DoctorContext): Promise<SetupCheck[]> {
  const [pty, agents, data, telegram, hook, electron, desktop] = await Promise.all([
    checkNodePty(),
    checkAgents(ctx.env),
    checkDataDir(ctx.dataDir),
    checkTelegram(ctx),
    checkHookChannel(ctx.hookSocket),
    checkElectron(ctx.appRoot),
    checkDesktop(ctx),
  ]);
  return [pty, ...agents, data, ...telegram, hook, electron, ...desktop];
}
