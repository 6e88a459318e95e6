import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { z } from 'zod';
import {
  GraphApiError,
  GraphResponseError,
  GraphTransportError,
  MediaDownloadRefusedError,
} from './graph-errors.js';
import {
  MediaUrlResponseSchema,
  SendResponseSchema,
  SuccessResponseSchema,
  TemplatePageSchema,
  UploadResponseSchema,
  graphErrorFields,
  toMessageTemplate,
  toNumberOrNull,
  type MessageTemplate,
} from './graph-api.responses.js';
import {
  buildImagePayload,
  buildMarkReadPayload,
  buildTemplatePayload,
  buildTextPayload,
  type MessagePayload,
  type SendOptions,
  type TemplateSpec,
} from './graph-api.payloads.js';

export type { MessageTemplate, TemplateButton, TemplateComponent } from './graph-api.responses.js';

/** The one Graph API version Bridgeline speaks. Change it here only. */
export const GRAPH_API_VERSION = 'v23.0';
export const DEFAULT_GRAPH_BASE_URL = 'https://graph.facebook.com';

/**
 * Hosts Meta serves media from: the Cloud API's media URLs are on lookaside.fbsbx.com, and Meta's CDNs are under
 * fbcdn.net and whatsapp.net. A leading dot means "any subdomain of".
 */
export const META_MEDIA_HOSTS: readonly string[] = ['lookaside.fbsbx.com', '.fbcdn.net', '.whatsapp.net'];

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 3;
const MAX_TEMPLATE_PAGES = 50;

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

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

export interface MediaUrl {
  mediaId: string;
  url: string;
  mimeType: string | null;
  sha256: string | null;
  fileSize: number | null;
}

export interface DownloadedMedia {
  bytes: Buffer;
  /** Sniffed from the bytes, never taken from a header. */
  mimeType: string;
  extension: string;
  /** What the server claimed, for the log when it disagrees. */
  declaredMimeType: string | null;
  sha256Hex: string;
  /** Meta's webhooks give `sha256` in base64. */
  sha256Base64: string;
}

export interface DownloadOptions {
  maxBytes: number;
  /** When set, a sniffed type outside this list is refused. */
  allowedMimeTypes?: readonly string[];
}

