import type {
  BusinessNumberRecord,
  OutboundMessage,
  ReadReceiptOutcome,
  SendOutcome,
  WhatsAppGateway,
} from '../../ports/index.js';
import type { GraphApiClient, SendResult } from './graph-api.client.js';
import { GraphApiError, GraphClientError, type ErrorDecision } from './graph-errors.js';

/** The slice of a pino logger this adapter uses. */
export interface GatewayLogger {
  error(obj: Record<string, unknown>, msg: string): void;
}

export interface GraphWhatsAppGatewayOptions {
  client: GraphApiClient;
  /**
   * Reads an outbound image by our media id, to upload it to Meta before sending. Without it, `mediaId` is taken to
   * be a Meta media id already.
   */
  loadMedia?: (mediaId: string) => Promise<{ bytes: Uint8Array; mimeType: string; filename?: string }>;
  logger?: GatewayLogger;
}

/** The `WhatsAppGateway` port on the real Cloud API: one send, Meta's failures turned into the port's outcomes. */
export class GraphWhatsAppGateway implements WhatsAppGateway {
  constructor(private readonly options: GraphWhatsAppGatewayOptions) {}

  async send(message: OutboundMessage): Promise<SendOutcome> {
    // Meta's own id for the contact first: it already carries the right Brazil/Mexico form.
    const to = message.to.waId ?? message.to.phoneE164?.replace(/^\+/, '') ?? null;
    if (to === null) {
      return {
        ok: false,
        kind: 'permanent',
        code: 'no_recipient',
        title: 'The contact has no WhatsApp number',
      };
    }
    const phoneNumberId = message.from.providerNumberId;
    const bizOpaque = message.messageId;
    try {
      const content = message.content;
      let result: SendResult;
      if (content.type === 'text') {
        const replyTo = content.replyToProviderId ?? undefined;
        result = await this.options.client.sendText(phoneNumberId, to, content.text, {
          bizOpaque,
          ...(replyTo !== undefined ? { replyTo } : {}),
        });
      } else if (content.type === 'image') {
        const mediaId = await this.metaMediaId(phoneNumberId, content.mediaId);
        result = await this.options.client.sendImage(
          phoneNumberId,
          to,
          mediaId,
          content.caption ?? undefined,
          {
            bizOpaque,
          },
        );
      } else {
        const t = content.template;
        result = await this.options.client.sendTemplate(
          phoneNumberId,
          to,
          {
            name: t.name,
            language: t.language,
            bodyParameters: t.parameters,
            quickReplyPayloads: t.quickReplies ?? [],
          },
          { bizOpaque },
        );
      }
      return { ok: true, providerMessageId: result.wamid };
    } catch (error) {
      if (!(error instanceof GraphClientError)) throw error;
      return this.failure(error, { messageId: message.messageId, phoneNumberId });
    }
  }

  async markRead(from: BusinessNumberRecord, providerMessageId: string): Promise<ReadReceiptOutcome> {
    try {
      await this.options.client.markRead(from.providerNumberId, providerMessageId);
      return { ok: true };
    } catch (error) {
      if (!(error instanceof GraphClientError)) throw error;
      return this.failure(error, { messageId: providerMessageId, phoneNumberId: from.providerNumberId });
    }
  }

  private async metaMediaId(phoneNumberId: string, mediaId: string): Promise<string> {
    if (!this.options.loadMedia) return mediaId;
    const media = await this.options.loadMedia(mediaId);
    return this.options.client.uploadMedia(phoneNumberId, media.bytes, media.mimeType, media.filename);
  }

  private failure(
    error: GraphClientError,
    about: { messageId: string; phoneNumberId: string },
  ): Extract<SendOutcome, { ok: false }> {
    const decision: ErrorDecision = error.decision;
    const api = error instanceof GraphApiError ? error : null;
    if (decision.kind === 'config') {
      // Nothing the member can fix: one line for operators, with what Meta needs to trace it.
      this.options.logger?.error(
        {
          code: decision.code,
          fbtraceId: api?.fbtraceId ?? null,
          httpStatus: api?.httpStatus ?? null,
          messageId: about.messageId,
          phoneNumberId: about.phoneNumberId,
        },
        `WhatsApp configuration problem: ${decision.reason}`,
      );
    }
    const details = api?.details ?? (api ? null : error.message);
    return {
      ok: false,
      // The port has no "config": for the message it is a failure with Meta's reason.
      kind: decision.kind === 'config' ? 'permanent' : decision.kind,
      code: decision.code !== null ? String(decision.code) : error.name,
      title: api?.title ?? decision.reason,
      ...(details !== null ? { details } : {}),
    };
  }
}
