import { useCallback, useEffect, useState } from 'react';

/** Loads an admin view once and on demand: its value, the failure, and `reload`. */
export function useAdminData<T>(load: () => Promise<T>): {
  value: T | null;
  error: unknown;
  reload: () => void;
} {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(() => {
    load().then(
      (v) => (setValue(v), setError(null)),
      (e: unknown) => setError(e),
    );
  }, [load]);
  useEffect(reload, [reload]);
  return { value, error, reload };
}
