import type { Server } from 'restify';
import { z } from 'zod';
import {
  BodyTooLarge,
  paramOf,
  parseJson,
  queryOf,
  readBody,
  route,
  sendBytes,
  sendJson,
  type RouteLogger,
} from '../sandbox-http.js';
import { MAX_MEDIA_BYTES } from '../sandbox-state.js';
import type { PhoneFace } from './phone-face.js';
import { PhonePage, type PageAsset } from './phone-page.js';
import { chatSummary, presentChat } from './phone-view.js';

const WaId = z.string().regex(/^\d{6,20}$/, 'a WhatsApp number: digits with the country code');

const ContactActionBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string().min(1).max(4096), replyTo: z.string().nullish() }),
  z.object({
    type: z.literal('image'),
    /** The image bytes, base64. */
    data: z.string().min(1),
    mimeType: z.string(),
    caption: z.string().max(1024).nullish(),
    replyTo: z.string().nullish(),
  }),
  z.object({
    type: z.literal('button'),
    messageId: z.string().min(1),
    index: z.number().int().min(0).max(9),
  }),
  z.object({ type: z.literal('reaction'), messageId: z.string().min(1), emoji: z.string().max(16) }),
]);

const ProfileBody = z.object({ name: z.string().trim().min(1).max(80) });

/** The page's own files only: its script and styles, its data from the JSON endpoints (same origin). */
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'";

/**
 * The contact's side over HTTP: the phone page at `/sandbox` (its script and styles under `/sandbox/page/`), its JSON
 * endpoints under `/sandbox/phone/…` (also what tests drive), and live updates as Server-Sent Events.
 */
export function registerSandboxPhoneRoutes(
  server: Server,
  deps: { phone: PhoneFace; log: RouteLogger; page?: PhonePage },
): void {
  const { phone, log } = deps;
  const page = deps.page ?? new PhonePage();
  const phoneNumberIdOf = (q: URLSearchParams) => q.get('phoneNumberId') ?? phone.business.phoneNumberId;
  const waIdOf = (raw: string) => {
    const parsed = WaId.safeParse(raw.replace(/^\+/, ''));
    return parsed.success ? parsed.data : null;
  };
  const badRequest = (res: Parameters<Parameters<typeof route>[1]>[1], error: string) =>
    sendJson(res, 400, { error });

  const send = (res: Parameters<Parameters<typeof route>[1]>[1], asset: PageAsset) => {
    res.status(200);
    res.setHeader('content-type', asset.contentType);
    res.setHeader('cache-control', 'no-store');
    res.sendRaw(asset.body);
  };
  const html = route(log, async (_req, res) => {
    res.setHeader('content-security-policy', PAGE_CSP);
    send(res, await page.html());
  });
  server.get('/sandbox', html);
  server.get('/sandbox/', html);
  server.get(
    '/sandbox/page/:file',
    route(log, async (req, res) => {
      const asset = await page.file(paramOf(req, 'file'));
      if (!asset) return sendJson(res, 404, { error: 'no such file' });
      send(res, asset);
    }),
  );

  server.get(
    '/sandbox/phone/state',
    route(log, async (_req, res) => {
      const chats = phone
        .allChats()
        .map((c) => chatSummary(phone, c))
        .sort((a, b) => (b.last?.at ?? '').localeCompare(a.last?.at ?? ''));
      sendJson(res, 200, {
        business: {
          displayName: phone.business.displayName,
          displayPhoneNumber: phone.business.displayPhoneNumber,
          phoneNumberId: phone.business.phoneNumberId,
        },
        chats,
      });
    }),
  );

  server.get(
    '/sandbox/phone/chats/:waId',
    route(log, async (req, res) => {
      const waId = waIdOf(paramOf(req, 'waId'));
      if (waId === null) return badRequest(res, 'not a WhatsApp number');
      sendJson(res, 200, presentChat(phone, phone.chat(waId, phoneNumberIdOf(queryOf(req))), phone.now()));
    }),
  );

  server.post(
    '/sandbox/phone/chats/:waId/profile',
    route(log, async (req, res) => {
      const waId = waIdOf(paramOf(req, 'waId'));
      const body = ProfileBody.safeParse(parseJson(await readBody(req, 4096)));
      if (waId === null || !body.success) return badRequest(res, 'send { "name": "…" } for a valid number');
      phone.chat(waId, phoneNumberIdOf(queryOf(req)));
      phone.setProfileName(waId, body.data.name);
      sendJson(res, 200, { waId, name: body.data.name });
    }),
  );

  server.post(
    '/sandbox/phone/chats/:waId/messages',
    route(log, async (req, res) => {
      const waId = waIdOf(paramOf(req, 'waId'));
      if (waId === null) return badRequest(res, 'not a WhatsApp number');
      let raw: Buffer;
      try {
        raw = await readBody(req, Math.ceil(MAX_MEDIA_BYTES * 1.4) + 4096);
      } catch (error) {
        if (error instanceof BodyTooLarge) return sendJson(res, 413, { error: 'images up to 5 MB' });
        throw error;
      }
      const body = ContactActionBody.safeParse(parseJson(raw));
      if (!body.success) return badRequest(res, body.error.issues.map((i) => i.message).join('; '));
      const a = body.data;
      const result = phone.contactAction(
        waId,
        a.type === 'image'
          ? {
              type: 'image',
              bytes: Buffer.from(a.data, 'base64'),
              mimeType: a.mimeType,
              caption: a.caption ?? null,
              replyTo: a.replyTo ?? null,
            }
          : a.type === 'text'
            ? { type: 'text', text: a.text, replyTo: a.replyTo ?? null }
            : a,
        phoneNumberIdOf(queryOf(req)),
      );
      if (!result.ok) return sendJson(res, 422, { error: result.reason });
      sendJson(res, 201, { id: result.message?.id ?? null });
    }),
  );

  server.post(
    '/sandbox/phone/chats/:waId/read',
    route(log, async (req, res) => {
      const waId = waIdOf(paramOf(req, 'waId'));
      if (waId === null) return badRequest(res, 'not a WhatsApp number');
      await readBody(req, 4096);
      sendJson(res, 200, { read: phone.contactRead(waId, phoneNumberIdOf(queryOf(req))) });
    }),
  );

  server.get(
    '/sandbox/phone/media/:mediaId',
    route(log, async (req, res) => {
      const media = phone.media(paramOf(req, 'mediaId'));
      if (!media) return sendJson(res, 404, { error: 'no such media' });
      sendBytes(res, media.bytes, media.mimeType, 'private, max-age=3600');
    }),
  );

  server.get(
    '/sandbox/phone/events',
    route(log, async (req, res) => {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 2000\n: connected\n\n');
      const unsubscribe = phone.onChange((waId) =>
        res.write(`event: chat\ndata: ${JSON.stringify({ waId })}\n\n`),
      );
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
      await new Promise<void>((resolve) => req.on('close', resolve));
      clearInterval(heartbeat);
      unsubscribe();
    }),
  );
}
