import { useCallback, useEffect, useState } from 'react';
import type { RejoinRequest } from '@bridgeline/shared';
import { useServices } from '../app/services.js';
import { useLiveEvent } from '../api/use-live-event.js';

/** Pending rejoin requests of a thread; an empty list when the server cannot list them. */
export function useRejoinRequests(threadId: string, enabled: boolean) {
  const { api } = useServices();
  const [requests, setRequests] = useState<RejoinRequest[]>([]);
  const reload = useCallback(() => {
    if (!enabled) return;
    api.listRejoinRequests(threadId).then(
      (list) => setRequests(list.filter((r) => r.state === 'pending')),
      () => setRequests([]),
    );
  }, [api, threadId, enabled]);
  useEffect(reload, [reload]);
  useLiveEvent((signal) => {
    if (signal.type === 'resync' || (signal.type === 'thread.updated' && signal.threadId === threadId))
      reload();
  });
  return { requests, reload };
}
