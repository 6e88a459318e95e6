import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The WhatsApp integration's tables: raw webhook bodies (the archive's evidence), delivery statuses as Meta sent them
 * (unique per provider message id and status, so redeliveries store nothing twice), media, the template catalogue,
 * and token buckets for the send rate limits shared by every worker process. Every table carries tenant_id.
 */
export class WhatsApp1763769700000 implements MigrationInterface {
  name = 'WhatsApp1763769700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE webhook_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  body_sha256 text NOT NULL,
  -- The bytes exactly as Meta signed them (UTF-8), so the signature can be checked again later.
  body text NOT NULL,
  signature text,
  received_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX webhook_events_body_key ON webhook_events (tenant_id, body_sha256);

CREATE TABLE message_statuses (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  -- Null when the status names a message Bridgeline does not know (sent outside it, or not yet recorded).
  message_id uuid,
  provider_message_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('sent', 'delivered', 'read', 'failed')),
  error jsonb,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX message_statuses_key ON message_statuses (tenant_id, provider_message_id, status);
CREATE INDEX message_statuses_message_idx ON message_statuses (tenant_id, message_id) WHERE message_id IS NOT NULL;

CREATE TABLE media (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  state text NOT NULL CHECK (state IN ('pending', 'stored', 'failed')),
  provider_media_id text,
  business_number_id uuid,
  uploaded_by uuid,
  mime_type text,
  size_bytes integer CHECK (size_bytes IS NULL OR size_bytes >= 0),
  sha256 text,
  storage_key text,
  error text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  CHECK (state <> 'stored' OR (storage_key IS NOT NULL AND mime_type IS NOT NULL AND sha256 IS NOT NULL))
);
CREATE UNIQUE INDEX media_provider_key ON media (tenant_id, provider_media_id)
  WHERE direction = 'in' AND provider_media_id IS NOT NULL;

CREATE TABLE templates (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  waba_id text NOT NULL,
  name text NOT NULL,
  language text NOT NULL,
  provider_template_id text,
  category text,
  status text NOT NULL,
  quality text,
  body text NOT NULL DEFAULT '',
  parameter_count integer NOT NULL DEFAULT 0 CHECK (parameter_count >= 0),
  quick_replies jsonb NOT NULL DEFAULT '[]',
  reason text,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, waba_id, name, language)
);

CREATE TABLE rate_limit_buckets (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  key text NOT NULL,
  tokens double precision NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, key)
);
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP TABLE rate_limit_buckets;
DROP TABLE templates;
DROP TABLE media;
DROP TABLE message_statuses;
DROP TABLE webhook_events;
`);
  }
}
