import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { MediaDownloadRefusedError } from './graph-errors.js';
import { MediaUrlResponseSchema, UploadResponseSchema, toNumberOrNull } from './graph-api.responses.js';
import { segment, type GraphHttp } from './graph-http.js';

/**
 * Hosts Meta serves media from: the Cloud API's media URLs are on lookaside.fbsbx.com, and Meta's CDNs are under
 * fbcdn.net and whatsapp.net. A leading dot means "any subdomain of".
 */
export const META_MEDIA_HOSTS: readonly string[] = ['lookaside.fbsbx.com', '.fbcdn.net', '.whatsapp.net'];

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const MAX_REDIRECTS = 3;

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

/** The media part of the Cloud API: upload, media URL, and the guarded download (hosts, redirects, size, type). */
export class GraphMedia {
  constructor(
    private readonly http: GraphHttp,
    private readonly mediaHosts: readonly string[],
  ) {}

  async upload(
    phoneNumberId: string,
    bytes: Uint8Array,
    mimeType: string,
    filename: string,
  ): Promise<string> {
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    form.set('type', mimeType);
    form.set('file', new Blob([bytes], { type: mimeType }), filename);
    // No Content-Type header: fetch sets multipart/form-data with its boundary.
    const response = await this.http.request(this.http.url(`${segment(phoneNumberId)}/media`), {
      method: 'POST',
      body: form,
    });
    return (await this.http.parseBody(response, UploadResponseSchema, 'media upload')).id;
  }

  async url(mediaId: string, opts: { phoneNumberId?: string }): Promise<MediaUrl> {
    const url = this.http.url(segment(mediaId));
    // Meta checks that the media belongs to this number when given.
    if (opts.phoneNumberId !== undefined) url.searchParams.set('phone_number_id', opts.phoneNumberId);
    const response = await this.http.request(url, { method: 'GET' });
    const data = await this.http.parseBody(response, MediaUrlResponseSchema, 'media URL');
    return {
      mediaId: data.id,
      url: data.url,
      mimeType: data.mime_type ?? null,
      sha256: data.sha256 ?? null,
      fileSize: toNumberOrNull(data.file_size),
    };
  }

  async download(url: string, opts: DownloadOptions): Promise<DownloadedMedia> {
    let current = this.checkUrl(url, 'host_not_allowed');
    for (let hop = 0; ; hop += 1) {
      const response = await this.http.request(
        current,
        { method: 'GET', redirect: 'manual' },
        { accept: '*/*' },
      );
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (location === null) throw await this.http.toApiError(response);
        if (hop >= MAX_REDIRECTS) {
          throw new MediaDownloadRefusedError('too_many_redirects', `More than ${MAX_REDIRECTS} redirects`);
        }
        current = this.checkUrl(new URL(location, current).toString(), 'redirect_not_allowed');
        continue;
      }
      return this.read(response, opts);
    }
  }

  async downloadById(
    mediaId: string,
    opts: DownloadOptions & { phoneNumberId?: string },
  ): Promise<DownloadedMedia & { media: MediaUrl }> {
    const { phoneNumberId, ...download } = opts;
    const media = await this.url(mediaId, phoneNumberId === undefined ? {} : { phoneNumberId });
    if (media.fileSize !== null && media.fileSize > download.maxBytes) {
      throw new MediaDownloadRefusedError(
        'too_large',
        `Media is ${media.fileSize} bytes, over ${download.maxBytes}`,
      );
    }
    return { ...(await this.download(media.url, download)), media };
  }

  private checkUrl(url: string, refusal: 'host_not_allowed' | 'redirect_not_allowed'): URL {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new MediaDownloadRefusedError(refusal, 'Media URL is not a valid URL');
    }
    if (!hostAllowed(parsed, this.mediaHosts, this.http.origin)) {
      // Never send the token anywhere but Meta (or the Graph base URL it already goes to).
      throw new MediaDownloadRefusedError(
        refusal,
        `Media host ${parsed.protocol}//${parsed.host} is not allowed`,
      );
    }
    return parsed;
  }

  private async read(response: Response, opts: DownloadOptions): Promise<DownloadedMedia> {
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
          throw this.http.toTransportError(error, response.url);
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
