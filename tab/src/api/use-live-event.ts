import { useEffect, useRef } from 'react';
import { useServices } from '../app/services.js';
import type { LiveSignal } from './live-events.js';

/** Calls `listener` for each live signal; the latest listener is used without resubscribing. */
export function useLiveEvent(listener: (signal: LiveSignal) => void): void {
  const { live } = useServices();
  const ref = useRef(listener);
  useEffect(() => {
    ref.current = listener;
  });
  useEffect(() => live.subscribe((signal) => ref.current(signal)), [live]);
}
