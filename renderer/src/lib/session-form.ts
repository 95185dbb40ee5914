/**
 * The "New session" form's rules, kept apart from the React component: the default name (made
 * unique among the open tabs), the default folder, and turning the fields into a
 * {@link SessionSpec} or one message per field that needs fixing.
 */
import type { AgentKind, SessionSpec } from '../../../contract/bridge.js';
import { folderName } from './folder-name.js';

/** The form's fields as typed. `name` is null while the user has not edited it. */
export interface SessionFormFields {
  agent: AgentKind;
  command: string;
  cwd: string;
  name: string | null;
}

/** Fields that can carry an error message. */
export type FieldName = 'command' | 'cwd' | 'name';
/** One message per field that needs fixing. */
export type FieldErrors = Partial<Record<FieldName, string>>;

/** Names longer than this are cut (the contract allows 80 chars). */
const MAX_NAME = 80;

/**
 * `base`, or `base (2)`, `base (3)`… — the first that no name in `taken` already uses
 * (compared without case). Cut so the result fits {@link MAX_NAME}.
 */
export function uniqueName(base: string, taken: readonly string[]): string {
  const used = new Set(taken.map((n) => n.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${base.slice(0, MAX_NAME - suffix.length)}${suffix}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * The Name field's value: what the user typed, else the working directory's folder name made
 * unique among `taken` (the open tabs' names). A blank typed name counts as not typed.
 */
export function effectiveName(
  fields: Pick<SessionFormFields, 'cwd' | 'name'>,
  taken: readonly string[] = [],
): string {
  if (fields.name !== null && fields.name.trim() !== '') return fields.name;
  const base = folderName(fields.cwd);
  return base === '' ? '' : uniqueName(base, taken);
}

/**
 * The folder the dialog starts in: the last used one (settings.defaultCwd), else the host
 * user's home, else "~" (expanded by the host).
 */
export function defaultCwd(lastUsed: string | null | undefined, homeDir: string | null | undefined): string {
  if (lastUsed && lastUsed.trim() !== '') return lastUsed;
  if (homeDir && homeDir.trim() !== '') return homeDir;
  return '~';
}

/**
 * Validates every field at once and builds the spec for `session.create`.
 * Returns `{ errors }` with a sentence per field that needs fixing, in form order.
 */
export function buildSpec(
  fields: SessionFormFields,
  taken: readonly string[] = [],
): { spec: SessionSpec } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const command = fields.command.trim();
  if (fields.agent === 'custom' && command === '') errors.command = 'Type the command to run.';
  const cwd = fields.cwd.trim();
  if (cwd === '') errors.cwd = 'Choose a working directory.';
  if (Object.keys(errors).length > 0) return { errors };
  const name = effectiveName({ cwd, name: fields.name }, taken).trim().slice(0, MAX_NAME);
  return { spec: { name, agent: fields.agent, command: fields.agent === 'custom' ? command : '', cwd } };
}

/**
 * The field a host error from `session.create` is about, so it shows there: a missing or
 * unusable folder → `cwd`; a command that is not found → `command` for Custom. Other errors
 * (an agent that is not installed, …) belong to the form as a whole (null).
 */
export function fieldOfHostError(message: string, agent: AgentKind): FieldName | null {
  if (/folder|director/i.test(message)) return 'cwd';
  if (agent === 'custom' && /not found|command/i.test(message)) return 'command';
  return null;
}
