import { z } from 'zod';

/**
 * WhatsApp account health (docs/admin.md): the template catalogue as Meta reports it, the business numbers' quality
 * and limits, what an admin must fix, and what messages cost. Every route is for admins (403 `admin_only`).
 */
const Uuid = z.uuid();
const IsoTime = z.iso.datetime({ offset: true });

/** What a template is used for by Bridgeline itself: the consent request, the resume request. */
export const TEMPLATE_ROLES = ['opt_in', 'resume'] as const;
export type TemplateRole = (typeof TEMPLATE_ROLES)[number];

/** `GET /api/v1/admin/templates`: every template Meta reports, its status and quality kept current by webhooks. */
export const AdminTemplate = z.object({
  name: z.string(),
  language: z.string(),
  category: z.string().nullable(),
  /** Meta's status: APPROVED, PENDING, REJECTED, PAUSED, DISABLED, FLAGGED, DELETED, … */
  status: z.string(),
  /** GREEN, YELLOW, RED or UNKNOWN; null until Meta rates it. */
  quality: z.string().nullable(),
  reason: z.string().nullable(),
  /** A FLAGGED template is disabled on this date unless its quality improves. */
  disableDate: IsoTime.nullable(),
  /** Whether members can send it now (the composer offers only these). */
  sendable: z.boolean(),
  /** Bridgeline's own flows that send it. */
  usedFor: z.array(z.enum(TEMPLATE_ROLES)),
  updatedAt: IsoTime,
});
export type AdminTemplate = z.infer<typeof AdminTemplate>;

export const NumberRestriction = z.object({
  /** RESTRICTED_BIZ_INITIATED_MESSAGING, RESTRICTED_CUSTOMER_INITIATED_MESSAGING, ACCOUNT_BANNED, … */
  type: z.string(),
  expiresAt: IsoTime.nullable(),
});
export type NumberRestriction = z.infer<typeof NumberRestriction>;

export const NumberHealthChange = z.object({
  at: IsoTime,
  /** Meta's event: FLAGGED, UNFLAGGED, DOWNGRADE, UPGRADE, ACCOUNT_RESTRICTION, ACCOUNT_VIOLATION, … */
  event: z.string(),
  qualityRating: z.string().nullable(),
  messagingLimit: z.string().nullable(),
  downgrade: z.boolean(),
});
export type NumberHealthChange = z.infer<typeof NumberHealthChange>;

/** `GET /api/v1/admin/numbers/health`: one WhatsApp business number's standing with Meta. */
export const NumberHealth = z.object({
  id: Uuid,
  phone: z.string(),
  region: z.string(),
  wabaId: z.string().nullable(),
  /** GREEN, YELLOW, RED or UNKNOWN; null until Meta says. */
  qualityRating: z.string().nullable(),
  /** TIER_250, TIER_1K, TIER_10K, TIER_100K, TIER_UNLIMITED, … */
  messagingLimit: z.string().nullable(),
  restrictions: z.array(NumberRestriction),
  updatedAt: IsoTime.nullable(),
  /** The latest changes, newest first. */
  history: z.array(NumberHealthChange),
});
export type NumberHealth = z.infer<typeof NumberHealth>;

/** Something an admin must act on, for the tab's banner (`GET /api/v1/admin/alerts`). */
export const HealthAlert = z.object({
  kind: z.enum(['template_unsendable', 'template_flagged', 'number_quality', 'number_restricted']),
  severity: z.enum(['error', 'warning']),
  title: z.string(),
  /** What stops working. */
  breaks: z.string(),
  /** What to do. */
  action: z.string(),
});
export type HealthAlert = z.infer<typeof HealthAlert>;

/** Meta's pricing categories, and the rate card's rows. */
export const PRICING_CATEGORIES = ['marketing', 'utility', 'authentication', 'service'] as const;
export type PricingCategory = (typeof PRICING_CATEGORIES)[number];

export const RateCard = z.object({
  /** ISO 4217 code, e.g. USD. */
  currency: z.string(),
  /** Price of one charged message, per category. */
  rates: z.array(z.object({ category: z.enum(PRICING_CATEGORIES), price: z.number().min(0) })),
  updatedAt: IsoTime.nullable(),
});
export type RateCard = z.infer<typeof RateCard>;

export const PutRateCardBody = z.object({
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code such as USD')
    .default('USD'),
  rates: z
    .array(z.object({ category: z.enum(PRICING_CATEGORIES), price: z.number().min(0).max(1000) }))
    .max(PRICING_CATEGORIES.length),
});
export type PutRateCardBody = z.infer<typeof PutRateCardBody>;

export const UsageQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month such as 2026-10')
    .optional(),
});

const UsageRow = z.object({
  key: z.string(),
  label: z.string(),
  messages: z.number().int(),
  charged: z.number().int(),
  /** Charged messages × the rate card; null when the card has no price for some of them. */
  estimated: z.number().nullable(),
});
export type UsageRow = z.infer<typeof UsageRow>;

/** `GET /api/v1/admin/usage?month=`: priced WhatsApp messages of one month, as Meta reported them. */
export const Usage = z.object({
  month: z.string(),
  currency: z.string(),
  total: UsageRow,
  byCategory: z.array(UsageRow),
  byNumber: z.array(UsageRow),
  byMember: z.array(UsageRow),
  /** Messages that are charged only because of Meta's 1 October 2026 change (service, utility inside the window). */
  chargedSinceOctober2026: z.number().int(),
  /** The date from which service messages and utility templates inside the window are charged. */
  windowChargesFrom: z.string(),
});
export type Usage = z.infer<typeof Usage>;
