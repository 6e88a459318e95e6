import { DataSource } from 'typeorm';
import { Archive1763770400000 } from './migrations/1763770400000-archive.js';
import { Administration1763770900000 } from './migrations/1763770900000-administration.js';
import { LegalHolds1763770430000 } from './migrations/1763770430000-legal-holds.js';
import { ArchiveDerivedPayload1763770450000 } from './migrations/1763770450000-archive-derived-payload.js';
import { Dlp1763770500000 } from './migrations/1763770500000-dlp.js';
import { MessageSearch1763770800000 } from './migrations/1763770800000-message-search.js';
import { MessageReleasedAt1763770810000 } from './migrations/1763770810000-message-released-at.js';
import { AccountHealth1763771000000 } from './migrations/1763771000000-account-health.js';
import { ArchiveExportExpiry1763771200000 } from './migrations/1763771200000-archive-export-expiry.js';
import { ArchiveSinks1763770410000 } from './migrations/1763770410000-archive-sinks.js';
import { ArchiveExports1763770420000 } from './migrations/1763770420000-archive-exports.js';
import { InitialSchema1763769600000 } from './migrations/1763769600000-initial-schema.js';
import { ReadReceipts1763770000000 } from './migrations/1763770000000-read-receipts.js';
import { Teams1763769800000 } from './migrations/1763769800000-teams.js';
import { Sms1763770600000 } from './migrations/1763770600000-sms.js';
import { SendAfter1763770310000 } from './migrations/1763770310000-send-after.js';
import { UnconfirmedSends1763770200000 } from './migrations/1763770200000-unconfirmed-sends.js';
import { WebhookInbox1763769900000 } from './migrations/1763769900000-webhook-inbox.js';
import { WebhookInboxState1763770340000 } from './migrations/1763770340000-webhook-inbox-state.js';
import { WhatsApp1763769700000 } from './migrations/1763769700000-whatsapp.js';

/** Migrations only (`synchronize: false`): every schema change is a reviewed migration with `up` and `down`. */
export const migrations = [
  InitialSchema1763769600000,
  WhatsApp1763769700000,
  Teams1763769800000,
  WebhookInbox1763769900000,
  ReadReceipts1763770000000,
  UnconfirmedSends1763770200000,
  SendAfter1763770310000,
  WebhookInboxState1763770340000,
  Archive1763770400000,
  ArchiveSinks1763770410000,
  ArchiveExports1763770420000,
  LegalHolds1763770430000,
  ArchiveDerivedPayload1763770450000,
  Dlp1763770500000,
  Sms1763770600000,
  MessageSearch1763770800000,
  MessageReleasedAt1763770810000,
  Administration1763770900000,
  AccountHealth1763771000000,
  ArchiveExportExpiry1763771200000,
];

export function createDataSource(url: string, poolSize = 10): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations,
    migrationsTableName: 'schema_migrations',
    // PGlite has no uuid-ossp; gen_random_uuid() is built into PostgreSQL 13+.
    uuidExtension: 'pgcrypto',
    extra: { max: poolSize, connectionTimeoutMillis: 10_000 },
    logging: false,
  });
}
