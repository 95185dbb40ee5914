/**
 * The shape of a Claude Code hook event (the JSON a hook command gets on stdin) and of the line
 * the hook helper sends to the app. Fields observed with Claude Code 2.1.197 (documented at
 * https://docs.anthropic.com/en/docs/claude-code/hooks): every event carries `session_id`,
 * `transcript_path`, `cwd`, `hook_event_name`; tool events add `tool_name`, `tool_input`,
 * `tool_use_id` (PostToolUse also `tool_response`); Stop adds `last_assistant_message`; Notification adds `notification_type` and
 * `message`; UserPromptSubmit adds `prompt`; SessionStart adds `source`; SessionEnd `reason`.
 * Unknown keys pass through untouched.
 */
import { z } from 'zod';

/** Longest free-text field we keep from an event, in chars (a hook's stdin is capped at 1 MiB). */
export const MAX_HOOK_TEXT_CHARS = 1_048_576;

const text = z.string().max(MAX_HOOK_TEXT_CHARS);

/** Schema of one hook event; unknown keys are kept (`looseObject`). */
export const hookEventSchema = z.looseObject({
  hook_event_name: z.string().min(1).max(64),
  session_id: z.string().min(1).max(200),
  transcript_path: z.string().max(4096).optional(),
  cwd: z.string().max(4096).optional(),
  tool_name: z.string().max(200).optional(),
  tool_input: z.record(z.string(), z.unknown()).optional(),
  tool_use_id: z.string().max(200).optional(),
  last_assistant_message: text.nullable().optional(),
  notification_type: z.string().max(100).optional(),
  message: text.optional(),
  prompt: text.optional(),
  source: z.string().max(100).optional(),
  reason: z.string().max(200).optional(),
});

/** A validated hook event. */
export type HookEvent = z.infer<typeof hookEventSchema>;

/** Schema of the line the helper sends: `{sessionId, secret, event}` (event validated separately). */
export const hookEnvelopeSchema = z.object({
  sessionId: z.string().min(1).max(64),
  secret: z.string().min(1).max(200),
  event: z.unknown(),
});

/** The hook events the settings overlay subscribes to, in the order Claude Code fires them. */
export const HOOK_EVENTS = [
  'SessionStart',
  'UserPromptSubmit',
  'PreToolUse',
  'PermissionRequest',
  'PostToolUse',
  'Notification',
  'Stop',
] as const;
export type HookEventName = (typeof HOOK_EVENTS)[number];
