import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The compliance archive (docs/archive.md): one append-only hash chain of records per tenant, its head (the last seq
 * and hash, locked by the transaction that appends, so seqs have no gaps), the signed checkpoints, and each tenant's
 * archive settings. The database itself refuses to delete or rewrite a record; the one change it lets through is
 * retention purging a record's words (`payload.content` → null) inside a purge transaction, which leaves the chain
 * verifiable because the chain hashes the content's digest, not the content.
 */
export class Archive1763770400000 implements MigrationInterface {
  name = 'Archive1763770400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE archive_heads (
  tenant_id uuid PRIMARY KEY REFERENCES tenants(id),
  seq bigint NOT NULL DEFAULT 0 CHECK (seq >= 0),
  hash text NOT NULL DEFAULT repeat('0', 64),
  checkpoint_seq bigint NOT NULL DEFAULT 0
);

CREATE TABLE archive_records (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  seq bigint NOT NULL CHECK (seq >= 1),
  at timestamptz NOT NULL,
  type text NOT NULL,
  payload jsonb NOT NULL,
  prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  -- The exact text hashed after prev_hash: the payload's canonical JSON without its content (docs/archive.md).
  sealed text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX archive_records_at_idx ON archive_records (tenant_id, at, seq);
CREATE INDEX archive_records_type_idx ON archive_records (tenant_id, type, seq);
CREATE INDEX archive_records_thread_idx ON archive_records (tenant_id, ((payload->'thread'->>'id')), seq)
  WHERE payload->'thread'->>'id' IS NOT NULL;
CREATE INDEX archive_records_contact_idx ON archive_records (tenant_id, ((payload->'contact'->>'id')), seq)
  WHERE payload->'contact'->>'id' IS NOT NULL;

CREATE FUNCTION bl_archive_records_guard() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE TRIGGER archive_records_append_only BEFORE UPDATE OR DELETE ON archive_records
  FOR EACH ROW EXECUTE FUNCTION bl_archive_records_guard();
CREATE TRIGGER archive_records_no_truncate BEFORE TRUNCATE ON archive_records
  FOR EACH STATEMENT EXECUTE FUNCTION bl_append_only();

CREATE TABLE archive_checkpoints (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  seq bigint NOT NULL CHECK (seq >= 1),
  hash text NOT NULL,
  at timestamptz NOT NULL,
  key_id text NOT NULL,
  signature text NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);
CREATE TRIGGER archive_checkpoints_append_only BEFORE UPDATE OR DELETE ON archive_checkpoints
  FOR EACH ROW EXECUTE FUNCTION bl_append_only();
CREATE TRIGGER archive_checkpoints_no_truncate BEFORE TRUNCATE ON archive_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION bl_append_only();

CREATE TABLE archive_settings (
  tenant_id uuid PRIMARY KEY REFERENCES tenants(id),
  retention_days integer NOT NULL DEFAULT 2192 CHECK (retention_days >= 1),
  journal_enabled boolean NOT NULL DEFAULT true,
  last_verified_at timestamptz,
  last_verify jsonb,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP TABLE archive_settings;
DROP TABLE archive_checkpoints;
DROP TABLE archive_records;
DROP FUNCTION bl_archive_records_guard();
DROP TABLE archive_heads;
`);
  }
}
