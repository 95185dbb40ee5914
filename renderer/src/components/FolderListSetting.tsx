/**
 * A list of folders, one per line, saved when the field loses focus: blank lines are dropped,
 * duplicates removed, and at most `max` kept.
 */
import { useEffect, useId, useState } from 'react';
import { parseFolderList } from '../lib/folder-list.js';

/** Props of {@link FolderListSetting}. */
export interface FolderListSettingProps {
  label: string;
  hint: string;
  value: string[];
  max: number;
  onCommit: (folders: string[]) => void;
}

/** A labelled multi-line field for folders. */
export function FolderListSetting(props: FolderListSettingProps) {
  const id = useId();
  const hintId = useId();
  const [text, setText] = useState(props.value.join('\n'));
  const joined = props.value.join('\n');
  useEffect(() => setText(joined), [joined]);
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {props.label}
      </label>
      <textarea
        id={id}
        className="input"
        rows={3}
        aria-describedby={hintId}
        value={text}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          const folders = parseFolderList(text, props.max);
          if (folders.join('\n') !== joined) props.onCommit(folders);
          else setText(joined);
        }}
      />
      <span id={hintId} className="field-hint">
        {props.hint}
      </span>
    </div>
  );
}
