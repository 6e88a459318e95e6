import { useMemo } from 'react';
import type { SchemaInput } from '@bridgeline/shared';
import type { ArchiveSettingsBody, CreateArchiveExportBody, CreateLegalHoldBody } from '@bridgeline/shared';
import { itemsOf, type ApiClient } from '../../api/api-client.js';
import { useServices } from '../../app/services.js';

/** The file name of a `Content-Disposition: attachment; filename="…"` header (RFC 6266; `filename*` first). */
export function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*utf-8''([^;]+)/i.exec(header)?.[1];
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(header);
  let name = plain?.[1] ?? plain?.[2];
  if (extended) {
    try {
      name = decodeURIComponent(extended);
    } catch {
      // A malformed escape: the plain name, if any, stands.
    }
  }
  // A name, never a path.
  return name?.trim().replace(/[/\\]/g, '_') || null;
}

/**
 * The compliance archive's admin endpoints (endpoints.ts), through the tab's one API client: the token, the errors in
 * words and the 401 handling are the client's. Kept here so that only the Compliance area's chunk carries them.
 */
export function archiveApi({ call, callRaw }: ApiClient) {
  return {
    health: () => call('GET /admin/archive', {}),
    verify: () => call('GET /admin/archive/verify', {}),
    settings: () => call('GET /admin/archive/settings', {}),
    saveSettings: (body: SchemaInput<typeof ArchiveSettingsBody>) =>
      call('PUT /admin/archive/settings', { body }),
    listExports: async () => itemsOf(await call('GET /admin/archive/exports', {})),
    createExport: (body: SchemaInput<typeof CreateArchiveExportBody>) =>
      call('POST /admin/archive/exports', { body }),
    /** The zip, fetched with the token, and the name the server gives it. */
    downloadExport: async (id: string) => {
      const response = await callRaw('GET /admin/archive/exports/:id/download', { params: { id } });
      return {
        blob: await response.blob(),
        fileName: fileNameOf(response.headers.get('Content-Disposition')),
      };
    },
    listLegalHolds: async () => itemsOf(await call('GET /admin/legal-holds', {})),
    createLegalHold: (body: SchemaInput<typeof CreateLegalHoldBody>) =>
      call('POST /admin/legal-holds', { body }),
    releaseLegalHold: (id: string) => call('DELETE /admin/legal-holds/:id', { params: { id } }),
  };
}

export type ArchiveApi = ReturnType<typeof archiveApi>;

export function useArchiveApi(): ArchiveApi {
  const { api } = useServices();
  return useMemo(() => archiveApi(api), [api]);
}
