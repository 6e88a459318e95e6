import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Export zips expire (docs/archive.md, "Exports"): `expired_at` says when the expiry job removed a finished export's
 * zip (ARCHIVE_EXPORT_KEEP_DAYS after it finished). The row, its counts and the zip's SHA-256 stay.
 */
export class ArchiveExportExpiry1763771200000 implements MigrationInterface {
  name = 'ArchiveExportExpiry1763771200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE archive_exports ADD COLUMN expired_at timestamptz;
ALTER TABLE archive_exports ADD CONSTRAINT archive_exports_expired_done CHECK (expired_at IS NULL OR status = 'done');
CREATE INDEX archive_exports_expiry_idx ON archive_exports (finished_at) WHERE status = 'done' AND expired_at IS NULL;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP INDEX archive_exports_expiry_idx;
ALTER TABLE archive_exports DROP CONSTRAINT archive_exports_expired_done;
ALTER TABLE archive_exports DROP COLUMN expired_at;
`);
  }
}
