import { useCallback, useEffect, useRef, useState } from 'react';
import type { Thread } from '@bridgeline/shared';
import { useServices } from '../app/services.js';
import { useLiveEvent } from '../api/use-live-event.js';

/** One thread, kept fresh by the live stream. */
export function useThread(threadId: string) {
  const { api } = useServices();
  const [thread, setThread] = useState<Thread | null>(null);
  const [error, setError] = useState<unknown>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Answers can overtake each other: only the newest request may set the thread.
  const seq = useRef(0);
  const reload = useCallback(() => {
    const mine = ++seq.current;
    api.getThread(threadId).then(
      (t) => {
        if (mine !== seq.current) return;
        setThread(t);
        setError(null);
      },
      (e: unknown) => mine === seq.current && setError(e),
    );
  }, [api, threadId]);

  useEffect(() => {
    setThread(null);
    reload();
    return () => {
      clearTimeout(timer.current);
      timer.current = undefined;
    };
  }, [reload]);

  // Throttled rather than debounced: a steady stream of events must not keep the header and details stale.
  useLiveEvent((signal) => {
    if (signal.type !== 'resync' && signal.threadId !== threadId) return;
    if (timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      reload();
    }, 200);
  });

  return { thread, error, reload, setThread };
}
