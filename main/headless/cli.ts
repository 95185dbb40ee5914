/**
 * `npm run serve -- [--host 127.0.0.1] [--port N] [--data-dir DIR] [--stop-agents-on-exit]`: runs
 * the core without Electron and serves the renderer to a browser. Prints exactly one line with the
 * URL to open (token included). Sessions live in the data dir's PTY host (dist/ptyhost/main.js,
 * started when none runs): SIGINT/SIGTERM exit 0 leaving them running for the next start, or,
 * with `--stop-agents-on-exit`, end every session first.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Conf from 'conf';
import { createCore } from '../core/app.js';
import type { KeyValueStore } from '../core/app-types.js';
import { createFileSecretStore } from '../core/settings/secret-file.js';
import {
  PRIVATE_FILE_MODE,
  SETTINGS_FILE,
  prepareJsonStoreFile,
  preparePrivateDir,
} from '../core/settings/data-files.js';
import { newAccessToken } from './access-token.js';
import { startHeadlessServer } from './server.js';
import { defaultDataDir } from './data-dir.js';

const USAGE = `Usage: npm run serve -- [--host 127.0.0.1] [--port 7420] [--data-dir DIR]

  --host       address to bind (default 127.0.0.1; anything else exposes your terminals to the network)
  --port       port (default 7420; 0 picks a free one)
  --data-dir   settings, audit log, session list and sockets (default $XDG_CONFIG_HOME/agent-pager or ~/.config/agent-pager)
  --stop-agents-on-exit
               end every session when this host exits (default: they keep running in the
               background PTY host, and the next start finds them)
`;

export { defaultDataDir };

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '7420' },
        'data-dir': { type: 'string' },
        'stop-agents-on-exit': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be a number from 0 to 65535\n`);
    process.exit(2);
  }
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const dataDir = path.resolve(args['data-dir'] ?? defaultDataDir());
  const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string })
    .version;
  // Private folder and file before conf opens them; a corrupt file is moved aside, not fatal.
  preparePrivateDir(dataDir);
  const fileNotice = prepareJsonStoreFile(path.join(dataDir, SETTINGS_FILE));
  const conf = new Conf<Record<string, unknown>>({
    cwd: dataDir,
    configName: 'settings',
    projectName: 'agent-pager',
    configFileMode: PRIVATE_FILE_MODE,
  });
  const store: KeyValueStore = {
    get: (k) => conf.get(k),
    set: (k, v) => conf.set(k, v),
    delete: (k) => conf.delete(k),
  };
  const log = (msg: string) => process.stderr.write(`[agent-pager] ${msg}\n`);

  const core = await createCore({
    hostKind: 'headless',
    dataDir,
    startupNotices: fileNotice ? [fileNotice] : [],
    settings: store,
    secrets: createFileSecretStore(dataDir, null),
    hookRunner: {
      command: process.execPath,
      env: {},
      helperPath: path.join(root, 'dist', 'hook-helper.cjs'),
    },
    ptyHost: { command: process.execPath, args: [path.join(root, 'dist', 'ptyhost', 'main.js')], env: {} },
    version,
  });
  const server = await startHeadlessServer({
    core,
    rendererDir: path.join(root, 'dist', 'renderer'),
    host: args.host!,
    port,
    token: process.env.AGENT_PAGER_ACCESS_TOKEN || newAccessToken(),
    log,
  });
  if (!['127.0.0.1', '::1', 'localhost'].includes(args.host!)) {
    log(
      `warning: bound to ${args.host}, not loopback: anyone who can reach this address and learns the token can type into your terminals`,
    );
  }
  process.stdout.write(`Agent Pager listening on ${server.url}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(0), 8000);
    force.unref();
    await server.close().catch(() => {});
    const stopAgents = args['stop-agents-on-exit'] === true;
    const { running } = core.quitPlan();
    await core.dispose({ stopAgents }).catch(() => {});
    if (!stopAgents && running > 0) {
      log(
        `${running} session${running === 1 ? '' : 's'} keep running in the background (PTY host pid ${core.ptyHostPid()}); the next start shows them. --stop-agents-on-exit ends them.`,
      );
    }
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`Agent Pager could not start: ${(err as Error).message}\n`);
  process.exit(1);
});
