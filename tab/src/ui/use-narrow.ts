import { useSyncExternalStore } from 'react';

// Teams side panels and phones are narrow: under this width inbox and thread share one column.
const NARROW_QUERY = '(max-width: 719px)';

function subscribe(onChange: () => void): () => void {
  const list = window.matchMedia?.(NARROW_QUERY);
  list?.addEventListener('change', onChange);
  return () => list?.removeEventListener('change', onChange);
}

export function useNarrow(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia?.(NARROW_QUERY).matches ?? false,
    () => false,
  );
}
