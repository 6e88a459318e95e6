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

/** `GET/PATCH /api/v1/admin/settings`: the organisation's settings (docs/admin.md "Settings"). */
export const TenantSettings = z.object({
  /** Off: members see WhatsApp actions disabled with the reason; WhatsApp sends answer 403 `whatsapp_disabled`. */
  whatsappEnabled: z.boolean(),
  /** The answer to an SMS "HELP"; null: Bridgeline's default, which names STOP and START. */
  smsHelpText: z.string().nullable(),
  /** On: a contact the organisation never messaged cannot open a conversation with members (admins decide). */
  restrictIncoming: z.boolean(),
  /** The region of members provisioned on their first sign-in; null: the server's `MEMBER_DEFAULT_REGION`. */
  defaultRegion: z.enum(REGIONS).nullable(),
});
export type TenantSettings = z.infer<typeof TenantSettings>;

/** Two GSM-7 segments: a HELP answer longer than that costs the contact's carrier more than it says. */
export const MAX_SMS_HELP_TEXT = 306;

export const UpdateTenantSettingsBody = z
  .object({
    whatsappEnabled: z.boolean(),
    smsHelpText: z
      .string()
      .trim()
      .max(MAX_SMS_HELP_TEXT, `The SMS help text is at most ${MAX_SMS_HELP_TEXT} characters (two texts).`)
      .nullable(),
    restrictIncoming: z.boolean(),
    defaultRegion: z.enum(REGIONS).nullable(),
  })
  .partial()
  .strict();
export type UpdateTenantSettingsBody = z.infer<typeof UpdateTenantSettingsBody>;

/** The industries Meta offers for a business profile (`vertical`). */
export const BUSINESS_VERTICALS = [
  'UNDEFINED',
  'OTHER',
  'AUTO',
  'BEAUTY',
  'APPAREL',
  'EDU',
  'ENTERTAIN',
  'EVENT_PLAN',
  'FINANCE',
  'GROCERY',
  'GOVT',
  'HOTEL',
  'HEALTH',
  'NONPROFIT',
  'PROF_SERVICES',
  'RETAIL',
  'TRAVEL',
  'RESTAURANT',
  'NOT_A_BIZ',
] as const;
export type BusinessVertical = (typeof BUSINESS_VERTICALS)[number];

/** Meta's limits on a business profile (WhatsApp Business Profile API). */
export const PROFILE_LIMITS = {
  about: 139,
  address: 256,
  description: 512,
  email: 128,
  website: 256,
  websites: 2,
};

/**
 * `GET /api/v1/admin/numbers/:id/profile`: the WhatsApp business profile contacts see for that number, as Meta
 * reports it (`/{phone-number-id}/whatsapp_business_profile`). Absent fields are empty at Meta.
 */
export const BusinessProfile = z.object({
  numberId: Uuid,
  about: z.string().optional(),
  address: z.string().optional(),
  description: z.string().optional(),
  email: z.string().optional(),
  websites: z.array(z.string()),
  vertical: z.string().optional(),
  /** Read only here: a new picture is uploaded in WhatsApp Manager (Meta takes it as a resumable-upload handle). */
  profilePictureUrl: z.string().optional(),
});
export type BusinessProfile = z.infer<typeof BusinessProfile>;

const Website = z
  .string()
  .trim()
  .max(PROFILE_LIMITS.website, `A website is at most ${PROFILE_LIMITS.website} characters.`)
  .regex(/^https?:\/\/[^\s/$.?#][^\s]*$/i, 'A website starts with http:// or https://.');

/** `PATCH /api/v1/admin/numbers/:id/profile`: the fields to change; an empty string clears one (not `about`). */
export const UpdateBusinessProfileBody = z
  .object({
    about: z
      .string()
      .trim()
      .min(1, 'The About text cannot be empty.')
      .max(PROFILE_LIMITS.about, `The About text is at most ${PROFILE_LIMITS.about} characters.`),
    address: z
      .string()
      .trim()
      .max(PROFILE_LIMITS.address, `The address is at most ${PROFILE_LIMITS.address} characters.`),
    description: z
      .string()
      .trim()
      .max(
        PROFILE_LIMITS.description,
        `The description is at most ${PROFILE_LIMITS.description} characters.`,
      ),
    email: z.union([
      z.literal(''),
      z
        .email('The e-mail address is not valid.')
        .max(PROFILE_LIMITS.email, `The e-mail address is at most ${PROFILE_LIMITS.email} characters.`),
    ]),
    websites: z.array(Website).max(PROFILE_LIMITS.websites, `At most ${PROFILE_LIMITS.websites} websites.`),
    vertical: z.enum(BUSINESS_VERTICALS, 'Pick one of the industries Meta offers.'),
  })
  .partial()
  .strict();
export type UpdateBusinessProfileBody = z.infer<typeof UpdateBusinessProfileBody>;
