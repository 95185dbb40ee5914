/**
 * The one typed protocol between the app (Electron main or the headless host) and its PTY host
 * (main/ptyhost/main.ts), spoken over a local socket as newline-delimited JSON frames
 * (framing.ts). Every frame is validated with zod at both ends: requests by the PTY host
 * ({@link parseHostRequest}), results and events by the app ({@link hostResultSchemas},
 * {@link hostEventSchemas}).
 *
 * Adding a request means one entry in {@link hostRequestSchemas}, one in
 * {@link hostResultSchemas} and one handler in host-service.ts.
 */
import { z } from 'zod';
import {
  agentKinds,
  MAX_COLS,
  MAX_ROWS,
  MAX_WRITE_CHARS,
  promptKinds,
  sessionSpecSchema,
  type PromptInfo,
  type SessionInfo,
} from '../../../contract/bridge.js';
import { hookEventSchema } from '../claude/hook-event.js';
import type { ScreenSnapshot } from '../screen-image/snapshot.js';

/** Bumped on any incompatible change; an app and a PTY host of different versions do not talk. */
export const PTY_PROTOCOL_VERSION = 1;

/**
 * Largest frame either side accepts, in bytes. The biggest frame is an attach snapshot: 5,000
 * rows of scrollback serialized with colours, JSON-escaped, is a few MB; 64 MiB leaves room for
 * wide screens while a runaway peer still cannot grow memory without bound.
 */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;

const id = z.string().min(1).max(64);
const cols = z.number().int().min(2).max(MAX_COLS);
const rows = z.number().int().min(1).max(MAX_ROWS);
/** Attachment ids are chosen by the app, unique per connection. */
const attachId = z.number().int().min(1);
const refusal = z.enum(['no-session', 'exited', 'stale-prompt', 'audit-failed']).nullable();

/** How Claude Code hooks run the hook helper (see HookRunner in app-types.ts). */
export const hookRunnerSchema = z.object({
  command: z.string().min(1).max(4096),
  env: z.record(z.string().max(128), z.string().max(4096)),
  helperPath: z.string().min(1).max(4096),
});

/** A session as the desk sees it, as sent by the PTY host. */
export const sessionInfoSchema: z.ZodType<SessionInfo> = z.object({
  id,
  name: z.string().max(200),
  agent: z.enum(agentKinds),
  commandLine: z.string().max(10_000),
  cwd: z.string().max(4096),
  state: z.enum(['starting', 'running', 'needs-attention', 'exited']),
  exit: z.object({ code: z.number().nullable(), signal: z.string().max(64).nullable() }).nullable(),
  error: z.string().max(10_000).nullable(),
  title: z.string().max(10_000).nullable(),
  prompt: z.lazy(() => promptInfoSchema).nullable(),
  createdAt: z.number(),
  stoppedByRestart: z.boolean(),
  resumeCommand: z.string().max(10_000).nullable(),
  usage: z
    .lazy(() => sessionUsageSchema)
    .nullable()
    .optional(),
});

const tokens = z.number().min(0).max(1e15);
/** Token counts and cost (USD) as in contract/usage.ts. */
const tokenUsageSchema = z.object({
  input: tokens,
  output: tokens,
  cacheRead: tokens,
  cacheWrite: tokens,
  costUsd: z.number().min(0).max(1e12).nullable(),
});

/** A Claude Code session's token use (contract/usage.ts), filled in by the PTY host. */
export const sessionUsageSchema = z.object({
  total: tokenUsageSchema,
  lastTurn: tokenUsageSchema.nullable(),
  model: z.string().max(200).nullable(),
});

/** Largest screen snapshot asked of the PTY host, in cells (render.ts cuts to 200 × 300 anyway). */
export const MAX_SNAPSHOT_ROWS = MAX_ROWS;
export const MAX_SNAPSHOT_COLS = MAX_COLS;

const cellColorSchema = z.union([
  z.object({ kind: z.literal('default') }),
  z.object({ kind: z.literal('palette'), index: z.number().int().min(0).max(255) }),
  z.object({ kind: z.literal('rgb'), rgb: z.number().int().min(0).max(0xffffff) }),
]);

