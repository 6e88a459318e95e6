import { GraphResponseError } from './graph-errors.js';
import { SendResponseSchema, SuccessResponseSchema, type MessageTemplate } from './graph-api.responses.js';
import {
  buildImagePayload,
  buildMarkReadPayload,
  buildTemplatePayload,
  buildTextPayload,
  type MessagePayload,
  type SendOptions,
  type TemplateSpec,
} from './graph-api.payloads.js';
import { GraphHttp, segment, type FetchLike } from './graph-http.js';
import {
  GraphMedia,
  META_MEDIA_HOSTS,
  type DownloadedMedia,
  type DownloadOptions,
  type MediaUrl,
} from './graph-media.js';
import { listTemplates } from './graph-templates.js';
import { getBusinessProfile, updateBusinessProfile, type GraphBusinessProfile } from './graph-profile.js';

export type { MessageTemplate, TemplateButton, TemplateComponent } from './graph-api.responses.js';
export type { FetchLike } from './graph-http.js';
export type { GraphBusinessProfile } from './graph-profile.js';
export {
  META_MEDIA_HOSTS,
  type DownloadedMedia,
  type DownloadOptions,
  type MediaUrl,
} from './graph-media.js';

/** The one Graph API version Bridgeline speaks. Change it here only. */
export const GRAPH_API_VERSION = 'v23.0';
export const DEFAULT_GRAPH_BASE_URL = 'https://graph.facebook.com';

const DEFAULT_TIMEOUT_MS = 10_000;

export interface GraphApiClientOptions {
  /** `WHATSAPP_GRAPH_BASE_URL`; the sandbox points it at itself. */
  baseUrl?: string;
  apiVersion?: string;
  accessToken: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  /** Hosts media may be downloaded from (default: Meta's). Loopback hosts listed here may use http (sandbox). */
  mediaHosts?: readonly string[];
}

export interface SendResult {
  wamid: string;
  /** The WhatsApp id Meta resolved the recipient to (may differ from what we sent, e.g. Brazil's 9th digit). */
  waId: string | null;
  input: string | null;
  /** e.g. "accepted", "held_for_quality_assessment" (templates); null when Meta does not say. */
  messageStatus: string | null;
}

/**
 * The Cloud API, as Bridgeline uses it. Every failure is a `GraphClientError` carrying an `ErrorDecision`. Sending
 * lives here; media (graph-media.ts) and templates (graph-templates.ts) share its HTTP part (graph-http.ts).
 */
export class GraphApiClient {
  private readonly http: GraphHttp;
  private readonly media: GraphMedia;

  constructor(options: GraphApiClientOptions) {
    this.http = new GraphHttp({
      baseUrl: options.baseUrl ?? DEFAULT_GRAPH_BASE_URL,
      apiVersion: options.apiVersion ?? GRAPH_API_VERSION,
      accessToken: options.accessToken,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
    this.media = new GraphMedia(this.http, options.mediaHosts ?? META_MEDIA_HOSTS);
  }

  sendText(phoneNumberId: string, to: string, body: string, opts: SendOptions = {}): Promise<SendResult> {
    return this.sendMessage(phoneNumberId, buildTextPayload(to, body, opts));
  }

  sendImage(
    phoneNumberId: string,
    to: string,
    mediaId: string,
    caption?: string,
    opts: SendOptions = {},
  ): Promise<SendResult> {
    return this.sendMessage(phoneNumberId, buildImagePayload(to, mediaId, caption, opts));
  }

  sendTemplate(
    phoneNumberId: string,
    to: string,
    template: TemplateSpec,
    opts: SendOptions = {},
  ): Promise<SendResult> {
    return this.sendMessage(phoneNumberId, buildTemplatePayload(to, template, opts));
  }

  async markRead(
    phoneNumberId: string,
    wamid: string,
    opts: { typingIndicator?: boolean } = {},
  ): Promise<boolean> {
    const response = await this.http.request(this.http.url(`${segment(phoneNumberId)}/messages`), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(buildMarkReadPayload(wamid, opts)),
    });
    return (await this.http.parseBody(response, SuccessResponseSchema, 'mark as read')).success;
  }

  uploadMedia(
    phoneNumberId: string,
    bytes: Uint8Array,
    mimeType: string,
    filename = 'upload',
  ): Promise<string> {
    return this.media.upload(phoneNumberId, bytes, mimeType, filename);
  }

  getMediaUrl(mediaId: string, opts: { phoneNumberId?: string } = {}): Promise<MediaUrl> {
    return this.media.url(mediaId, opts);
  }

  /**
   * Downloads media from a URL given by `getMediaUrl` (or a webhook): only Meta's hosts or the Graph base URL's
   * origin, redirects followed only to those, at most `maxBytes`, type sniffed from the bytes.
   */
  downloadMedia(url: string, opts: DownloadOptions): Promise<DownloadedMedia> {
    return this.media.download(url, opts);
  }

  /**
   * Inbound media in one call: `GET /{media-id}` for the short-lived URL (checked against the number), then the
   * download. Refuses early when Meta already reports a size over the cap.
   */
  downloadMediaById(
    mediaId: string,
    opts: DownloadOptions & { phoneNumberId?: string },
  ): Promise<DownloadedMedia & { media: MediaUrl }> {
    return this.media.downloadById(mediaId, opts);
  }

  /** Every template of the WhatsApp Business Account, all pages. */
  listTemplates(wabaId: string, opts: { pageSize?: number } = {}): Promise<MessageTemplate[]> {
    return listTemplates(this.http, wabaId, opts);
  }

  /** The number's WhatsApp business profile, as contacts see it. */
  businessProfile(phoneNumberId: string): Promise<GraphBusinessProfile> {
    return getBusinessProfile(this.http, phoneNumberId);
  }

  /** Changes the given fields of the number's business profile. */
  updateBusinessProfile(
    phoneNumberId: string,
    patch: Omit<GraphBusinessProfile, 'profile_picture_url'>,
  ): Promise<void> {
    return updateBusinessProfile(this.http, phoneNumberId, patch);
  }

  private async sendMessage(phoneNumberId: string, payload: MessagePayload): Promise<SendResult> {
    const response = await this.http.request(this.http.url(`${segment(phoneNumberId)}/messages`), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(payload),
    });
    const data = await this.http.parseBody(response, SendResponseSchema, 'send');
    const [message] = data.messages;
    const [contact] = data.contacts ?? [];
    if (!message) throw new GraphResponseError(response.status, 'Send response without a message id');
    return {
      wamid: message.id,
      waId: contact?.wa_id?.trim() ?? null,
      input: contact?.input ?? null,
      messageStatus: message.message_status ?? null,
    };
  }
}