/** Ids go into the path: encoded, so an odd id can never point the request (and its token) at another path. */
function segment(id: string): string {
  return encodeURIComponent(id);
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/**
 * A media URL may be fetched (with the token) from a listed host, or from the configured Graph base URL's own origin
 * (scheme, host and port), where the token already goes: a Graph stand-in serves its media there.
 */
function hostAllowed(url: URL, hosts: readonly string[], graphOrigin: string): boolean {
  const host = url.host.toLowerCase(); // includes the port when there is one
  const hostname = url.hostname.toLowerCase();
  const listed =
    url.origin === graphOrigin ||
    hosts.some((pattern) => {
      const p = pattern.toLowerCase();
      return p.startsWith('.')
        ? hostname.endsWith(p) && hostname.length > p.length
        : host === p || hostname === p;
    });
  if (!listed) return false;
  // Plain http only for loopback hosts explicitly listed (the sandbox); Meta is always https.
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
}

/** The Cloud API, as Bridgeline uses it. Every failure is a `GraphClientError` carrying an `ErrorDecision`. */
export class GraphApiClient {
  private readonly baseUrl: string;
  private readonly apiVersion: string;
  private readonly accessToken: string;
  private readonly fetchImpl: FetchLike | undefined;
  private readonly timeoutMs: number;
  private readonly mediaHosts: readonly string[];
  private readonly graphOrigin: string;

  constructor(options: GraphApiClientOptions) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_GRAPH_BASE_URL).replace(/\/+$/, '');
    this.apiVersion = options.apiVersion ?? GRAPH_API_VERSION;
    this.accessToken = options.accessToken;
    this.fetchImpl = options.fetch;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.mediaHosts = options.mediaHosts ?? META_MEDIA_HOSTS;
    this.graphOrigin = new URL(this.baseUrl).origin;
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
    const response = await this.request(this.url(`${segment(phoneNumberId)}/messages`), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(buildMarkReadPayload(wamid, opts)),
    });
    return (await this.parseBody(response, SuccessResponseSchema, 'mark as read')).success;
  }

  async uploadMedia(
    phoneNumberId: string,
    bytes: Uint8Array,
    mimeType: string,
    filename = 'upload',
  ): Promise<string> {
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    form.set('type', mimeType);
    form.set('file', new Blob([bytes], { type: mimeType }), filename);
    // No Content-Type header: fetch sets multipart/form-data with its boundary.
    const response = await this.request(this.url(`${segment(phoneNumberId)}/media`), {
      method: 'POST',
      body: form,
    });
    return (await this.parseBody(response, UploadResponseSchema, 'media upload')).id;
  }

  async getMediaUrl(mediaId: string, opts: { phoneNumberId?: string } = {}): Promise<MediaUrl> {
    const url = this.url(segment(mediaId));
    // Meta checks that the media belongs to this number when given.
    if (opts.phoneNumberId !== undefined) url.searchParams.set('phone_number_id', opts.phoneNumberId);
    const response = await this.request(url, { method: 'GET' });
    const data = await this.parseBody(response, MediaUrlResponseSchema, 'media URL');
    return {
      mediaId: data.id,
      url: data.url,
      mimeType: data.mime_type ?? null,
      sha256: data.sha256 ?? null,
      fileSize: toNumberOrNull(data.file_size),
    };
  }

  /**
   * Downloads media from a URL given by `getMediaUrl` (or a webhook): only Meta's hosts or the Graph base URL's
   * origin, redirects followed only to those, at most `maxBytes`, type sniffed from the bytes.
   */
  async downloadMedia(url: string, opts: DownloadOptions): Promise<DownloadedMedia> {
    let current = this.checkMediaUrl(url, 'host_not_allowed');
    for (let hop = 0; ; hop += 1) {
      const response = await this.request(current, { method: 'GET', redirect: 'manual' }, { accept: '*/*' });
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (location === null) throw await this.toApiError(response);
        if (hop >= MAX_REDIRECTS) {
          throw new MediaDownloadRefusedError('too_many_redirects', `More than ${MAX_REDIRECTS} redirects`);
        }
        current = this.checkMediaUrl(new URL(location, current).toString(), 'redirect_not_allowed');
        continue;
      }
      return this.readMedia(response, opts);
    }
  }

  /**
   * Inbound media in one call: `GET /{media-id}` for the short-lived URL (checked against the number), then the
   * download. Refuses early when Meta already reports a size over the cap.
   */
  async downloadMediaById(
    mediaId: string,
    opts: DownloadOptions & { phoneNumberId?: string },
  ): Promise<DownloadedMedia & { media: MediaUrl }> {
    const { phoneNumberId, ...download } = opts;
    const media = await this.getMediaUrl(mediaId, phoneNumberId === undefined ? {} : { phoneNumberId });
    if (media.fileSize !== null && media.fileSize > download.maxBytes) {
      throw new MediaDownloadRefusedError(
        'too_large',
        `Media is ${media.fileSize} bytes, over ${download.maxBytes}`,
      );
    }
    return { ...(await this.downloadMedia(media.url, download)), media };
  }

  /** Every template of the WhatsApp Business Account, all pages. */
  async listTemplates(wabaId: string, opts: { pageSize?: number } = {}): Promise<MessageTemplate[]> {
    const templates: MessageTemplate[] = [];
    let after: string | undefined;
    for (let page = 0; page < MAX_TEMPLATE_PAGES; page += 1) {
      const url = this.url(`${segment(wabaId)}/message_templates`);
      url.searchParams.set('fields', 'id,name,language,status,category,quality_score,components');
      url.searchParams.set('limit', String(opts.pageSize ?? 100));
      if (after !== undefined) url.searchParams.set('after', after);
      const response = await this.request(url, { method: 'GET' });
      const data = await this.parseBody(response, TemplatePageSchema, 'template list');
      templates.push(...data.data.map(toMessageTemplate));
      // Follow the cursor, not `paging.next`: the next URL would carry our token to wherever it points.
      after = data.paging?.next !== undefined ? data.paging.cursors?.after : undefined;
      if (after === undefined) return templates;
    }
    return templates;
  }

  private async sendMessage(phoneNumberId: string, payload: MessagePayload): Promise<SendResult> {
    const response = await this.request(this.url(`${segment(phoneNumberId)}/messages`), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(payload),
    });
    const data = await this.parseBody(response, SendResponseSchema, 'send');
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

  private url(path: string): URL {
    return new URL(`${this.baseUrl}/${this.apiVersion}/${path.replace(/^\/+/, '')}`);
  }

  private checkMediaUrl(url: string, refusal: 'host_not_allowed' | 'redirect_not_allowed'): URL {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new MediaDownloadRefusedError(refusal, 'Media URL is not a valid URL');
    }
    if (!hostAllowed(parsed, this.mediaHosts, this.graphOrigin)) {
      // Never send the token anywhere but Meta (or the Graph base URL it already goes to).
      throw new MediaDownloadRefusedError(
        refusal,
        `Media host ${parsed.protocol}//${parsed.host} is not allowed`,
      );
    }
    return parsed;
  }

  /** One HTTP call with the bearer token and a timeout; Graph errors and non-2xx become typed errors. */
  private async request(
    url: URL,
    init: RequestInit,
    headers: { accept: string } = { accept: 'application/json' },
  ): Promise<Response> {
    const fetchImpl = this.fetchImpl ?? globalThis.fetch;
    let response: Response;
    try {
      response = await fetchImpl(url, {
        ...init,
        // Graph never redirects API calls; refusing keeps the token from following one. Downloads pass 'manual'.
        redirect: init.redirect ?? 'error',
        headers: {
          ...(init.headers as Record<string, string>),
          Authorization: `Bearer ${this.accessToken}`,
          Accept: headers.accept,
        },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw this.toTransportError(error, url);
    }
    if (response.ok || (init.redirect === 'manual' && response.status >= 300 && response.status < 400)) {
      return response;
    }
    throw await this.toApiError(response);
  }

  private toTransportError(error: unknown, url: URL | string): GraphTransportError {
    // The token is in a header, never in the URL; the query (media URLs carry signatures) is left out.
    let where = 'the Graph API';
    try {
      const parsed = new URL(url);
      where = `${parsed.origin}${parsed.pathname}`;
    } catch {
      // Mocked responses may have no URL; the generic wording will do.
    }
    if (isAbort(error)) {
      return new GraphTransportError(
        'timeout',
        `Graph API request timed out after ${this.timeoutMs} ms: ${where}`,
        {
          cause: error,
        },
      );
    }
    return new GraphTransportError('network', `Network error calling ${where}`, { cause: error });
  }

  private async toApiError(response: Response): Promise<GraphApiError> {
    let text = '';
    try {
      text = await response.text();
    } catch {
      // The body is only for details; the status alone still classifies the error.
    }
    return new GraphApiError(graphErrorFields(response.status, response.statusText, text, response.headers));
  }

  private async parseBody<T extends z.ZodType>(
    response: Response,
    schema: T,
    what: string,
  ): Promise<z.output<T>> {
    let json: unknown;
    try {
      json = await response.json();
    } catch (error) {
      // The timeout also covers the body: a stalled answer is a transport failure, not a malformed one.
      if (isAbort(error)) throw this.toTransportError(error, response.url);
      throw new GraphResponseError(response.status, `Unreadable ${what} response from Graph API`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new GraphResponseError(response.status, `Unexpected ${what} response from Graph API`);
    return parsed.data;
  }

  private async readMedia(response: Response, opts: DownloadOptions): Promise<DownloadedMedia> {
    const declaredLength = Number(response.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declaredLength) && declaredLength > opts.maxBytes) {
      await response.body?.cancel();
      throw new MediaDownloadRefusedError(
        'too_large',
        `Media is ${declaredLength} bytes, over ${opts.maxBytes}`,
      );
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    const reader = response.body?.getReader();
    if (reader) {
      for (;;) {
        let chunk: Awaited<ReturnType<typeof reader.read>>;
        try {
          chunk = await reader.read();
        } catch (error) {
          // Timed out or cut off mid-body.
          throw this.toTransportError(error, response.url);
        }
        if (chunk.done) break;
        total += chunk.value.byteLength;
        // Content-Length can be absent or wrong: count what actually arrives.
        if (total > opts.maxBytes) {
          await reader.cancel();
          throw new MediaDownloadRefusedError('too_large', `Media exceeds ${opts.maxBytes} bytes`);
        }
        chunks.push(chunk.value);
      }
    }
    const bytes = Buffer.concat(chunks);
    const sniffed = await fileTypeFromBuffer(bytes);
    if (!sniffed)
      throw new MediaDownloadRefusedError('unrecognised_type', 'Media type not recognised from its bytes');
    if (opts.allowedMimeTypes && !opts.allowedMimeTypes.includes(sniffed.mime)) {
      throw new MediaDownloadRefusedError('type_not_allowed', `Media type ${sniffed.mime} is not allowed`);
    }
    const digest = createHash('sha256').update(bytes).digest();
    return {
      bytes,
      mimeType: sniffed.mime,
      extension: sniffed.ext,
      declaredMimeType: response.headers.get('content-type'),
      sha256Hex: digest.toString('hex'),
      sha256Base64: digest.toString('base64'),
    };
  }
}
