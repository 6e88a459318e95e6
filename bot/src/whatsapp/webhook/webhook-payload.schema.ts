import { z } from 'zod';

/**
 * Meta's WhatsApp Cloud API webhook body (`object: "whatsapp_business_account"`), as documented for Graph v23.0.
 * Every object is loose: Meta adds fields without notice and we must keep accepting them. Only what Bridgeline reads
 * is described; the raw JSON is kept by the caller for the archive.
 *
 * Two layers: the item schemas below (one per thing Meta sends), and a lenient envelope used by `parseWebhook` that
 * validates items one by one, so one odd item never makes us reject (and Meta redeliver) a whole batch.
 */

/**
 * An id Meta gives (wamid, wa_id, user id, phone number id, media id): tens of characters in practice. Bounded so that
 * an absurd one is refused as an item (kept raw, rejected) instead of overflowing a unique index when stored.
 */
export const MetaIdSchema = z.string().min(1).max(256);

/** Meta's epoch seconds: a string of digits in webhooks ("1750016800"), a number in some places. */
export const EpochSecondsSchema = z.union([z.string().regex(/^\d{1,12}$/), z.number().int().nonnegative()]);

/** An error object as it appears in `statuses[].errors`, `messages[].errors` and `value.errors`. */
export const WebhookErrorSchema = z.looseObject({
  // Numbers in webhooks; some relays stringify them.
  code: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
  title: z.string().optional(),
  message: z.string().optional(),
  // An object with `details` for messaging errors; a bare string for some template errors.
  error_data: z.union([z.looseObject({ details: z.string().optional() }), z.string()]).optional(),
  href: z.string().optional(),
});

export const WebhookMetadataSchema = z.looseObject({
  display_phone_number: z.string(),
  phone_number_id: MetaIdSchema,
});

/** `contacts[]`: who wrote. `wa_id` may be withheld for users with a username; `user_id` is the business-scoped id. */
export const WebhookContactSchema = z.looseObject({
  wa_id: MetaIdSchema.optional(),
  user_id: MetaIdSchema.optional(),
  parent_user_id: MetaIdSchema.optional(),
  profile: z
    .looseObject({
      name: z.string().optional(),
      username: z.string().optional(),
    })
    .optional(),
});

export const MessageContextSchema = z.looseObject({
  // The quoted message's wamid; absent on forwarded-only context.
  id: MetaIdSchema.optional(),
  from: z.string().optional(),
  forwarded: z.boolean().optional(),
  frequently_forwarded: z.boolean().optional(),
  referred_product: z
    .looseObject({ catalog_id: z.string().optional(), product_retailer_id: z.string().optional() })
    .optional(),
});

/** The fields every inbound message has, whatever its type. */
export const WebhookMessageBaseSchema = z.looseObject({
  id: MetaIdSchema,
  // Either may be missing: `from` is withheld for username users, `from_user_id` is new (2026).
  from: MetaIdSchema.optional(),
  from_user_id: MetaIdSchema.optional(),
  from_parent_user_id: MetaIdSchema.optional(),
  timestamp: EpochSecondsSchema,
  type: z.string().min(1),
  context: MessageContextSchema.optional(),
  errors: z.array(WebhookErrorSchema).optional(),
});

export const TextContentSchema = z.looseObject({ body: z.string() });

export const ImageContentSchema = z.looseObject({
  id: MetaIdSchema,
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  // Some payloads carry the lookaside URL directly; it still needs the bearer token and expires.
  url: z.string().optional(),
});

/** A tap on a template quick-reply button. */
export const ButtonContentSchema = z.looseObject({
  payload: z.string().optional(),
  text: z.string(),
});

export const InteractiveContentSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('button_reply'),
    button_reply: z.looseObject({ id: z.string(), title: z.string() }),
  }),
  z.looseObject({
    type: z.literal('list_reply'),
    list_reply: z.looseObject({ id: z.string(), title: z.string(), description: z.string().optional() }),
  }),
]);

/** `emoji` is absent or empty when the contact removes their reaction. */
export const ReactionContentSchema = z.looseObject({
  message_id: MetaIdSchema,
  emoji: z.string().optional(),
});

export const UnsupportedContentSchema = z.looseObject({ type: z.string().optional() });

/** A message with its type-specific content, for documentation and for building payloads (sandbox, tests). */
export const WebhookMessageSchema = WebhookMessageBaseSchema.extend({
  text: TextContentSchema.optional(),
  image: ImageContentSchema.optional(),
  button: ButtonContentSchema.optional(),
  interactive: z.looseObject({ type: z.string() }).optional(),
  reaction: ReactionContentSchema.optional(),
  unsupported: UnsupportedContentSchema.optional(),
});

export const WebhookStatusSchema = z.looseObject({
  id: MetaIdSchema,
  // sent | delivered | read | failed (others, e.g. "played" for voice, are tolerated and ignored by the parser)
  status: z.string().min(1),
  timestamp: EpochSecondsSchema,
  recipient_id: MetaIdSchema.optional(),
  recipient_user_id: MetaIdSchema.optional(),
  parent_recipient_user_id: MetaIdSchema.optional(),
  biz_opaque_callback_data: z.string().optional(),
  errors: z.array(WebhookErrorSchema).optional(),
  conversation: z
    .looseObject({
      id: z.string().optional(),
      expiration_timestamp: EpochSecondsSchema.optional(),
      origin: z.looseObject({ type: z.string().optional() }).optional(),
    })
    .optional(),
  pricing: z
    .looseObject({
      billable: z.boolean().optional(),
      pricing_model: z.string().optional(),
      category: z.string().optional(),
      type: z.string().optional(),
    })
    .optional(),
});

