/**
 * Agent Pager's Claude Code hook helper. Claude Code runs it as a hook command (see
 * settings-overlay.ts) and writes the event's JSON to its stdin. It forwards
 * `{sessionId, secret, event}` as one JSON line to the Unix socket named by
 * AGENT_PAGER_HOOK_SOCKET, with AGENT_PAGER_SESSION_ID and AGENT_PAGER_HOOK_SECRET from its
 * environment (set by the app on the session's PTY).
 *
 * It never blocks or disturbs Claude: it prints nothing to stdout (Claude reads a hook's stdout
 * as its answer), reads at most 1 MiB, and always exits with status 0 within about 1 s, whether
 * or not the app is running, the socket exists, or the input is valid JSON.
 *
 * Plain CommonJS with no dependencies, so it runs under `node` or under the app's own executable
 * with ELECTRON_RUN_AS_NODE=1, outside any asar archive.
 */
'use strict';

const net = require('node:net');

/** Most bytes read from stdin (1 MiB); a larger event is dropped. */
const MAX_INPUT_BYTES = 1024 * 1024;
/** Hard deadline for the whole run, in ms. */
const DEADLINE_MS = 900;

let finished = false;
function finish() {
  if (finished) return;
  finished = true;
  process.exit(0);
}

process.on('uncaughtException', finish);
process.on('unhandledRejection', finish);
setTimeout(finish, DEADLINE_MS);

function main() {
  const socketPath = process.env.AGENT_PAGER_HOOK_SOCKET;
  const sessionId = process.env.AGENT_PAGER_SESSION_ID;
  const secret = process.env.AGENT_PAGER_HOOK_SECRET;
  if (!socketPath || !sessionId || !secret) return finish();

  const chunks = [];
  let size = 0;
  process.stdin.on('error', finish);
  process.stdin.on('data', (chunk) => {
    size += chunk.length;
    if (size > MAX_INPUT_BYTES) return finish();
    chunks.push(chunk);
  });
  process.stdin.on('end', () => {
    let event;
    try {
      event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return finish();
    }
    if (event === null || typeof event !== 'object' || Array.isArray(event)) return finish();
    const line = JSON.stringify({ sessionId, secret, event }) + '\n';
    const socket = net.createConnection(socketPath);
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('connect', () => socket.end(line));
  });
}

try {
  main();
} catch {
  finish();
}
