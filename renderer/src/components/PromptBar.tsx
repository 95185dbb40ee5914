/**
 * The bar over a session that needs the user: what it asks and its options as buttons (each
 * writes the option's exact keys through `session.answer`), plus "sent to phone" once relayed.
 */
import { useState } from 'react';
import type { PromptInfo } from '../../../contract/bridge.js';
import { useBridge } from '../store/context.js';
import { PhoneIcon } from './icons.js';

/** Title of each prompt kind, when the prompt has no better one. */
const KIND_LABEL: Record<PromptInfo['kind'], string> = {
  permission: 'Permission needed',
  question: 'Question',
  input: 'Waiting for input',
  finished: 'Turn finished',
};

/** Shown while a prompt is open. */
export function PromptBar(props: { prompt: PromptInfo }) {
  const { prompt } = props;
  const bridge = useBridge();
  const [error, setError] = useState<string | null>(null);
  const answer = (option: number): void => {
    setError(null);
    bridge
      .request('session.answer', { id: prompt.sessionId, promptId: prompt.id, option })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  return (
    <div className={`promptbar promptbar-${prompt.kind}`} role="status">
      <span className="promptbar-pulse" aria-hidden="true" />
      <span className="promptbar-kind">{KIND_LABEL[prompt.kind]}</span>
      {prompt.title !== KIND_LABEL[prompt.kind] && (
        <span className="promptbar-title" title={prompt.body}>
          {prompt.title}
        </span>
      )}
      {prompt.relayed && (
        <span className="chip chip-phone">
          <PhoneIcon size={12} /> sent to phone
        </span>
      )}
      <span className="promptbar-spacer" />
      {error && <span className="promptbar-error">{error}</span>}
      {prompt.options.slice(0, 4).map((option, index) => (
        <button
          key={`${index}-${option.label}`}
          type="button"
          className="btn btn-small"
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => answer(index)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
