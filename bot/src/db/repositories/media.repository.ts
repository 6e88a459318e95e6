import type { MediaRecord, Store } from '../../ports/index.js';
import type { Sql } from '../sql.js';

type MediaRow = {
  id: string;
  tenant_id: string;
  direction: MediaRecord['direction'];
  state: MediaRecord['state'];
  provider_media_id: string | null;
  business_number_id: string | null;
  uploaded_by: string | null;
  mime_type: string | null;
  size_bytes: number | null;
  sha256: string | null;
  storage_key: string | null;
  error: string | null;
  created_at: Date;
};
const COLS = `id, tenant_id, direction, state, provider_media_id, business_number_id, uploaded_by, mime_type,
  size_bytes, sha256, storage_key, error, created_at`;
const mediaOf = (r: MediaRow): MediaRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  direction: r.direction,
  state: r.state,
  providerMediaId: r.provider_media_id,
  businessNumberId: r.business_number_id,
  uploadedBy: r.uploaded_by,
  mimeType: r.mime_type,
  sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
  sha256: r.sha256,
  storageKey: r.storage_key,
  error: r.error,
  createdAt: r.created_at,
});

export function mediaRepository(sql: Sql): Store['media'] {
  const insert = async (m: Parameters<Store['media']['create']>[0], onConflict: string) =>
    sql.one<MediaRow>(
      `INSERT INTO media (tenant_id, direction, state, provider_media_id, business_number_id, uploaded_by, mime_type,
          size_bytes, sha256, storage_key, error, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ${onConflict} RETURNING ${COLS}`,
      [
        m.tenantId,
        m.direction,
        m.state,
        m.providerMediaId ?? null,
        m.businessNumberId ?? null,
        m.uploadedBy ?? null,
        m.mimeType ?? null,
        m.sizeBytes ?? null,
        m.sha256 ?? null,
        m.storageKey ?? null,
        m.error ?? null,
        m.createdAt,
      ],
    );
  return {
    async create(m) {
      return mediaOf((await insert(m, ''))!);
    },
    async createInbound(m) {
      const r = await insert(
        m,
        `ON CONFLICT (tenant_id, provider_media_id) WHERE direction = 'in' AND provider_media_id IS NOT NULL DO NOTHING`,
      );
      if (r) return { media: mediaOf(r), created: true };
      const existing = await sql.one<MediaRow>(
        `SELECT ${COLS} FROM media WHERE tenant_id = $1 AND direction = 'in' AND provider_media_id = $2`,
        [m.tenantId, m.providerMediaId],
      );
      if (!existing) throw new Error(`media ${m.providerMediaId} vanished during create`);
      return { media: mediaOf(existing), created: false };
    },
    async byId(tenantId, id) {
      const r = await sql.one<MediaRow>(`SELECT ${COLS} FROM media WHERE tenant_id = $1 AND id = $2`, [
        tenantId,
        id,
      ]);
      return r && mediaOf(r);
    },
    async byIdAnyTenant(id) {
      const r = await sql.one<MediaRow>(`SELECT ${COLS} FROM media WHERE id = $1`, [id]);
      return r && mediaOf(r);
    },
    async stored(id, s) {
      const n = await sql.exec(
        `UPDATE media SET state = 'stored', storage_key = $2, mime_type = $3, size_bytes = $4, sha256 = $5,
            error = NULL, updated_at = now()
          WHERE id = $1 AND state = 'pending'`,
        [id, s.storageKey, s.mimeType, s.sizeBytes, s.sha256],
      );
      return n === 1;
    },
    async failed(id, error) {
      const n = await sql.exec(
        `UPDATE media SET state = 'failed', error = $2, updated_at = now() WHERE id = $1 AND state = 'pending'`,
        [id, error],
      );
      return n === 1;
    },
    async visibleInThread(tenantId, mediaId, member) {
      // The thread's own rule: a participation whose history window covers the message, or an open Unassigned
      // thread of the member's region.
      const r = await sql.one<{ one: number }>(
        `SELECT 1 AS one FROM messages m JOIN threads t ON t.id = m.thread_id
          WHERE m.tenant_id = $1 AND m.media_id = $2
            AND ((t.unassigned AND t.state = 'open' AND t.region = $4)
              OR EXISTS (SELECT 1 FROM thread_members tm WHERE tm.thread_id = m.thread_id AND tm.member_id = $3
                AND m.created_at >= tm.history_from AND (tm.left_at IS NULL OR m.created_at <= tm.left_at)))
          LIMIT 1`,
        [tenantId, mediaId, member.id, member.region],
      );
      return r !== null;
    },
  };
}