/** A screen snapshot (screen-image/snapshot.ts) as sent by the PTY host, bounded by its size. */
export const screenSnapshotSchema: z.ZodType<ScreenSnapshot> = z
  .object({
    cols: z.number().int().min(1).max(MAX_SNAPSHOT_COLS),
    rows: z.number().int().min(1).max(MAX_SNAPSHOT_ROWS),
    lines: z
      .array(
        z
          .array(
            z.object({
              col: z.number().int().min(0).max(MAX_SNAPSHOT_COLS),
              cells: z.number().int().min(0).max(MAX_SNAPSHOT_COLS),
              text: z.string().max(4 * MAX_SNAPSHOT_COLS * 8),
              wide: z.boolean(),
              fg: cellColorSchema,
              bg: cellColorSchema,
              bold: z.boolean(),
              italic: z.boolean(),
              dim: z.boolean(),
              underline: z.boolean(),
              inverse: z.boolean(),
              strikethrough: z.boolean(),
              invisible: z.boolean(),
            }),
          )
          .max(MAX_SNAPSHOT_COLS),
      )
      .max(MAX_SNAPSHOT_ROWS),
    cursor: z
      .object({
        row: z.number().int().min(0).max(MAX_SNAPSHOT_ROWS),
        col: z.number().int().min(0).max(MAX_SNAPSHOT_COLS),
      })
      .nullable(),
  })
  .refine((s) => s.lines.length <= s.rows, 'more lines than rows');

/** A prompt record as sent by the PTY host. */
export const promptInfoSchema: z.ZodType<PromptInfo> = z.object({
  id: z.string().min(1).max(64),
  sessionId: id,
  kind: z.enum(promptKinds),
  title: z.string().max(100_000),
  body: z.string().max(2_000_000),
  options: z.array(z.object({ label: z.string().max(10_000), keys: z.string().max(10_000) })).max(100),
  openedAt: z.number(),
  relayed: z.boolean(),
  /** Set by the app (its pageIdle setting), never by the PTY host. */
  quiet: z.boolean().default(false),
});

/** Request name → params schema (app → PTY host). */
export const hostRequestSchemas = {
  /** First request of every connection: checks the protocol and configures the host. */
  hello: z.object({
    protocol: z.number().int(),
    hookRunner: hookRunnerSchema,
    idleSeconds: z.number().int().min(1).max(3600),
    /** Sessions an older app kept in its settings, to add once (validated by the host). */
    legacySessions: z.array(z.unknown()).max(500).default([]),
  }),
  /** The app's settings changed. */
  configure: z.object({ idleSeconds: z.number().int().min(1).max(3600) }),
  'session.create': z.object({ spec: sessionSpecSchema, cols, rows }),
  'session.restart': z.object({ id, cols: cols.optional(), rows: rows.optional() }),
  /** Restarts with the agent's own resume (claude --resume <id>, …). */
  'session.resume': z.object({ id, cols: cols.optional(), rows: rows.optional() }),
  'session.kill': z.object({ id }),
  'session.remove': z.object({ id }),
  /** `source` tells the prompt tracker who typed (desk input answers prompts "here"). */
  'session.write': z.object({
    id,
    data: z.string().max(MAX_WRITE_CHARS),
    source: z.enum(['desk', 'phone']),
  }),
  'session.resize': z.object({ id, cols, rows }),
  /** Renames a tab (trimmed, 1–80 chars) and saves the list. */
  'session.rename': z.object({ id, name: z.string().trim().min(1).max(80) }),
  /** Puts the tabs in this order (see SessionManager.reorder) and saves the list. */
  'sessions.reorder': z.object({ ids: z.array(id).max(500) }),
  'session.attach': z.object({ id, attachId }),
  'session.ack': z.object({ attachId, chars: z.number().int().min(0).max(100_000_000) }),
  'session.detach': z.object({ attachId }),
  'session.screenText': z.object({ id }),
  /** The visible screen with colours and attributes, cut to maxRows × maxCols cells. */
  'session.screenSnapshot': z.object({
    id,
    maxRows: z.number().int().min(1).max(MAX_SNAPSHOT_ROWS),
    maxCols: z.number().int().min(1).max(MAX_SNAPSHOT_COLS),
  }),
  'prompt.answer': z.object({
    id,
    promptId: z.string().max(64),
    option: z.number().int().min(0).max(1000),
    source: z.enum(['desk', 'phone']),
  }),
  'prompt.sendKeys': z.object({ id, keys: z.string().max(4096), promptId: z.string().max(64).nullable() }),
  'prompt.markRelayed': z.object({ id, promptId: z.string().max(64) }),
  /** Ends every session (the list stays) and exits: "stop agents when the app quits". */
  shutdown: z.object({}),
} as const;

