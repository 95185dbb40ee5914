/**
 * `npm run doctor`: checks this install and prints one line per check — ok, warn or problem — with
 * how to fix it (the checks are main/core/doctor/checks.ts, shared with Settings → Check setup).
 * It reads the headless host's data folder (`--data-dir`, default as `npm run serve`) without
 * changing it (one probe file is written and removed), and never prints the bot token. Exit code 1 when any check found a problem.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { SetupCheck } from '../../contract/bridge.js';
import { chooseSocketPath } from '../core/claude/hook-receiver.js';
import { runSetupChecks, type DoctorContext } from '../core/doctor/checks.js';
import { sessionEnv } from '../core/sessions/session-env.js';
import { createFileSecretStore, ENCRYPTED_FILE } from '../core/settings/secret-file.js';
import { phoneRecordSchema } from '../core/telegram/phone-store.js';
import { API_ROOT_ENV, BOT_TOKEN_ENV, DEFAULT_TELEGRAM_API_ROOT } from '../core/telegram/phone-service.js';
import { defaultDataDir } from './data-dir.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The headless host's settings file (`conf` with configName "settings"), or {} when unreadable. */
function readSettings(dataDir: string): Record<string, unknown> {
  try {
    const v = JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8')) as unknown;
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** What `npm run doctor` can learn from outside the app. */
export function scriptContext(dataDir: string, env: NodeJS.ProcessEnv): DoctorContext {
  const settings = readSettings(dataDir);
  const record = phoneRecordSchema.safeParse(settings.phone);
  const stored = createFileSecretStore(dataDir, null).get();
  const token =
    env[BOT_TOKEN_ENV] || stored || (existsSync(path.join(dataDir, ENCRYPTED_FILE)) ? 'unreadable' : null);
  const socket = chooseSocketPath(dataDir).path;
  const publicSettings = settings.settings as { startAtLogin?: unknown } | undefined;
  return {
    dataDir,
    appRoot: ROOT,
    env: sessionEnv(env, ROOT),
    token,
    telegramApiRoot: (env[API_ROOT_ENV] ?? DEFAULT_TELEGRAM_API_ROOT).replace(/\/+$/, ''),
    paired: record.success
      ? record.data.paired && { chatId: record.data.paired.chatId, username: record.data.paired.username }
      : null,
    polling: null,
    hookSocket: existsSync(socket) ? socket : null,
    startAtLogin: typeof publicSettings?.startAtLogin === 'boolean' ? publicSettings.startAtLogin : null,
    host: 'script',
  };
}

/** One check as printed: a mark, the name and what was found, and the fix indented below. */
export function formatCheck(c: SetupCheck): string {
  const mark = c.status === 'ok' ? '✔' : c.status === 'warn' ? '!' : '✘';
  return `${mark} ${c.name}: ${c.detail}${c.fix ? `\n    → ${c.fix}` : ''}`;
}

async function main(): Promise<void> {
  const args = parseArgs({ options: { 'data-dir': { type: 'string' } } }).values;
  const dataDir = path.resolve(args['data-dir'] ?? defaultDataDir());
  const checks = await runSetupChecks(scriptContext(dataDir, process.env));
  process.stdout.write(`Agent Pager setup (${dataDir})\n\n${checks.map(formatCheck).join('\n')}\n`);
  const problems = checks.filter((c) => c.status === 'problem').length;
  process.stdout.write(problems ? `\n${problems} problem(s) to fix.\n` : '\nAll set.\n');
  process.exitCode = problems ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`doctor failed: ${(err as Error).message}\n`);
    process.exit(2);
  });
}
