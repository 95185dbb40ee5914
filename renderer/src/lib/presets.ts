/**
 * The agent presets offered in the "New session" dialog, with the label and the command line
 * shown on each card. The host resolves the actual command for each kind.
 */
import { agentLabels, type AgentAvailability, type AgentKind } from '../../../contract/bridge.js';

/** One preset card. */
export interface Preset {
  kind: AgentKind;
  label: string;
  /** What runs, as the user would type it (the shell preset shows the host's login shell). */
  hint: string;
}

/** Presets in the order shown; `userShell` is the host's login shell, e.g. "/bin/bash". */
export function presets(userShell: string | null): Preset[] {
  const shell = userShell ? (userShell.split(/[\\/]/).pop() ?? userShell) : 'your shell';
  return [
    { kind: 'claude', label: agentLabels.claude, hint: 'claude' },
    { kind: 'codex', label: agentLabels.codex, hint: 'codex' },
    { kind: 'gemini', label: agentLabels.gemini, hint: 'gemini' },
    { kind: 'shell', label: agentLabels.shell, hint: shell },
    { kind: 'custom', label: agentLabels.custom, hint: 'any program' },
  ];
}

/** Short label of an agent kind for tab tooltips. */
export function agentLabel(kind: AgentKind): string {
  return agentLabels[kind];
}

/**
 * The agent the New session dialog starts on: the last used one (`stored`, any string from
 * localStorage) when it is installed or is not an agent CLI (shell, custom); otherwise the first
 * installed agent CLI; otherwise the shell. Never a missing agent. While `agents` is not known
 * yet (null), the last used one.
 */
export function defaultAgent(stored: string | null, agents: AgentAvailability[] | null): AgentKind {
  const kinds: AgentKind[] = ['claude', 'codex', 'gemini', 'shell', 'custom'];
  const last = kinds.find((k) => k === stored) ?? 'claude';
  if (!agents) return last;
  const entry = agents.find((a) => a.kind === last);
  if (!entry || entry.path) return last;
  return agents.find((a) => a.path)?.kind ?? 'shell';
}

/** The line a preset card shows under its label: version when installed, install command when missing. */
export function availabilityHint(entry: AgentAvailability | undefined): string | null {
  if (!entry) return null;
  if (!entry.path) return `Not installed: ${entry.installCommand}`;
  return entry.version ? `v${entry.version}` : 'installed';
}
