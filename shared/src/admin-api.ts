import { z } from 'zod';
import { CHANNELS, REGIONS } from './vocabulary.js';

/**
 * The administration API under /api/v1/admin (docs/admin.md): business numbers, the template catalogue as Meta
 * reports it, the tenant's settings and the audit of admin changes. Every route is for admins: 403 `admin_only` to
 * anyone else, 404 for another tenant's ids.
 */
const Uuid = z.uuid();
const IsoTime = z.iso.datetime({ offset: true });

/** A template the consent or resume flow sends: its name and language, as WhatsApp Manager shows them. */
export const FlowTemplate = z.object({
  name: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,512}$/, 'A template name is lower-case letters, digits and underscores.'),
  language: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(_[A-Za-z0-9]{2,4})?$/, 'A language is a code such as en or en_US.'),
});
export type FlowTemplate = z.infer<typeof FlowTemplate>;

/** Meta's quality rating of a number; `UNKNOWN` until Meta rates it. */
export const QUALITY_RATINGS = ['GREEN', 'YELLOW', 'RED', 'UNKNOWN'] as const;

export const BusinessNumber = z.object({
  id: Uuid,
  channel: z.enum(CHANNELS),
  /** E.164, e.g. +15550100001. */
  phone: z.string(),
  region: z.enum(REGIONS),
  /** WhatsApp: the Cloud API phone number id. */
  providerNumberId: z.string().optional(),
  /** WhatsApp: the WhatsApp Business Account the number belongs to (template catalogue). */
  wabaId: z.string().optional(),
  /** WhatsApp: the opt-in template of this number (the server's default when the number has none). */
  optInTemplate: FlowTemplate.optional(),
  /** WhatsApp: the resume template of this number. */
  resumeTemplate: FlowTemplate.optional(),
  /** WhatsApp: GREEN, YELLOW, RED or UNKNOWN, from Meta's `phone_number_quality_update`. */
  qualityRating: z.string().optional(),
  /** WhatsApp: the messaging limit tier Meta reports, e.g. TIER_1K, TIER_UNLIMITED. */
  messagingLimit: z.string().optional(),
  /** WhatsApp: restrictions Meta reported on the account (`account_update`), in Meta's words. */
  restrictions: z.array(z.string()).optional(),
  /** A disabled number starts no new thread; conversations already on it still receive and deliver. */
  enabled: z.boolean(),
  updatedAt: IsoTime,
});
export type BusinessNumber = z.infer<typeof BusinessNumber>;

const ProviderId = z
  .string()
  .trim()
  .regex(/^[0-9]{1,32}$/, 'A Meta id is digits only.');

export const CreateBusinessNumberBody = z.object({
  channel: z.enum(CHANNELS),
  phone: z.string().trim().min(4).max(32),
  region: z.enum(REGIONS),
  providerNumberId: ProviderId.optional(),
  wabaId: ProviderId.optional(),
  optInTemplate: FlowTemplate.optional(),
  resumeTemplate: FlowTemplate.optional(),
  enabled: z.boolean().optional(),
});
export type CreateBusinessNumberBody = z.infer<typeof CreateBusinessNumberBody>;

/** `null` for a template: back to the server's default. Channel and provider ids never change. */
export const UpdateBusinessNumberBody = z
  .object({
    phone: z.string().trim().min(4).max(32),
    region: z.enum(REGIONS),
    wabaId: ProviderId,
    optInTemplate: FlowTemplate.nullable(),
    resumeTemplate: FlowTemplate.nullable(),
    enabled: z.boolean(),
  })
  .partial()
  .strict();
export type UpdateBusinessNumberBody = z.infer<typeof UpdateBusinessNumberBody>;

/** `GET /api/v1/admin/audit`: one admin change, as the archive recorded it. */
export const AuditEntry = z.object({
  seq: z.number().int(),
  at: IsoTime,
  type: z.string(),
  actor: z.object({ id: z.string(), email: z.string(), displayName: z.string() }).nullable(),
  subject: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditQuery = z.object({
  cursor: z
    .string()
    .regex(/^[1-9][0-9]{0,17}$/, 'The cursor is the nextCursor of an earlier page.')
    .optional(),
});
