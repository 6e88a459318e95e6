/**
 * Pure builders of the Cloud API `POST /{phone-number-id}/messages` bodies. Tests compare their JSON exactly with
 * Meta's documented examples (v23.0 OpenAPI: "Send Text Message", "Send Image Message by ID",
 * "Send Message Template Interactive", "Send typing indicator and read receipt").
 */

export interface SendOptions {
  /** The wamid this message replies to (shown as a quote on the contact's phone). */
  replyTo?: string;
  /** Echoed back in every status webhook of this message: we pass our own message id. */
  bizOpaque?: string;
}

export interface TemplateSpec {
  name: string;
  /** Meta's language-and-locale code, e.g. "en_US". */
  language: string;
  /** Values for {{1}}, {{2}}, … of the body, in order. */
  bodyParameters?: readonly string[];
  /** Payloads of the template's quick-reply buttons, in button order (index 0, 1, …). */
  quickReplyPayloads?: readonly string[];
}

export interface TextPayload {
  messaging_product: 'whatsapp';
  recipient_type: 'individual';
  to: string;
  type: 'text';
  text: { preview_url: boolean; body: string };
  context?: { message_id: string };
  biz_opaque_callback_data?: string;
}

export interface ImagePayload {
  messaging_product: 'whatsapp';
  recipient_type: 'individual';
  to: string;
  type: 'image';
  image: { id: string; caption?: string };
  context?: { message_id: string };
  biz_opaque_callback_data?: string;
}

export type TemplateComponentPayload =
  | { type: 'body'; parameters: { type: 'text'; text: string }[] }
  | {
      type: 'button';
      sub_type: 'quick_reply';
      index: string;
      parameters: { type: 'payload'; payload: string }[];
    };

export interface TemplatePayload {
  messaging_product: 'whatsapp';
  recipient_type: 'individual';
  to: string;
  type: 'template';
  template: { name: string; language: { code: string }; components?: TemplateComponentPayload[] };
  context?: { message_id: string };
  biz_opaque_callback_data?: string;
}

export interface MarkReadPayload {
  messaging_product: 'whatsapp';
  status: 'read';
  message_id: string;
  typing_indicator?: { type: 'text' };
}

export type MessagePayload = TextPayload | ImagePayload | TemplatePayload;

function extras(opts: SendOptions): { context?: { message_id: string }; biz_opaque_callback_data?: string } {
  return {
    ...(opts.replyTo !== undefined ? { context: { message_id: opts.replyTo } } : {}),
    ...(opts.bizOpaque !== undefined ? { biz_opaque_callback_data: opts.bizOpaque } : {}),
  };
}

export function buildTextPayload(to: string, body: string, opts: SendOptions = {}): TextPayload {
  // No link previews: a compliance archive should hold what was sent, not what a third-party page rendered.
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to,
    type: 'text',
    text: { preview_url: false, body },
    ...extras(opts),
  };
}

export function buildImagePayload(
  to: string,
  mediaId: string,
  caption?: string,
  opts: SendOptions = {},
): ImagePayload {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to,
    type: 'image',
    image: caption !== undefined && caption !== '' ? { id: mediaId, caption } : { id: mediaId },
    ...extras(opts),
  };
}

export function buildTemplatePayload(
  to: string,
  spec: TemplateSpec,
  opts: SendOptions = {},
): TemplatePayload {
  const components: TemplateComponentPayload[] = [];
  const bodyParameters = spec.bodyParameters ?? [];
  if (bodyParameters.length > 0) {
    components.push({ type: 'body', parameters: bodyParameters.map((text) => ({ type: 'text', text })) });
  }
  // Quick-reply payloads are how we recognise the tap later (start / stop / resume); Meta wants the index as a string.
  (spec.quickReplyPayloads ?? []).forEach((payload, index) => {
    components.push({
      type: 'button',
      sub_type: 'quick_reply',
      index: String(index),
      parameters: [{ type: 'payload', payload }],
    });
  });
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to,
    type: 'template',
    template: {
      name: spec.name,
      language: { code: spec.language },
      ...(components.length > 0 ? { components } : {}),
    },
    ...extras(opts),
  };
}

export function buildMarkReadPayload(
  wamid: string,
  opts: { typingIndicator?: boolean } = {},
): MarkReadPayload {
  return {
    messaging_product: 'whatsapp',
    status: 'read',
    message_id: wamid,
    ...(opts.typingIndicator === true ? { typing_indicator: { type: 'text' as const } } : {}),
  };
}
