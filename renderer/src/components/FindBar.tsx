/**
 * The find bar over a terminal (Ctrl/Cmd-Shift-F): Enter finds the next match, Shift-Enter the
 * previous one, Esc closes and returns focus to the terminal; "Aa" toggles case sensitivity.
 */
import { useEffect, useState } from 'react';
import type { FindResults, TerminalController } from '../terminal/terminal-controller.js';
import { ArrowDownIcon, ArrowUpIcon, CloseIcon } from './icons.js';

/** Props of {@link FindBar}. */
export interface FindBarProps {
  controller: TerminalController;
  onClose: () => void;
}

/** "3 of 12", "No results" or nothing before the first search. */
function resultsText(results: FindResults | null, query: string): string {
  if (!results || query === '') return '';
  if (results.count === 0) return 'No results';
  return `${results.index + 1} of ${results.count}`;
}

/** Search input with next/previous/case/close. */
export function FindBar(props: FindBarProps) {
  const { controller, onClose } = props;
  const [query, setQuery] = useState('');
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [results, setResults] = useState<FindResults | null>(null);

  useEffect(() => {
    controller.onFindResults(setResults);
    return () => {
      controller.onFindResults(null);
      controller.clearFind();
    };
  }, [controller]);

  const find = (backwards: boolean, text = query, matchCase = caseSensitive, incremental = false): void => {
    const found = controller.find(text, { caseSensitive: matchCase }, backwards, incremental);
    if (!found && text !== '') setResults({ index: -1, count: 0 });
  };

  const close = (): void => {
    onClose();
    controller.focus();
  };

  return (
    <div className="findbar" role="search" aria-label="Find in terminal">
      <input
        type="text"
        className="findbar-input"
        aria-label="Find"
        placeholder="Find"
        value={query}
        autoFocus
        spellCheck={false}
        onChange={(e) => {
          setQuery(e.target.value);
          find(false, e.target.value, caseSensitive, true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            find(e.shiftKey);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            close();
          }
        }}
      />
      <span className="findbar-count" aria-live="polite">
        {resultsText(results, query)}
      </span>
      <button
        type="button"
        className={`icon-btn icon-btn-small findbar-case${caseSensitive ? ' is-on' : ''}`}
        aria-label="Match case"
        aria-pressed={caseSensitive}
        title="Match case"
        onClick={() => {
          setCaseSensitive(!caseSensitive);
          find(false, query, !caseSensitive, true);
        }}
      >
        Aa
      </button>
      <button
        type="button"
        className="icon-btn icon-btn-small"
        aria-label="Previous match"
        title="Previous match (Shift+Enter)"
        onClick={() => find(true)}
      >
        <ArrowUpIcon />
      </button>
      <button
        type="button"
        className="icon-btn icon-btn-small"
        aria-label="Next match"
        title="Next match (Enter)"
        onClick={() => find(false)}
      >
        <ArrowDownIcon />
      </button>
      <button
        type="button"
        className="icon-btn icon-btn-small"
        aria-label="Close find"
        title="Close (Esc)"
        onClick={close}
      >
        <CloseIcon />
      </button>
    </div>
  );
}
