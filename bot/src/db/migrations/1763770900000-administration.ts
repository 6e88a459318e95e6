import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Administration from the tab (docs/admin.md). Business numbers gain what an admin edits (enabled, the opt-in and
 * resume templates of the number; null means the server's default, `WHATSAPP_OPT_IN_TEMPLATE` /
 * `WHATSAPP_RESUME_TEMPLATE`) and what Meta reports of them (quality rating, messaging limit tier, account
 * restrictions; added with IF NOT EXISTS, as the number-health work adds the same columns the same way). Tenants gain
 * their settings (`sms_help_text` came with SMS); threads a restricted flag; members the first-run notice. The audit reads the archive's `admin.*` records newest first through its own index.
 */
export class Administration1763770900000 implements MigrationInterface {
  name = 'Administration1763770900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE business_numbers
  ADD COLUMN enabled boolean NOT NULL DEFAULT true,
  ADD COLUMN opt_in_template jsonb,
  ADD COLUMN resume_template jsonb,
  ADD COLUMN IF NOT EXISTS quality_rating text,
  ADD COLUMN IF NOT EXISTS messaging_limit text,
  ADD COLUMN IF NOT EXISTS restrictions jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

ALTER TABLE tenants
  ADD COLUMN whatsapp_enabled boolean NOT NULL DEFAULT true,
  ADD COLUMN restrict_incoming boolean NOT NULL DEFAULT false,
  ADD COLUMN default_region text CHECK (default_region IN ('us', 'eu', 'uk', 'apac'));

-- An Unassigned thread that a contact the firm never messaged opened while incoming was restricted: admins only.
ALTER TABLE threads ADD COLUMN restricted boolean NOT NULL DEFAULT false;
-- A member an admin has just enabled, until they dismiss the tab's first-run notice.
ALTER TABLE members ADD COLUMN first_run_pending boolean NOT NULL DEFAULT false;

CREATE INDEX archive_records_admin_idx ON archive_records (tenant_id, seq DESC) WHERE type LIKE 'admin.%';
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP INDEX archive_records_admin_idx;
ALTER TABLE members DROP COLUMN first_run_pending;
ALTER TABLE threads DROP COLUMN restricted;
ALTER TABLE tenants DROP COLUMN default_region, DROP COLUMN restrict_incoming, DROP COLUMN whatsapp_enabled;
ALTER TABLE business_numbers DROP COLUMN updated_at, DROP COLUMN IF EXISTS restrictions,
  DROP COLUMN IF EXISTS messaging_limit, DROP COLUMN IF EXISTS quality_rating, DROP COLUMN resume_template,
  DROP COLUMN opt_in_template, DROP COLUMN enabled;
`);
  }
}
