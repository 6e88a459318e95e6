import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention and legal hold (docs/archive.md). `legal_holds`: one row per hold, never deleted; releasing one fills in
 * `released_at` and `released_by` once and changes nothing else (a hold's history is evidence, so the database itself
 * refuses any other change). Retention marks what it purged: `messages.content_purged_at` (the row keeps its
 * metadata, loses its words) and `media.state = 'purged'` (sha256, size and type kept; `bytes_released_at` once its
 * bytes are deleted from the media store, or left to another media row with the same bytes). The indexes let the daily run find what is due, and the archive records of a
 * message, without reading the whole archive.
 */
export class LegalHolds1763770430000 implements MigrationInterface {
  name = 'LegalHolds1763770430000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE legal_holds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  scope text NOT NULL CHECK (scope IN ('contact', 'thread', 'member')),
  target_id uuid NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  released_at timestamptz,
  released_by uuid,
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES members (tenant_id, id),
  FOREIGN KEY (tenant_id, released_by) REFERENCES members (tenant_id, id),
  CHECK ((released_at IS NULL) = (released_by IS NULL)),
  CHECK (released_at IS NULL OR released_at >= created_at)
);
CREATE INDEX legal_holds_active_idx ON legal_holds (tenant_id, scope, target_id) WHERE released_at IS NULL;
CREATE INDEX legal_holds_tenant_idx ON legal_holds (tenant_id, created_at DESC);

CREATE FUNCTION bl_legal_holds_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.released_at IS NULL AND NEW.released_at IS NOT NULL
     AND NEW.id = OLD.id AND NEW.tenant_id = OLD.tenant_id AND NEW.scope = OLD.scope
     AND NEW.target_id = OLD.target_id AND NEW.reason = OLD.reason AND NEW.created_by = OLD.created_by
     AND NEW.created_at = OLD.created_at THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'legal_holds keeps every hold: % refused (a hold is only released, once)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER legal_holds_kept BEFORE UPDATE OR DELETE ON legal_holds
  FOR EACH ROW EXECUTE FUNCTION bl_legal_holds_guard();
CREATE TRIGGER legal_holds_no_truncate BEFORE TRUNCATE ON legal_holds
  FOR EACH STATEMENT EXECUTE FUNCTION bl_append_only();

ALTER TABLE messages ADD COLUMN content_purged_at timestamptz;
CREATE INDEX messages_retention_idx ON messages (tenant_id, created_at, id) WHERE content_purged_at IS NULL;
CREATE INDEX messages_media_idx ON messages (media_id) WHERE media_id IS NOT NULL;

ALTER TABLE media DROP CONSTRAINT media_state_check;
ALTER TABLE media ADD CONSTRAINT media_state_check CHECK (state IN ('pending', 'stored', 'failed', 'purged'));
ALTER TABLE media ADD COLUMN purged_at timestamptz, ADD COLUMN bytes_released_at timestamptz,
  ADD CONSTRAINT media_purged_check CHECK ((state = 'purged') = (purged_at IS NOT NULL));
CREATE INDEX media_bytes_due_idx ON media (tenant_id, id) WHERE state = 'purged' AND bytes_released_at IS NULL;
CREATE INDEX media_storage_key_idx ON media (tenant_id, storage_key) WHERE storage_key IS NOT NULL;

CREATE INDEX archive_records_message_idx ON archive_records (tenant_id, ((payload->'message'->>'id')))
  WHERE payload->'message'->>'id' IS NOT NULL;
CREATE INDEX archive_records_answer_idx
  ON archive_records (tenant_id, ((payload->'details'->>'answerProviderMessageId')))
  WHERE payload->'details'->>'answerProviderMessageId' IS NOT NULL;
-- The planner reads no statistics of a partial index's expression: without these it takes a batch of 1,000 message
-- ids for half the archive and scans all of it instead of the index.
CREATE STATISTICS archive_records_message_stats ON ((payload->'message'->>'id')) FROM archive_records;
CREATE STATISTICS archive_records_answer_stats ON ((payload->'details'->>'answerProviderMessageId'))
  FROM archive_records;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP STATISTICS archive_records_answer_stats;
DROP STATISTICS archive_records_message_stats;
DROP INDEX archive_records_answer_idx;
DROP INDEX archive_records_message_idx;
DROP INDEX media_storage_key_idx;
DROP INDEX media_bytes_due_idx;
ALTER TABLE media DROP CONSTRAINT media_purged_check, DROP CONSTRAINT media_state_check;
UPDATE media SET state = 'failed', error = 'purged under the retention policy' WHERE state = 'purged';
ALTER TABLE media DROP COLUMN bytes_released_at, DROP COLUMN purged_at;
ALTER TABLE media ADD CONSTRAINT media_state_check CHECK (state IN ('pending', 'stored', 'failed'));
DROP INDEX messages_media_idx;
DROP INDEX messages_retention_idx;
ALTER TABLE messages DROP COLUMN content_purged_at;
DROP TABLE legal_holds;
DROP FUNCTION bl_legal_holds_guard();
`);
  }
}
