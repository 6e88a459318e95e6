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

  const reload = useCallback(() => {
    api.getThread(threadId).then(
      (t) => {
        setThread(t);
        setError(null);
      },
      (e: unknown) => setError(e),
    );
  }, [api, threadId]);

  useEffect(() => {
    setThread(null);
    reload();
    return () => clearTimeout(timer.current);
  }, [reload]);

  useLiveEvent((signal) => {
    if (signal.type !== 'resync' && signal.threadId !== threadId) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(reload, 200);
  });

  return { thread, error, reload, setThread };
}
