import { EventEmitter } from 'node:events';
import type { BusEvent, LiveEventSource } from '../ports/index.js';

export type TenantLiveEvent = BusEvent;

/** In-process fan-out of live events to the SSE connections of this process. */
export class LiveBus implements LiveEventSource {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open tab: many is normal.
    this.emitter.setMaxListeners(0);
  }

  emit(event: TenantLiveEvent): void {
    this.emitter.emit('event', event);
  }

  subscribe(listener: (event: TenantLiveEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  /** Every open stream of this process may have missed events (the database connection was down): refetch. */
  resync(): void {
    this.emitter.emit('resync');
  }

  onResync(listener: () => void): () => void {
    this.emitter.on('resync', listener);
    return () => this.emitter.off('resync', listener);
  }
}
