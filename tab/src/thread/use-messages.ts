import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Message, SendMessageBody } from '@bridgeline/shared';
import { useServices } from '../app/services.js';
import { useLiveEvent } from '../api/use-live-event.js';

/** A send the server has not confirmed yet; it keeps its clientMessageId so a retry never duplicates. */
export interface PendingSend {
  clientMessageId: string;
  body: SendMessageBody;
  /** A local object URL, so an image shows at once. */
  imageUrl?: string;
  createdAt: string;
  state: 'sending' | 'failed';
  error?: unknown;
}

export type TimelineItem =
  { kind: 'message'; key: string; message: Message } | { kind: 'pending'; key: string; pending: PendingSend };

/**
 * The thread's order is when things happened for the conversation (issue 16): the contact's messages at Meta's time,
 * a held message when it was let go (after the confirmation that released it), then the server's storing order.
 */
export const byTime = (a: Message, b: Message) =>
  (a.happenedAt ?? a.createdAt).localeCompare(b.happenedAt ?? b.createdAt) ||
  (a.position ?? 0) - (b.position ?? 0) ||
  a.id.localeCompare(b.id);

export function newClientMessageId(): string {
  return crypto.randomUUID();
}

/** The body of a new send that repeats a message the provider failed to deliver (a retry is a new send). */
export function resendBody(message: Message): SendMessageBody | null {
  const clientMessageId = newClientMessageId();
  if (message.type === 'text' && message.text) return { clientMessageId, text: message.text };
  if (message.type === 'image' && message.mediaId)
    return { clientMessageId, mediaId: message.mediaId, ...(message.text ? { caption: message.text } : {}) };
  if (message.type === 'template' && message.template) return { clientMessageId, template: message.template };
  return null;
}

export function useMessages(threadId: string) {
  const { api } = useServices();
  const [messages, setMessages] = useState<Map<string, Message>>(new Map());
  const [pending, setPending] = useState<PendingSend[]>([]);
  const [olderCursor, setOlderCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const merge = useCallback((items: Message[]) => {
    setMessages((old) => {
      const next = new Map(old);
      for (const m of items) next.set(m.id, m);
      return next;
    });
    // A confirmed message replaces its optimistic copy.
    const confirmed = new Set(items.map((m) => m.clientMessageId).filter(Boolean));
    if (confirmed.size > 0) setPending((old) => old.filter((p) => !confirmed.has(p.clientMessageId)));
  }, []);

  const load = useCallback(() => {
    setLoading(true);
    setError(null);
    api.listMessages(threadId).then(
      (page) => {
        merge(page.items);
        setOlderCursor(page.nextCursor);
        setLoading(false);
      },
      (e: unknown) => {
        setError(e);
        setLoading(false);
      },
    );
  }, [api, threadId, merge]);

  useEffect(() => {
    load();
    return () => {
      clearTimeout(timer.current);
      timer.current = undefined;
    };
  }, [load]);

  // There is no single-message endpoint: any change refetches the newest page and merges it by id. Throttled, so
  // a burst of status updates costs one request and a steady stream never postpones it.
  const refreshSeq = useRef(0);
  useLiveEvent((signal) => {
    if (signal.type === 'thread.updated') return;
    if (signal.type !== 'resync' && signal.threadId !== threadId) return;
    if (timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      const seq = ++refreshSeq.current;
      api.listMessages(threadId).then(
        (page) => seq === refreshSeq.current && merge(page.items),
        () => undefined,
      );
    }, 150);
  });

  const loadOlder = useCallback(() => {
    if (!olderCursor || loadingOlder) return;
    setLoadingOlder(true);
    api.listMessages(threadId, olderCursor).then(
      (page) => {
        merge(page.items);
        setOlderCursor(page.nextCursor);
        setLoadingOlder(false);
      },
      (e: unknown) => {
        setError(e);
        setLoadingOlder(false);
      },
    );
  }, [api, threadId, olderCursor, loadingOlder, merge]);

  const post = useCallback(
    async (item: PendingSend) => {
      try {
        merge([await api.sendMessage(threadId, item.body)]);
        setPending((old) => old.filter((p) => p.clientMessageId !== item.clientMessageId));
      } catch (e) {
        setPending((old) =>
          old.map((p) =>
            p.clientMessageId === item.clientMessageId ? { ...p, state: 'failed', error: e } : p,
          ),
        );
      }
    },
    [api, threadId, merge],
  );

  const send = useCallback(
    (body: SendMessageBody, imageUrl?: string) => {
      const item: PendingSend = {
        clientMessageId: body.clientMessageId,
        body,
        createdAt: new Date().toISOString(),
        state: 'sending',
        ...(imageUrl ? { imageUrl } : {}),
      };
      setPending((old) => [...old, item]);
      return post(item);
    },
    [post],
  );

  /** Retries an unconfirmed send with the same clientMessageId: the server stores it at most once. */
  const retry = useCallback(
    (clientMessageId: string) => {
      const item = pending.find((p) => p.clientMessageId === clientMessageId);
      if (!item) return;
      const again: PendingSend = { ...item, state: 'sending', error: undefined };
      setPending((old) => old.map((p) => (p.clientMessageId === clientMessageId ? again : p)));
      return post(again);
    },
    [pending, post],
  );

  const discard = useCallback((clientMessageId: string) => {
    setPending((old) => old.filter((p) => p.clientMessageId !== clientMessageId));
  }, []);

  const timeline = useMemo<TimelineItem[]>(() => {
    const sorted = [...messages.values()].sort(byTime);
    const known = new Set(sorted.map((m) => m.clientMessageId).filter(Boolean));
    return [
      // Keyed by clientMessageId when there is one, so a confirmed send keeps its bubble (no remount, no jump).
      ...sorted.map((message): TimelineItem => ({
        kind: 'message',
        key: message.clientMessageId ? `c:${message.clientMessageId}` : message.id,
        message,
      })),
      ...pending
        .filter((p) => !known.has(p.clientMessageId))
        .map((p): TimelineItem => ({ kind: 'pending', key: `c:${p.clientMessageId}`, pending: p })),
    ];
  }, [messages, pending]);

  return {
    timeline,
    loading,
    error,
    reload: load,
    hasOlder: olderCursor !== null,
    loadingOlder,
    loadOlder,
    send,
    retry,
    discard,
  };
}
