/**
 * Agent Pager's Codex `notify` program (built to dist/codex-notify.cjs, beside hook-helper.cjs).
 * Codex runs it at the end of every turn with one JSON argument (observed with Codex CLI 0.169.0):
 * `{"type":"agent-turn-complete","thread-id":…,"turn-id":…,"cwd":…,"input-messages":[…],
 *   "last-assistant-message":…}`.
 *
 * argv: `[node, codex-notify.cjs, ...userNotify, json]`. It forwards a turn's end to the app's
 * hook socket as a Stop event (`{sessionId, secret, event}`, the envelope of hook-helper.cjs, with
 * AGENT_PAGER_HOOK_SOCKET / _SESSION_ID / _HOOK_SECRET from the session's environment), and then
 * runs the user's own `notify` program (`userNotify`, from their config.toml) with the same JSON,
 * so their setup keeps working. Codex's task-title side request also ends in a notify (its input
 * starts "Generate a concise, single-line task title"); that one is not forwarded.
 *
 * It prints nothing, never throws, and exits 0 within about 1 s. Plain CommonJS with no
 * dependencies (runs under `node` or the app's executable with ELECTRON_RUN_AS_NODE=1).
 */
'use strict';

const net = require('node:net');
const { spawn } = require('node:child_process');

/** Hard deadline for the whole run, in ms. */
const DEADLINE_MS = 900;
/** Longest argument read, in chars. */
const MAX_JSON_CHARS = 1024 * 1024;
/** How Codex's task-title request starts (it is not a turn of the user's). */
const TITLE_REQUEST = 'Generate a concise, single-line task title';

let finished = false;
function finish() {
  if (finished) return;
  finished = true;
  process.exit(0);
}
process.on('uncaughtException', finish);
process.on('unhandledRejection', finish);
setTimeout(finish, DEADLINE_MS);

/** Runs the user's own notify program with the JSON, detached, output ignored. */
function runUserNotify(argv, json) {
  if (argv.length === 0) return;
  try {
    const child = spawn(argv[0], [...argv.slice(1), json], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // The user's program is missing or not executable: nothing to do for us.
  }
}

/** The Stop event for a finished turn, or null when the JSON is not one to forward. */
function stopEvent(json) {
  if (json.length > MAX_JSON_CHARS) return null;
  let payload;
  try {
    payload = JSON.parse(json);
  } catch {
    return null;
  }
  if (!payload || typeof payload !== 'object' || payload.type !== 'agent-turn-complete') return null;
  const inputs = Array.isArray(payload['input-messages']) ? payload['input-messages'] : [];
  if (typeof inputs[0] === 'string' && inputs[0].startsWith(TITLE_REQUEST)) return null;
  const threadId = typeof payload['thread-id'] === 'string' ? payload['thread-id'] : 'codex';
  const last = payload['last-assistant-message'];
  return {
    hook_event_name: 'Stop',
    session_id: threadId.slice(0, 200),
    cwd: typeof payload.cwd === 'string' ? payload.cwd : undefined,
    last_assistant_message: typeof last === 'string' ? last : null,
  };
}

function main() {
  const args = process.argv.slice(2);
  const json = args.length > 0 ? String(args[args.length - 1]) : '';
  runUserNotify(args.slice(0, -1), json);
  const socketPath = process.env.AGENT_PAGER_HOOK_SOCKET;
  const sessionId = process.env.AGENT_PAGER_SESSION_ID;
  const secret = process.env.AGENT_PAGER_HOOK_SECRET;
  const event = stopEvent(json);
  if (!socketPath || !sessionId || !secret || !event) return finish();
  const socket = net.createConnection(socketPath);
  socket.on('error', finish);
  socket.on('close', finish);
  socket.on('connect', () => socket.end(JSON.stringify({ sessionId, secret, event }) + '\n'));
}

try {
  main();
} catch {
  finish();
}
