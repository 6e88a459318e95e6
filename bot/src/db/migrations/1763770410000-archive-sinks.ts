import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The archive's outward feeds (docs/archive.md, "Journal and CRM push"): one cursor per (tenant, sink) over the
 * tenant's chain. `last_seq` is how far the sink has gone (every record up to it delivered or passed over), the rest
 * says how it stands for the health panel, and the lease (`lease_owner`, `lease_until`) keeps one drain per tenant and
 * sink at a time across processes, expiring on its own if the process holding it dies.
 */
export class ArchiveSinks1763770410000 implements MigrationInterface {
  name = 'ArchiveSinks1763770410000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE archive_sinks (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  sink text NOT NULL CHECK (sink IN ('journal', 'crm')),
  last_seq bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
  last_delivered_seq bigint NOT NULL DEFAULT 0,
  last_delivered_at timestamptz,
  delivered bigint NOT NULL DEFAULT 0,
  failures integer NOT NULL DEFAULT 0,
  last_error text,
  failing_since timestamptz,
  next_attempt_at timestamptz,
  lease_owner text,
  lease_until timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, sink)
);
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE archive_sinks;');
  }
}
