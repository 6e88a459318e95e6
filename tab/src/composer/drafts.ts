import { useCallback, useState } from 'react';

/**
 * What the member was writing in each thread, kept while they look at another one (issue 16, point 10): in memory for
 * the tab's life and in sessionStorage, so a reload of the tab keeps it too. A sent or emptied draft is forgotten.
 */
const drafts = new Map<string, string>();
const STORAGE_PREFIX = 'bridgeline.draft.';

function stored(key: string): string {
  try {
    return sessionStorage.getItem(STORAGE_PREFIX + key) ?? '';
  } catch {
    return '';
  }
}

export function readDraft(key: string): string {
  return drafts.get(key) ?? stored(key);
}

export function writeDraft(key: string, text: string): void {
  if (text) drafts.set(key, text);
  else drafts.delete(key);
  try {
    if (text) sessionStorage.setItem(STORAGE_PREFIX + key, text);
    else sessionStorage.removeItem(STORAGE_PREFIX + key);
  } catch {
    // Storage refused (a locked-down webview): the in-memory draft still lasts while the tab is open.
  }
}

/** A text state that is the draft of `key` (a thread id); without a key, plain state. */
export function useDraft(key: string | undefined): [string, (text: string) => void] {
  const [text, setText] = useState(() => (key ? readDraft(key) : ''));
  const set = useCallback(
    (next: string) => {
      setText(next);
      if (key) writeDraft(key, next);
    },
    [key],
  );
  return [text, set];
}
