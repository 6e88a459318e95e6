import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The record's indexes over `payload`, dropped with the column and made again over the derived one. */
const PAYLOAD_INDEXES = `
CREATE INDEX archive_records_thread_idx ON archive_records (tenant_id, ((payload->'thread'->>'id')), seq)
  WHERE payload->'thread'->>'id' IS NOT NULL;
CREATE INDEX archive_records_contact_idx ON archive_records (tenant_id, ((payload->'contact'->>'id')), seq)
  WHERE payload->'contact'->>'id' IS NOT NULL;
CREATE INDEX archive_records_actor_idx ON archive_records (tenant_id, ((payload->'actor'->>'id')), seq)
  WHERE payload->'actor'->>'id' IS NOT NULL;
CREATE INDEX archive_records_subject_idx ON archive_records (tenant_id, ((payload->'subject'->>'id')), seq)
  WHERE payload->'subject'->>'id' IS NOT NULL;
CREATE INDEX archive_records_message_idx ON archive_records (tenant_id, ((payload->'message'->>'id')))
  WHERE payload->'message'->>'id' IS NOT NULL;
CREATE INDEX archive_records_answer_idx
  ON archive_records (tenant_id, ((payload->'details'->>'answerProviderMessageId')))
  WHERE payload->'details'->>'answerProviderMessageId' IS NOT NULL;
CREATE STATISTICS archive_records_message_stats ON ((payload->'message'->>'id')) FROM archive_records;
CREATE STATISTICS archive_records_answer_stats ON ((payload->'details'->>'answerProviderMessageId'))
  FROM archive_records;
`;

/**
 * The archive record's `payload` becomes what the database derives from the two things the chain covers: `sealed`
 * (the exact text hashed, the record without its words) and a new `content` column (the words, which retention may
 * null). Verify then reads exactly what was hashed, as text, and needs no jsonb work per record (docs/archive.md,
 * "How the chain works"); `payload` can no longer say anything else than `sealed` and `content`, since PostgreSQL
 * refuses to write a generated column. The retention purge now nulls `content`.
 *
 * A record whose payload already differs from its sealed text would be silently made right by deriving it again, so
 * the migration refuses to run then, naming the record: verify the archive first.
 */
export class ArchiveDerivedPayload1763770450000 implements MigrationInterface {
  name = 'ArchiveDerivedPayload1763770450000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
DO $$
DECLARE bad record;
BEGIN
  SELECT tenant_id, seq INTO bad FROM archive_records WHERE (payload - 'content') <> sealed::jsonb LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'archive record % of tenant % differs from its sealed text: run "npm run archive -- verify" on the previous version and resolve it before this migration', bad.seq, bad.tenant_id;
  END IF;
END $$;

ALTER TABLE archive_records DISABLE TRIGGER archive_records_append_only;
-- The words as text: canonical JSON from now on (so verify hashes them as they are), jsonb's own text before.
ALTER TABLE archive_records ADD COLUMN content text CHECK (jsonb_typeof(content::jsonb) = 'object');
UPDATE archive_records SET content = (payload->'content')::text WHERE jsonb_typeof(payload->'content') = 'object';
-- Drops the indexes and statistics over payload with it; they are made again below.
ALTER TABLE archive_records DROP COLUMN payload;
ALTER TABLE archive_records ADD COLUMN payload jsonb NOT NULL
  GENERATED ALWAYS AS (jsonb_set(sealed::jsonb, '{content}', COALESCE(content::jsonb, 'null'::jsonb))) STORED;
${PAYLOAD_INDEXES}
-- The one change let through: retention nulling a record's words inside a purge transaction. (payload follows.)
CREATE OR REPLACE FUNCTION bl_archive_records_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND current_setting('bridgeline.retention_purge', true) = 'on'
     AND NEW.tenant_id = OLD.tenant_id AND NEW.seq = OLD.seq AND NEW.at = OLD.at AND NEW.type = OLD.type
     AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash AND NEW.sealed = OLD.sealed
     AND NEW.recorded_at = OLD.recorded_at
     AND NEW.content IS NULL THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'archive_records is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
ALTER TABLE archive_records ENABLE TRIGGER archive_records_append_only;
ANALYZE archive_records;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE archive_records DISABLE TRIGGER archive_records_append_only;
ALTER TABLE archive_records ALTER COLUMN payload DROP EXPRESSION;
ALTER TABLE archive_records DROP COLUMN content;
CREATE OR REPLACE FUNCTION bl_archive_records_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND current_setting('bridgeline.retention_purge', true) = 'on'
     AND NEW.tenant_id = OLD.tenant_id AND NEW.seq = OLD.seq AND NEW.at = OLD.at AND NEW.type = OLD.type
     AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash AND NEW.sealed = OLD.sealed
     AND NEW.recorded_at = OLD.recorded_at
     AND (NEW.payload - 'content') = (OLD.payload - 'content')
     AND NEW.payload -> 'content' = 'null'::jsonb THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'archive_records is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
ALTER TABLE archive_records ENABLE TRIGGER archive_records_append_only;
`);
  }
}
