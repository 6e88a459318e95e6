import { z } from 'zod';

/**
 * The compliance archive's admin API under /api/v1/admin/archive and /api/v1/admin/legal-holds (docs/archive.md).
 * Every route is for admins: 403 `admin_only` to anyone else, 404 for another tenant's ids.
 */
const Uuid = z.uuid();
const IsoTime = z.iso.datetime({ offset: true });
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const ARCHIVE_EXPORT_FORMATS = ['jsonl', 'eml', 'rsmf'] as const;
export const ArchiveExportFormat = z.enum(ARCHIVE_EXPORT_FORMATS);
export type ArchiveExportFormat = z.infer<typeof ArchiveExportFormat>;

export const ArchiveBreak = z.object({ seq: z.number().int(), reason: z.string() });
export type ArchiveBreak = z.infer<typeof ArchiveBreak>;

/** `GET /api/v1/admin/archive/verify`: the chain checked now, record by record, then against the signed checkpoints. */
export const ArchiveVerifyResult = z.object({
  intact: z.boolean(),
  records: z.number().int(),
  head: Sha256,
  checkpoint: z.object({ seq: z.number().int(), at: IsoTime }).nullable(),
  brokenAt: ArchiveBreak.nullable(),
  verifiedAt: IsoTime,
});
export type ArchiveVerifyResult = z.infer<typeof ArchiveVerifyResult>;

/** One outward feed of the archive (the SMTP journal, the CRM push): how far behind it is and why. */
export const ArchiveSinkStatus = z.object({
  sink: z.enum(['journal', 'crm']),
  configured: z.boolean(),
  enabled: z.boolean(),
  /** Records of the kinds this sink takes that it has not yet delivered. */
  backlog: z.number().int(),
  lastDeliveredSeq: z.number().int(),
  lastDeliveredAt: IsoTime.nullable(),
  /** How long the oldest undelivered record has waited, in seconds (0 when nothing waits). */
  lagSeconds: z.number(),
  failures: z.number().int(),
  lastError: z.string().nullable(),
});
export type ArchiveSinkStatus = z.infer<typeof ArchiveSinkStatus>;

/** `GET /api/v1/admin/archive`: the health panel of the Compliance area. */
export const ArchiveHealth = z.object({
  records: z.number().int(),
  head: Sha256,
  checkpoint: z.object({ seq: z.number().int(), at: IsoTime }).nullable(),
  lastVerify: ArchiveVerifyResult.nullable(),
  retentionDays: z.number().int(),
  sinks: z.array(ArchiveSinkStatus),
});
export type ArchiveHealth = z.infer<typeof ArchiveHealth>;

export const ArchivePublicKey = z.object({
  keyId: z.string(),
  algorithm: z.literal('Ed25519'),
  publicKeyPem: z.string(),
});
export type ArchivePublicKey = z.infer<typeof ArchivePublicKey>;

/** How long a tenant may keep content, at most: a century (the default is six years, 2192 days). */
export const MAX_RETENTION_DAYS = 36500;
export const ArchiveSettingsBody = z
  .object({
    retentionDays: z
      .number({ error: 'retentionDays must be a number of days' })
      .int({ error: 'retentionDays must be a whole number of days' })
      .min(1, { error: 'retentionDays must be at least 1 day' })
      .max(MAX_RETENTION_DAYS, { error: `retentionDays must be at most ${MAX_RETENTION_DAYS} days` })
      .optional(),
    journal: z.object({ enabled: z.boolean() }).strict().optional(),
  })
  .strict();
export type ArchiveSettingsBody = z.infer<typeof ArchiveSettingsBody>;
export const ArchiveSettingsView = z.object({
  retentionDays: z.number().int(),
  journal: z.object({ enabled: z.boolean() }),
});
export type ArchiveSettingsView = z.infer<typeof ArchiveSettingsView>;

export const CreateArchiveExportBody = z
  .object({
    from: IsoTime,
    to: IsoTime,
    format: ArchiveExportFormat,
    threadId: Uuid.optional(),
    contactId: Uuid.optional(),
    memberId: Uuid.optional(),
  })
  .strict();
