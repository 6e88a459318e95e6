import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectLiveEvents, type LiveSignal } from './live-events.js';

class FakeEventSource {
  static CLOSED = 2;
  static instances: FakeEventSource[] = [];
  readyState = 0;
  onopen: (() => void) | null = null;
  onmessage: ((e: MessageEvent<string>) => void) | null = null;
  onerror: (() => void) | null = null;
  listeners = new Map<string, (e: MessageEvent<string>) => void>();
  constructor(public url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(type: string, listener: (e: MessageEvent<string>) => void) {
    this.listeners.set(type, listener);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  fail() {
    this.readyState = FakeEventSource.CLOSED;
    this.onerror?.();
  }
  /** The server ended the stream: the browser would retry this same URL by itself (readyState CONNECTING). */
  endedByServer() {
    this.readyState = 0;
    this.onerror?.();
  }
}

describe('live events', () => {
  beforeEach(() => {
    FakeEventSource.instances = [];
    vi.stubGlobal('EventSource', FakeEventSource);
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('passes the token in the query, since EventSource cannot send headers', async () => {
    connectLiveEvents('/api/v1/events', async () => 'tok en');
    await vi.runAllTicks();
    await Promise.resolve();
    expect(FakeEventSource.instances[0]?.url).toBe('/api/v1/events?access_token=tok%20en');
  });

  it('delivers named and unnamed events', async () => {
    const live = connectLiveEvents('/api/v1/events', async () => 't');
    const seen: LiveSignal[] = [];
    live.subscribe((s) => seen.push(s));
    await Promise.resolve();
    await Promise.resolve();
    const source = FakeEventSource.instances[0]!;
    source.onmessage?.({
      data: JSON.stringify({ type: 'thread.updated', threadId: 't1' }),
    } as MessageEvent<string>);
    source.listeners.get('message.created')?.({
      data: JSON.stringify({ threadId: 't1', messageId: 'm1' }),
    } as MessageEvent<string>);
    expect(seen).toEqual([
      { type: 'thread.updated', threadId: 't1' },
      { type: 'message.created', threadId: 't1', messageId: 'm1' },
    ]);
  });

  it('reconnects with a fresh token after the stream closes, then asks everyone to refetch', async () => {
    let n = 0;
    const live = connectLiveEvents('/api/v1/events', async () => `token-${++n}`);
    const seen: LiveSignal[] = [];
    live.subscribe((s) => seen.push(s));
    await Promise.resolve();
    await Promise.resolve();
    FakeEventSource.instances[0]!.open();
    FakeEventSource.instances[0]!.fail();
    await vi.advanceTimersByTimeAsync(1000);
    const second = FakeEventSource.instances[1]!;
    expect(second.url).toContain('access_token=token-2');
    second.open();
    expect(seen).toEqual([{ type: 'resync' }]);
    live.close();
  });

  it('reconnects with a fresh token when the server ends the stream, never retrying the old token', async () => {
    let n = 0;
    const live = connectLiveEvents('/api/v1/events', async () => `token-${++n}`);
    await Promise.resolve();
    await Promise.resolve();
    const first = FakeEventSource.instances[0]!;
    first.open();
    first.endedByServer();
    expect(first.readyState).toBe(FakeEventSource.CLOSED);
    await vi.advanceTimersByTimeAsync(1000);
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(FakeEventSource.instances[1]!.url).toContain('access_token=token-2');
    live.close();
  });

  it('asks everyone to refetch when the server says it missed events (resync on an open stream)', async () => {
    const live = connectLiveEvents('/api/v1/events', async () => 't');
    const seen: LiveSignal[] = [];
    live.subscribe((s) => seen.push(s));
    await Promise.resolve();
    await Promise.resolve();
    const source = FakeEventSource.instances[0]!;
    source.open();
    source.listeners.get('resync')?.({ data: JSON.stringify({ type: 'resync' }) } as MessageEvent<string>);
    expect(seen).toEqual([{ type: 'resync' }]);
    live.close();
  });
});
