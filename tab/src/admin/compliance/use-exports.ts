import { useCallback, useEffect, useState } from 'react';
import type { ArchiveExport } from '@bridgeline/shared';
import { useArchiveApi } from './archive-api.js';

/** How often the list is asked again while an export runs. */
export const EXPORT_POLL_MS = 2000;

const newestFirst = (list: ArchiveExport[]) =>
  [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

/**
 * The tenant's exports, asked again every 2 s while any of them runs and no longer once none does (nor after a
 * failed request: the error says so and `reload` starts again).
 */
export function useExports() {
  const archive = useArchiveApi();
  const [exports, setExports] = useState<ArchiveExport[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [asked, setAsked] = useState(0);
  const reload = useCallback(() => setAsked((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    archive.listExports().then(
      (list) => live && (setExports(newestFirst(list)), setError(null)),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [archive, asked]);

  const running = exports?.some((e) => e.status === 'running') ?? false;
  useEffect(() => {
    if (!running || error !== null) return;
    const timer = setTimeout(reload, EXPORT_POLL_MS);
    return () => clearTimeout(timer);
    // `exports` too: each answer that still has a running export sets the next timer.
  }, [running, error, exports, reload]);

  return { exports, error, reload };
}
