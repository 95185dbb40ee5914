/**
 * Settings: which kinds of session page the phone when they finish a turn or sit waiting for
 * input (questions and permission prompts always do). One checkbox per kind.
 */
import { useId } from 'react';
import type { AgentKind } from '../../../contract/bridge.js';
import { agentLabel } from '../lib/presets.js';

const KINDS: readonly AgentKind[] = ['claude', 'codex', 'gemini', 'shell', 'custom'];

/** Props of {@link IdlePagingSetting}. */
export interface IdlePagingSettingProps {
  value: Record<AgentKind, boolean>;
  onChange: (next: Record<AgentKind, boolean>) => void;
}

/** The checkbox group. */
export function IdlePagingSetting(props: IdlePagingSettingProps) {
  const hintId = useId();
  const idBase = useId();
  return (
    <fieldset className="checkbox-group" aria-describedby={hintId}>
      <legend className="section-title">Page when idle</legend>
      <p id={hintId} className="muted small">
        A finished turn or “waiting for input” goes to the phone for these. Questions and permission prompts
        always do.
      </p>
      {KINDS.map((kind) => (
        <div key={kind} className="checkbox-row">
          <input
            id={`${idBase}-${kind}`}
            type="checkbox"
            checked={props.value[kind]}
            onChange={(e) => props.onChange({ ...props.value, [kind]: e.target.checked })}
          />
          <label htmlFor={`${idBase}-${kind}`}>{agentLabel(kind)}</label>
        </div>
      ))}
    </fieldset>
  );
}
