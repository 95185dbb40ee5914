/**
 * The real headless host as a child process (`node dist/headless/cli.js`, built by `npm test` and
 * `npm run test:soak`) and a small bridge client for it, for tests that must see the process
 * itself: that it never exits, its resident memory, its open file descriptors.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { bridgeProtocols } from '../../contract/ws-auth.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A running host process. `exited` is null while it runs, else its exit code or signal. */
export interface HostProcess {
  proc: ChildProcess;
  url: URL;
  token: string;
  exited(): number | string | null;
  stderr(): string;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/**
 * Starts `dist/headless/cli.js --port 0 --data-dir <dataDir> --stop-agents-on-exit` with HOME set to `home` and a
 * Telegram API root where nothing listens; resolves once it prints its URL.
 * @throws Error with its stderr when it exits first or prints nothing in 20 s.
 */
export function startHostProcess(dataDir: string, home = dataDir): Promise<HostProcess> {
  const proc = spawn(
    process.execPath,
    // --stop-agents-on-exit: the PTY host and its sessions end with the host, so no test leaks them.
    [path.join(ROOT, 'dist/headless/cli.js'), '--port', '0', '--data-dir', dataDir, '--stop-agents-on-exit'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HOME: home, AGENT_PAGER_TELEGRAM_API_ROOT: 'http://127.0.0.1:9' },
    },
  );
  let out = '';
  let err = '';
  let exited: number | string | null = null;
  proc.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-100_000)));
  const exit = new Promise<void>((resolve) =>
    proc.once('exit', (code, signal) => {
      exited = code ?? signal;
      resolve();
    }),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host printed no URL in 20 s; stderr:\n${err}`)), 20_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      const url = new URL(m[1]!);
      resolve({
        proc,
        url,
        token: url.searchParams.get('token')!,
        exited: () => exited,
        stderr: () => err,
        stop: async () => {
          if (exited === null) proc.kill('SIGTERM');
          await exit;
        },
      });
    });
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${exited}; stderr:\n${err}`));
    });
  });
}

/** Resident memory of a process, in bytes (Linux /proc). */
export function rssOf(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb ?? 0) * 1024;
}

/** Open file descriptors of a process (Linux /proc). */
export function fdCount(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

type Reply = { ok: boolean; result?: unknown; error?: string };

/**
 * A bridge client over the host's WebSocket that reopens itself when the host closes it, and
 * answers each request with its reply frame. `onData` sees every `session.data` event.
 */
export class BridgeTestClient {
  ws!: WebSocket;
  /** Sockets the host closed (or dropped) so far. */
  closes = 0;
  private nextId = 1;
  private readonly waiting = new Map<number, (f: Reply) => void>();

  constructor(
    private readonly host: { url: URL; token: string },
    private readonly onData: (client: BridgeTestClient, id: string, data: string) => void = () => {},
  ) {}

  /** Opens a new socket (with the page's Origin and the token as a subprotocol). */
  async open(): Promise<void> {
    const ws = new WebSocket(`ws://${this.host.url.host}/bridge`, bridgeProtocols(this.host.token), {
      origin: this.host.url.origin,
    });
    this.ws = ws;
    ws.on('message', (raw) => {
      const f = JSON.parse(raw.toString());
      if (f.t === 'res') this.waiting.get(f.id)?.(f);
      else if (f.name === 'session.data') this.onData(this, f.payload.id, f.payload.data);
    });
    ws.on('error', () => undefined);
    ws.on('close', () => this.closes++);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  }

  /** Sends raw frame data, reopening first when the socket is gone. */
  async send(data: string | Buffer): Promise<void> {
    if (this.ws?.readyState !== WebSocket.OPEN) await this.open();
    this.ws.send(data);
  }

  /**
   * One request and its reply (rejects after `timeoutMs`). A request lost with a socket the host
   * closed is sent again on a new socket (the host never saw it).
   */
  async request(name: string, params: unknown, timeoutMs = 2000): Promise<Reply> {
    for (;;) {
      if (this.ws?.readyState !== WebSocket.OPEN) await this.open();
      const ws = this.ws;
      const id = 1_000_000 + this.nextId++;
      const reply = await new Promise<Reply | 'closed'>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${name}: no answer in ${timeoutMs} ms`)), timeoutMs);
        const onClose = () => {
          clearTimeout(timer);
          resolve('closed');
        };
        ws.once('close', onClose);
        this.waiting.set(id, (f) => {
          clearTimeout(timer);
          ws.off('close', onClose);
          resolve(f);
        });
        ws.send(JSON.stringify({ t: 'req', id, name, params }));
      });
      this.waiting.delete(id);
      if (reply !== 'closed') return reply;
    }
  }

  /** Closes the socket for good. */
  close(): void {
    this.ws?.terminate();
  }
}
