/**
 * The "New session" form's rules, kept apart from the React component: the default name, the
 * default folder, and turning the fields into a {@link SessionSpec} or a message to show.
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

/** The Name field's value: what the user typed, else the working directory's folder name. */
export function effectiveName(fields: Pick<SessionFormFields, 'cwd' | 'name'>): string {
  return fields.name ?? folderName(fields.cwd);
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

/** Names longer than this are cut (the contract allows 80 chars). */
const MAX_NAME = 80;

/**
 * Validates the fields and builds the spec for `session.create`.
 * Returns `{ error }` with a sentence for the user when a required field is missing.
 */
export function buildSpec(fields: SessionFormFields): { spec: SessionSpec } | { error: string } {
  const cwd = fields.cwd.trim();
  if (cwd === '') return { error: 'Choose a working directory.' };
  const command = fields.command.trim();
  if (fields.agent === 'custom' && command === '') return { error: 'Type the command to run.' };
  const name = effectiveName({ cwd, name: fields.name }).trim().slice(0, MAX_NAME);
  return { spec: { name, agent: fields.agent, command: fields.agent === 'custom' ? command : '', cwd } };
}
