/**
 * Keeps `document.title` at "(N) Agent Pager" while N sessions need attention (the taskbar and
 * browser tab show it), plain "Agent Pager" otherwise.
 */
import { useEffect } from 'react';
import { attentionCount, documentTitle } from '../store/state.js';
import { useAppState } from '../store/context.js';

/** Subscribes the title to the session list. */
export function useDocumentTitle(): void {
  const sessions = useAppState((s) => s.sessions);
  const title = documentTitle(attentionCount(sessions));
  useEffect(() => {
    document.title = title;
  }, [title]);
}
