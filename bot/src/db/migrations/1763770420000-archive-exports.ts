import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exports of the compliance archive (docs/archive.md, "Exports"): one row per export an admin started, its progress
 * while the job runs, and once done the zip's SHA-256 and size (the zip itself is a file under DATA_DIR/exports).
 * The member index serves the exports filtered by member: a record names a member as its actor or its subject.
 */
export class ArchiveExports1763770420000 implements MigrationInterface {
  name = 'ArchiveExports1763770420000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE archive_exports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  format text NOT NULL CHECK (format IN ('jsonl', 'eml', 'rsmf')),
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
  range_from timestamptz NOT NULL,
  range_to timestamptz NOT NULL,
  thread_id uuid REFERENCES threads(id),
  contact_id uuid REFERENCES contacts(id),
  member_id uuid REFERENCES members(id),
  requested_by uuid REFERENCES members(id),
  records bigint NOT NULL DEFAULT 0,
  total bigint,
  messages bigint NOT NULL DEFAULT 0,
  files integer NOT NULL DEFAULT 0,
  zip_sha256 text CHECK (zip_sha256 ~ '^[0-9a-f]{64}$'),
  zip_bytes bigint,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  CHECK (range_from <= range_to),
  CHECK (status <> 'done' OR (zip_sha256 IS NOT NULL AND zip_bytes IS NOT NULL)),
  CHECK (status <> 'failed' OR error IS NOT NULL)
);
CREATE INDEX archive_exports_tenant_idx ON archive_exports (tenant_id, created_at DESC, id DESC);
CREATE INDEX archive_records_actor_idx ON archive_records (tenant_id, ((payload->'actor'->>'id')), seq)
  WHERE payload->'actor'->>'id' IS NOT NULL;
CREATE INDEX archive_records_subject_idx ON archive_records (tenant_id, ((payload->'subject'->>'id')), seq)
  WHERE payload->'subject'->>'id' IS NOT NULL;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP INDEX archive_records_subject_idx;
DROP INDEX archive_records_actor_idx;
DROP TABLE archive_exports;
`);
  }
}