/** `changes[].value` when `field` is "messages". */
export const MessagesValueSchema = z.looseObject({
  messaging_product: z.string().optional(),
  metadata: WebhookMetadataSchema,
  contacts: z.array(WebhookContactSchema).optional(),
  messages: z.array(WebhookMessageSchema).optional(),
  statuses: z.array(WebhookStatusSchema).optional(),
  errors: z.array(WebhookErrorSchema).optional(),
});

/** `field: "message_template_status_update"`: APPROVED, REJECTED, PAUSED, DISABLED, … */
// Meta's own limits: names of at most 512 characters, language codes such as "en_US"; bounded so that a key of the
// template catalogue always fits its index.
const TemplateName = z.string().max(512);
const TemplateLanguage = z.string().max(32);
const TemplateId = z.union([z.number(), MetaIdSchema]);

export const TemplateStatusValueSchema = z.looseObject({
  event: z.string().min(1).max(64),
  message_template_id: TemplateId,
  message_template_name: TemplateName,
  message_template_language: TemplateLanguage,
  reason: z.string().nullable().optional(),
  message_template_category: z.string().max(64).optional(),
  // FLAGGED: the day Meta disables it unless its quality improves (epoch seconds, or an ISO date from some relays).
  disable_info: z
    .looseObject({ disable_date: z.union([EpochSecondsSchema, z.string().max(64)]).optional() })
    .optional(),
  // PAUSED: which pause (FIRST_PAUSE, SECOND_PAUSE) and why.
  other_info: z.looseObject({ title: z.string().optional(), description: z.string().optional() }).optional(),
});

/** `field: "message_template_quality_update"`: GREEN, YELLOW, RED, UNKNOWN. */
export const TemplateQualityValueSchema = z.looseObject({
  previous_quality_score: z.string().optional(),
  new_quality_score: z.string().min(1).max(64),
  message_template_id: TemplateId,
  message_template_name: TemplateName,
  message_template_language: TemplateLanguage,
});

/** `field: "phone_number_quality_update"`: the number's throughput / messaging limit tier and quality changes. */
export const PhoneQualityValueSchema = z.looseObject({
  display_phone_number: z.string().min(1).max(32),
  event: z.string().min(1).max(64),
  current_limit: z.string().max(64).optional(),
  old_limit: z.string().max(64).optional(),
  max_daily_conversations_per_business: z.union([z.string().max(64), z.number()]).optional(),
  // Not in Meta's reference payload, but some versions and relays send the rating itself.
  quality_rating: z.string().max(32).optional(),
});

/** `field: "account_update"`: violations, restrictions and bans of the WABA (or of one of its numbers). */
export const AccountUpdateValueSchema = z.looseObject({
  event: z.string().min(1).max(64),
  phone_number: z.string().max(32).optional(),
  restriction_info: z
    .array(
      z.looseObject({
        restriction_type: z.string().min(1).max(128),
        expiration: z.string().max(64).optional(),
      }),
    )
    .max(50)
    .optional(),
  ban_info: z
    .looseObject({ waba_ban_state: z.string().max(64), waba_ban_date: z.string().max(64).optional() })
    .optional(),
  violation_info: z.looseObject({ violation_type: z.string().max(128).optional() }).optional(),
});

const HANDLED_FIELDS = [
  'messages',
  'message_template_status_update',
  'message_template_quality_update',
  'phone_number_quality_update',
  'account_update',
];

export const WebhookChangeSchema = z.union([
  z.looseObject({ field: z.literal('messages'), value: MessagesValueSchema }),
  z.looseObject({ field: z.literal('message_template_status_update'), value: TemplateStatusValueSchema }),
  z.looseObject({ field: z.literal('message_template_quality_update'), value: TemplateQualityValueSchema }),
  z.looseObject({ field: z.literal('phone_number_quality_update'), value: PhoneQualityValueSchema }),
  z.looseObject({ field: z.literal('account_update'), value: AccountUpdateValueSchema }),
  // Other subscriptions (business_capability_update, …) are tolerated whatever their value.
  z.looseObject({ field: z.string().refine((f) => !HANDLED_FIELDS.includes(f)), value: z.unknown() }),
]);

export const WebhookEntrySchema = z.looseObject({
  id: z.string(),
  changes: z.array(WebhookChangeSchema),
});

/** A whole, well-formed "messages" webhook body. */
export const WebhookBodySchema = z.looseObject({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(WebhookEntrySchema),
});

// The lenient layer: only the envelope is required; entries, changes and items are checked one at a time.
export const LenientChangeSchema = z.looseObject({ field: z.string(), value: z.unknown() });
export const LenientEntrySchema = z.looseObject({ id: MetaIdSchema, changes: z.array(z.unknown()) });
export const LenientBodySchema = z.looseObject({ object: z.string(), entry: z.array(z.unknown()) });
export const LenientMessagesValueSchema = z.looseObject({
  metadata: WebhookMetadataSchema,
  contacts: z.array(z.unknown()).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(z.unknown()).optional(),
});

export type WebhookBody = z.input<typeof WebhookBodySchema>;
export type WebhookMessagesValue = z.input<typeof MessagesValueSchema>;
export type WebhookMessage = z.input<typeof WebhookMessageSchema>;
export type WebhookStatus = z.input<typeof WebhookStatusSchema>;
export type WebhookContact = z.input<typeof WebhookContactSchema>;
export type WebhookError = z.output<typeof WebhookErrorSchema>;
