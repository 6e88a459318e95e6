import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * WhatsApp account health (issue 18, docs/admin.md): each business number's quality rating, messaging limit and
 * restrictions as Meta last reported them (the same three columns the administration migration adds, hence
 * `IF NOT EXISTS`), with their history; the template's disable date and the event Meta last sent; the `pricing`
 * object of each status; and the tenant's rate card to estimate spend.
 */
export class AccountHealth1763771000000 implements MigrationInterface {
  name = 'AccountHealth1763771000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE business_numbers ADD COLUMN IF NOT EXISTS quality_rating text;
ALTER TABLE business_numbers ADD COLUMN IF NOT EXISTS messaging_limit text;
ALTER TABLE business_numbers ADD COLUMN IF NOT EXISTS restrictions jsonb NOT NULL DEFAULT '[]';
ALTER TABLE business_numbers ADD COLUMN IF NOT EXISTS health_updated_at timestamptz;

CREATE TABLE number_health_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  business_number_id uuid NOT NULL,
  event text NOT NULL,
  quality_rating text,
  messaging_limit text,
  restrictions jsonb NOT NULL DEFAULT '[]',
  downgrade boolean NOT NULL DEFAULT false,
  occurred_at timestamptz NOT NULL,
  FOREIGN KEY (tenant_id, business_number_id) REFERENCES business_numbers (tenant_id, id)
);
CREATE INDEX number_health_events_number_idx ON number_health_events (tenant_id, business_number_id, id DESC);

ALTER TABLE templates ADD COLUMN disable_date timestamptz;
ALTER TABLE templates ADD COLUMN last_event text;

ALTER TABLE message_statuses ADD COLUMN business_number_id uuid;
ALTER TABLE message_statuses ADD COLUMN pricing_model text;
ALTER TABLE message_statuses ADD COLUMN pricing_type text;
ALTER TABLE message_statuses ADD COLUMN pricing_category text;
ALTER TABLE message_statuses ADD COLUMN billable boolean;
CREATE INDEX message_statuses_priced_idx ON message_statuses (tenant_id, occurred_at)
  WHERE pricing_category IS NOT NULL OR pricing_type IS NOT NULL;

CREATE TABLE rate_cards (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  category text NOT NULL CHECK (category IN ('marketing', 'utility', 'authentication', 'service')),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  price numeric(12, 6) NOT NULL CHECK (price >= 0),
  updated_by uuid,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, category)
);
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP TABLE rate_cards;
DROP INDEX message_statuses_priced_idx;
ALTER TABLE message_statuses DROP COLUMN billable, DROP COLUMN pricing_category, DROP COLUMN pricing_type,
  DROP COLUMN pricing_model, DROP COLUMN business_number_id;
ALTER TABLE templates DROP COLUMN last_event, DROP COLUMN disable_date;
DROP TABLE number_health_events;
ALTER TABLE business_numbers DROP COLUMN IF EXISTS health_updated_at;
`);
  }
}
