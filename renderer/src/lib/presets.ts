/**
 * The agent presets offered in the "New session" dialog, with the label and the command line
 * shown on each card. The host resolves the actual command for each kind.
 */
import { agentLabels, type AgentKind } from '../../../contract/bridge.js';

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
