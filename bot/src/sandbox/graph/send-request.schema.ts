import { z } from 'zod';

/**
 * What the simulated `POST /{phone-number-id}/messages` accepts: Meta's request bodies for text, image (by id) and
 * template sends, and the read receipt. Loose like Meta: unknown fields are ignored.
 */
const Context = z.looseObject({ message_id: z.string().min(1) }).optional();
const Common = {
  messaging_product: z.literal('whatsapp'),
  recipient_type: z.literal('individual').optional(),
  to: z.string().regex(/^\+?[\d\s\-()]{6,25}$/, 'to must be a phone number'),
  context: Context,
  biz_opaque_callback_data: z.string().max(512).optional(),
};

const TextSend = z.looseObject({
  ...Common,
  type: z.literal('text'),
  text: z.looseObject({ body: z.string().min(1).max(4096), preview_url: z.boolean().optional() }),
});

const ImageSend = z.looseObject({
  ...Common,
  type: z.literal('image'),
  image: z.looseObject({ id: z.string().min(1), caption: z.string().max(1024).optional() }),
});

const TemplateComponent = z.union([
  z.looseObject({
    type: z.literal('body'),
    parameters: z.array(z.looseObject({ type: z.literal('text'), text: z.string() })),
  }),
  z.looseObject({
    type: z.literal('button'),
    sub_type: z.literal('quick_reply'),
    index: z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]),
    parameters: z.array(z.looseObject({ type: z.literal('payload'), payload: z.string() })).min(1),
  }),
  z.looseObject({ type: z.enum(['header', 'footer']) }),
]);

const TemplateSend = z.looseObject({
  ...Common,
  type: z.literal('template'),
  template: z.looseObject({
    name: z.string().min(1),
    language: z.looseObject({ code: z.string().min(2) }),
    components: z.array(TemplateComponent).optional(),
  }),
});

const ReadReceipt = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  status: z.literal('read'),
  message_id: z.string().min(1),
});

export type SendRequest =
  | { kind: 'read'; messageId: string }
  | ({ kind: 'send'; to: string; replyTo: string | null; bizOpaque: string | null } & (
      | { type: 'text'; body: string }
      | { type: 'image'; mediaId: string; caption: string | null }
      | {
          type: 'template';
          name: string;
          language: string;
          bodyParameters: string[];
          quickReplyPayloads: Map<number, string>;
        }
    ));

export function parseSendRequest(
  body: unknown,
): { ok: true; request: SendRequest } | { ok: false; details: string } {
  if (typeof body === 'object' && body !== null && 'status' in body) {
    const read = ReadReceipt.safeParse(body);
    if (!read.success) return { ok: false, details: describe(read.error) };
    return { ok: true, request: { kind: 'read', messageId: read.data.message_id } };
  }
  const parsed = z.discriminatedUnion('type', [TextSend, ImageSend, TemplateSend]).safeParse(body);
  if (!parsed.success) return { ok: false, details: describe(parsed.error) };
  const m = parsed.data;
  const common = {
    kind: 'send' as const,
    to: m.to,
    replyTo: m.context?.message_id ?? null,
    bizOpaque: m.biz_opaque_callback_data ?? null,
  };
  if (m.type === 'text') return { ok: true, request: { ...common, type: 'text', body: m.text.body } };
  if (m.type === 'image') {
    return {
      ok: true,
      request: { ...common, type: 'image', mediaId: m.image.id, caption: m.image.caption ?? null },
    };
  }
  const bodyParameters: string[] = [];
  const quickReplyPayloads = new Map<number, string>();
  for (const c of m.template.components ?? []) {
    if (c.type === 'body' && 'parameters' in c) bodyParameters.push(...c.parameters.map((p) => p.text));
    if (c.type === 'button' && 'sub_type' in c)
      quickReplyPayloads.set(Number(c.index), c.parameters[0]!.payload);
  }
  return {
    ok: true,
    request: {
      ...common,
      type: 'template',
      name: m.template.name,
      language: m.template.language.code,
      bodyParameters,
      quickReplyPayloads,
    },
  };
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `Param ${issue.path.join('.') || 'body'}: ${issue.message}` : 'Invalid request';
}
