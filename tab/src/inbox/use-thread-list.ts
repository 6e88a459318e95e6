import { useCallback, useEffect, useRef, useState } from 'react';
import type { Thread } from '@bridgeline/shared';
import type { ThreadFilter } from '../api/api-client.js';
import { useServices } from '../app/services.js';
import { useLiveEvent } from '../api/use-live-event.js';

export interface ThreadList {
  items: Thread[];
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  reload: () => void;
  /** Puts a thread the member just changed (claimed, created) in place without waiting for the stream. */
  upsert: (thread: Thread) => void;
}

const byActivity = (a: Thread, b: Thread) => b.updatedAt.localeCompare(a.updatedAt);

/** Threads of the inbox, newest activity first, with keyset pages and live refreshes of the first page. */
export function useThreadList(filter: ThreadFilter): ThreadList {
  const { api, takeFirstInboxPage } = useServices();
  const key = JSON.stringify(filter);
  // The unfiltered first page may have been answered while signing in: then the rows are there in the first render.
  const [first] = useState(() => (key === '{}' ? (takeFirstInboxPage?.() ?? null) : null));
  const [items, setItems] = useState<Thread[]>(first && 'page' in first ? first.page.items : []);
  const [cursor, setCursor] = useState<string | null>(
    first && 'page' in first ? first.page.nextCursor : null,
  );
  const [loading, setLoading] = useState(first === null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(first && 'error' in first ? first.error : null);
  const generation = useRef(0);
  const skipFirstLoad = useRef(first !== null);

  const reload = useCallback(() => {
    const gen = ++generation.current;
    setLoading(true);
    setError(null);
    api.listThreads(JSON.parse(key) as ThreadFilter).then(
      (page) => {
        if (gen !== generation.current) return;
        setItems(page.items);
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (e: unknown) => {
        if (gen !== generation.current) return;
        setError(e);
        setLoading(false);
      },
    );
  }, [api, key]);

  useEffect(() => {
    // The first load, when the page came with sign-in, is already on screen.
    if (skipFirstLoad.current) {
      skipFirstLoad.current = false;
      return;
    }
    reload();
  }, [reload]);

  // A change refetches the first page and keeps the older pages already loaded below it. Throttled, not debounced:
  // a steady stream of events (a busy inbox) must not postpone the refresh for ever.
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refreshSeq = useRef(0);
  const refreshFirstPage = useCallback(() => {
    if (refreshTimer.current !== undefined) return;
    // Taken now, not when the timer fires: a refresh asked for under another filter must not fill this one.
    const gen = generation.current;
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = undefined;
      const seq = ++refreshSeq.current;
      api.listThreads(JSON.parse(key) as ThreadFilter).then(
        (page) => {
          // An older answer that arrives after a newer one changes nothing.
          if (gen !== generation.current || seq !== refreshSeq.current) return;
          setItems((old) => {
            const fresh = new Set(page.items.map((t) => t.id));
            const oldest = page.items.at(-1)?.updatedAt;
            const rest = old.filter((t) => !fresh.has(t.id) && oldest !== undefined && t.updatedAt < oldest);
            return page.nextCursor === null ? page.items : [...page.items, ...rest];
          });
        },
        () => undefined, // the next event or a reload tries again
      );
    }, 250);
  }, [api, key]);
  useEffect(() => () => clearTimeout(refreshTimer.current), []);

  useLiveEvent(() => refreshFirstPage());

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore) return;
    const gen = generation.current;
    setLoadingMore(true);
    api.listThreads(JSON.parse(key) as ThreadFilter, cursor).then(
      (page) => {
        if (gen !== generation.current) return;
        setItems((old) => {
          const seen = new Set(old.map((t) => t.id));
          return [...old, ...page.items.filter((t) => !seen.has(t.id))];
        });
        setCursor(page.nextCursor);
        setLoadingMore(false);
      },
      (e: unknown) => {
        setError(e);
        setLoadingMore(false);
      },
    );
  }, [api, cursor, key, loadingMore]);

  const upsert = useCallback((thread: Thread) => {
    setItems((old) => [thread, ...old.filter((t) => t.id !== thread.id)].sort(byActivity));
  }, []);

  return { items, loading, error, hasMore: cursor !== null, loadingMore, loadMore, reload, upsert };
}