export type HostRequestName = keyof typeof hostRequestSchemas;
export type HostRequestParams<K extends HostRequestName> = z.input<(typeof hostRequestSchemas)[K]>;
export type HostParsedParams<K extends HostRequestName> = z.output<(typeof hostRequestSchemas)[K]>;

const snapshotSchema = z.object({ data: z.string().max(MAX_FRAME_BYTES), cols, rows });

/** Request name → result schema (validated by the app). */
export const hostResultSchemas = {
  hello: z.object({
    protocol: z.number().int(),
    pid: z.number().int(),
    sessions: z.array(sessionInfoSchema).max(10_000),
  }),
  configure: z.null(),
  'session.create': sessionInfoSchema,
  'session.restart': sessionInfoSchema,
  'session.resume': sessionInfoSchema,
  'session.kill': z.null(),
  'session.remove': z.null(),
  'session.write': z.null(),
  /** The PTY's size after the resize (the same as asked unless the session is gone). */
  'session.resize': z.object({ cols, rows }).nullable(),
  'session.rename': sessionInfoSchema,
  /** The resulting order of every session id. */
  'sessions.reorder': z.array(id).max(10_000),
  'session.attach': snapshotSchema,
  'session.ack': z.null(),
  'session.detach': z.null(),
  'session.screenText': z.string().max(MAX_FRAME_BYTES).nullable(),
  'session.screenSnapshot': screenSnapshotSchema.nullable(),
  'prompt.answer': refusal,
  'prompt.sendKeys': refusal,
  'prompt.markRelayed': z.null(),
  shutdown: z.null(),
} as const satisfies Record<HostRequestName, z.ZodType>;

export type HostResult<K extends HostRequestName> = z.output<(typeof hostResultSchemas)[K]>;

const closeReason = z.enum(['answered-here', 'answered-from-phone', 'gone', 'session-exited']);

/** Event name → payload schema (PTY host → app). */
export const hostEventSchemas = {
  /** A session was added or changed (state, title, prompt, exit, resume facts). */
  'session.changed': sessionInfoSchema,
  'session.removed': z.object({ id }),
  /** Output for one attachment; the app acks `data.length` once its views wrote it. */
  'session.data': z.object({ attachId, data: z.string().max(MAX_FRAME_BYTES) }),
  'prompt.opened': z.object({ prompt: promptInfoSchema, session: sessionInfoSchema }),
  'prompt.updated': z.object({ prompt: promptInfoSchema, session: sessionInfoSchema }),
  'prompt.closed': z.object({ prompt: promptInfoSchema, reason: closeReason }),
  /**
   * A Claude Code hook fact the app follows turns with (UserPromptSubmit, PreToolUse,
   * PostToolUse, Stop; see {@link TURN_HOOK_EVENTS}).
   */
  'session.hook': z.object({ id, event: hookEventSchema }),
} as const;

/** The hook events the PTY host forwards to the app as `session.hook` (turn start, tools, end). */
export const TURN_HOOK_EVENTS: ReadonlySet<string> = new Set([
  'UserPromptSubmit',
  'PreToolUse',
  'PostToolUse',
  'Stop',
]);

export type HostEventName = keyof typeof hostEventSchemas;
export type HostEventPayload<E extends HostEventName> = z.output<(typeof hostEventSchemas)[E]>;

/** One frame on the wire. */
export const hostFrameSchema = z.union([
  z.object({ t: z.literal('req'), id: z.number().int(), name: z.string().max(64), params: z.unknown() }),
  z.object({ t: z.literal('res'), id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.object({
    t: z.literal('res'),
    id: z.number().int(),
    ok: z.literal(false),
    error: z.string().max(10_000),
  }),
  z.object({ t: z.literal('evt'), name: z.string().max(64), payload: z.unknown() }),
]);
export type HostFrame = z.infer<typeof hostFrameSchema>;

/**
 * Validates a request at the PTY host.
 * @throws Error with a readable message for an unknown name or invalid params.
 */
export function parseHostRequest(name: string, params: unknown): { name: HostRequestName; params: unknown } {
  if (!Object.hasOwn(hostRequestSchemas, name)) throw new Error(`unknown request: ${name.slice(0, 60)}`);
  const parsed = hostRequestSchemas[name as HostRequestName].safeParse(params ?? {});
  if (!parsed.success) {
    throw new Error(`invalid params for ${name}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  return { name: name as HostRequestName, params: parsed.data };
}
