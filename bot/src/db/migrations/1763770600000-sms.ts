import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SMS for real (product.md §8): a member's SMS number is a business number of the tenant (`sms_number_id`, replacing
 * the free-text `sms_number`), the tenant's HELP answer (`sms_help_text`; null → Bridgeline's default), and HELP as a
 * consent event of its own (evidence, archived like STOP and START).
 */
export class Sms1763770600000 implements MigrationInterface {
  name = 'Sms1763770600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE tenants ADD COLUMN IF NOT EXISTS sms_help_text text;
ALTER TABLE members ADD COLUMN sms_number_id uuid;
ALTER TABLE members ADD CONSTRAINT members_sms_number_fkey
  FOREIGN KEY (tenant_id, sms_number_id) REFERENCES business_numbers (tenant_id, id);
-- The free-text number of a member becomes the tenant's SMS number with the same digits, when there is one.
UPDATE members m SET sms_number_id = b.id
  FROM business_numbers b
 WHERE m.sms_number IS NOT NULL AND b.tenant_id = m.tenant_id AND b.channel = 'sms'
   AND regexp_replace(b.display_phone, '[^0-9]', '', 'g') = regexp_replace(m.sms_number, '[^0-9]', '', 'g');
ALTER TABLE members DROP COLUMN sms_number;
ALTER TABLE consent_events DROP CONSTRAINT consent_events_kind_check;
ALTER TABLE consent_events ADD CONSTRAINT consent_events_kind_check
  CHECK (kind IN ('requested', 'opted_in', 'opted_out', 'unreachable', 'help'));
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DELETE FROM consent_events WHERE kind = 'help';
ALTER TABLE consent_events DROP CONSTRAINT consent_events_kind_check;
ALTER TABLE consent_events ADD CONSTRAINT consent_events_kind_check
  CHECK (kind IN ('requested', 'opted_in', 'opted_out', 'unreachable'));
ALTER TABLE members ADD COLUMN sms_number text;
UPDATE members m SET sms_number = b.display_phone FROM business_numbers b WHERE b.id = m.sms_number_id;
ALTER TABLE members DROP CONSTRAINT members_sms_number_fkey;
ALTER TABLE members DROP COLUMN sms_number_id;
ALTER TABLE tenants DROP COLUMN IF EXISTS sms_help_text;
`);
  }
}
