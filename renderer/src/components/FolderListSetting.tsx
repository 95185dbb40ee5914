/**
 * A list of folders, one per line, saved when the field loses focus (see `parseFolderList`:
 * blank lines dropped, duplicates removed, at most `max` kept).
 */
import { useId, useState } from 'react';
import { parseFolderList } from '../lib/folder-list.js';
import { Field } from './Field.js';

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
  const [draft, setDraft] = useState<string | null>(null);
  const saved = props.value.join('\n');
  return (
    <Field label={props.label} htmlFor={id} hint={props.hint} hintId={hintId}>
      <textarea
        id={id}
        className="input"
        rows={3}
        aria-describedby={hintId}
        value={draft ?? saved}
        spellCheck={false}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => {
          if (draft === null) return;
          const folders = parseFolderList(draft, props.max);
          setDraft(null);
          if (folders.join('\n') !== saved) props.onCommit(folders);
        }}
      />
    </Field>
  );
}