export type CreateArchiveExportBody = z.infer<typeof CreateArchiveExportBody>;

export const ARCHIVE_EXPORT_STATUSES = ['running', 'done', 'failed'] as const;
export const ArchiveExport = z.object({
  id: Uuid,
  status: z.enum(ARCHIVE_EXPORT_STATUSES),
  format: ArchiveExportFormat,
  from: IsoTime,
  to: IsoTime,
  threadId: Uuid.nullable(),
  contactId: Uuid.nullable(),
  memberId: Uuid.nullable(),
  /** Records written so far and in all (known once counted), files; the manifest's once done. */
  counts: z.object({
    records: z.number().int(),
    total: z.number().int().nullable(),
    messages: z.number().int(),
    files: z.number().int(),
  }),
  error: z.string().nullable(),
  createdAt: IsoTime,
  finishedAt: IsoTime.nullable(),
  /** A done export's zip is kept until then (ARCHIVE_EXPORT_KEEP_DAYS after it finished); null otherwise. */
  expiresAt: IsoTime.nullable(),
  /** When the expiry job removed the zip; the download then answers 410 `export_expired`. */
  expiredAt: IsoTime.nullable(),
});
export type ArchiveExport = z.infer<typeof ArchiveExport>;

/**
 * `manifest.json` at the root of an export's zip: what it holds, counted so that it reconciles with the archive
 * (records by type, message records, each file's SHA-256 and records) and where it sits in the tenant's chain.
 */
export const ArchiveExportManifest = z.object({
  tenantId: Uuid,
  format: ArchiveExportFormat,
  from: IsoTime,
  to: IsoTime,
  filters: z.object({ threadId: Uuid.nullable(), contactId: Uuid.nullable(), memberId: Uuid.nullable() }),
  generatedAt: IsoTime,
  records: z.object({ total: z.number().int(), byType: z.record(z.string(), z.number().int()) }),
  /** Records of messages sent or received (`message.in`, `message.out`). */
  messages: z.number().int(),
  files: z.array(z.object({ name: z.string(), sha256: Sha256, records: z.number().int() })),
  /**
   * The exported records' place in the chain: the lowest and highest seq exported, the hash of the highest, and the
   * tenant's last seq when the export read the archive (records appended later are in no export of this one).
   */
  chain: z.object({
    firstSeq: z.number().int().nullable(),
    lastSeq: z.number().int().nullable(),
    headHash: Sha256.nullable(),
    asOfSeq: z.number().int(),
  }),
});
export type ArchiveExportManifest = z.infer<typeof ArchiveExportManifest>;

export const LEGAL_HOLD_SCOPES = ['contact', 'thread', 'member'] as const;
export const CreateLegalHoldBody = z
  .object({ scope: z.enum(LEGAL_HOLD_SCOPES), targetId: Uuid, reason: z.string().trim().min(1).max(500) })
  .strict();
export type CreateLegalHoldBody = z.infer<typeof CreateLegalHoldBody>;
export const LegalHold = z.object({
  id: Uuid,
  scope: z.enum(LEGAL_HOLD_SCOPES),
  targetId: Uuid,
  /** What the hold covers, in words (the contact's name, the member's name, the thread's contact). */
  targetLabel: z.string(),
  reason: z.string(),
  createdBy: z.object({ id: Uuid, displayName: z.string() }),
  createdAt: IsoTime,
  /** A released hold is kept, with when and by whom (`GET …/legal-holds?all=true` lists them too). */
  releasedAt: IsoTime.nullable(),
  releasedBy: z.object({ id: Uuid, displayName: z.string() }).nullable(),
});
export type LegalHold = z.infer<typeof LegalHold>;
/** `all=true`: released holds too, newest first like the active ones. */
export const LegalHoldListQuery = z.object({ all: z.enum(['true', 'false']).optional() });
export type LegalHoldListQuery = z.infer<typeof LegalHoldListQuery>;
