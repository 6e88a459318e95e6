import type { LiveEvent, LiveResync } from '@bridgeline/shared';
import { LIVE_EVENT_TYPES } from '@bridgeline/shared/events';

/**
 * A live event, plus `resync` after a reconnect or when the server says it missed events (its database
 * notifications were down): events may have been missed, so refetch everything shown.
 */
export type LiveSignal = LiveEvent | LiveResync;
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'off';

export interface LiveEvents {
  subscribe: (listener: (signal: LiveSignal) => void) => () => void;
  onStatus: (listener: (status: LiveStatus) => void) => () => void;
  close: () => void;
}

const MAX_BACKOFF_MS = 30_000;

function parse(data: string, fallbackType?: string): LiveEvent | null {
  try {
    const value = JSON.parse(data) as Partial<LiveEvent> & { threadId?: unknown };
    const type = value.type ?? fallbackType;
    if (typeof value.threadId !== 'string' || !LIVE_EVENT_TYPES.some((t) => t === type)) return null;
    return { ...value, type } as LiveEvent;
  } catch {
    return null;
  }
}

/**
 * Opens `GET /events` with the token in the query (EventSource cannot send headers). Whenever the stream ends or
 * fails (the server ends it when its token expires or the member is disabled; a 401; the server restarting), we
 * reconnect with a fresh token, after a delay that grows while attempts keep failing.
 */
export function connectLiveEvents(url: string, getToken: () => Promise<string | null>): LiveEvents {
  const listeners = new Set<(signal: LiveSignal) => void>();
  const statusListeners = new Set<(status: LiveStatus) => void>();
  let source: EventSource | null = null;
  let closed = false;
  let attempt = 0;
  let missedSome = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const emit = (signal: LiveSignal) => listeners.forEach((l) => l(signal));
  const setStatus = (status: LiveStatus) => statusListeners.forEach((l) => l(status));

  async function open() {
    if (closed) return;
    if (typeof EventSource === 'undefined') return setStatus('off');
    const token = await getToken().catch(() => null);
    if (closed) return;
    const sep = url.includes('?') ? '&' : '?';
    const es = new EventSource(token ? `${url}${sep}access_token=${encodeURIComponent(token)}` : url);
    source = es;
    es.onopen = () => {
      attempt = 0;
      setStatus('live');
      if (missedSome) emit({ type: 'resync' });
      missedSome = false;
    };
    es.onmessage = (e: MessageEvent<string>) => {
      const event = parse(e.data);
      if (event) emit(event);
    };
    for (const type of LIVE_EVENT_TYPES) {
      es.addEventListener(type, (e) => {
        const event = parse((e as MessageEvent<string>).data, type);
        if (event) emit(event);
      });
    }
    // The stream stayed open but the server could not hear the database for a while.
    es.addEventListener('resync', () => emit({ type: 'resync' }));
    es.onerror = () => {
      if (source !== es) return;
      missedSome = true;
      setStatus('reconnecting');
      // Never the browser's own retry: it would reuse this URL, whose token may be the one that just expired (the
      // server ends a stream when its token expires or the member is disabled). Reconnect with a fresh token.
      es.close();
      source = null;
      const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt);
      attempt += 1;
      timer = setTimeout(() => void open(), delay);
    };
  }

  setStatus('connecting');
  void open();

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    close() {
      closed = true;
      clearTimeout(timer);
      source?.close();
    },
  };
}

/** For tests and for screens rendered without a server stream. */
export function createLocalLiveEvents(): LiveEvents & { emit: (signal: LiveSignal) => void } {
  const listeners = new Set<(signal: LiveSignal) => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onStatus: () => () => undefined,
    close: () => undefined,
    emit: (signal) => listeners.forEach((l) => l(signal)),
  };
}
