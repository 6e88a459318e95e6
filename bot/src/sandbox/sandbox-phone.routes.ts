import type { Server } from 'restify';
import { z } from 'zod';
import type { Clock } from '../ports/index.js';
import type { Chat, ChatMessage, CloudApiSimulator } from './cloud-api.simulator.js';
import { MAX_MEDIA_BYTES } from './cloud-api.simulator.js';
import { PHONE_PAGE_HTML } from './phone-page.html.js';
import { SandboxSettingsUpdateSchema } from './sandbox-settings.js';
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
} from './sandbox-http.js';
import type { WebhookPoster } from './sandbox-webhook.poster.js';

const DAY_MS = 24 * 3_600_000;
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

/** How a chat looks to the phone page. */
function presentMessage(chat: Chat, m: ChatMessage) {
  const quoted = m.replyTo === null ? null : (chat.messages.find((q) => q.id === m.replyTo) ?? null);
  return {
    id: m.id,
    from: m.from,
    type: m.type,
    text: m.text,
    imageUrl: m.mediaId === null ? null : `/sandbox/phone/media/${encodeURIComponent(m.mediaId)}`,
    template: m.template,
    replyTo:
      quoted === null
        ? null
        : {
            id: quoted.id,
            from: quoted.from,
            text: quoted.text ?? quoted.template?.body ?? (quoted.type === 'image' ? 'Photo' : ''),
          },
    at: new Date(m.at).toISOString(),
    state: m.state,
    reaction: m.contactReaction,
  };
}

function presentChat(sim: CloudApiSimulator, chat: Chat, clock: Clock) {
  const now = clock.now().getTime();
  const closesAt = chat.lastContactAt === null ? null : chat.lastContactAt + DAY_MS;
  return {
    waId: chat.waId,
    phoneNumberId: chat.phoneNumberId,
    name: sim.profileName(chat.waId),
    now: new Date(now).toISOString(),
    window: {
      open: closesAt !== null && now < closesAt,
      closesAt: closesAt === null ? null : new Date(closesAt).toISOString(),
    },
    messages: chat.messages.map((m) => presentMessage(chat, m)),
  };
}

function summary(sim: CloudApiSimulator, chat: Chat) {
  const last = chat.messages.at(-1) ?? null;
  return {
    waId: chat.waId,
    phoneNumberId: chat.phoneNumberId,
    name: sim.profileName(chat.waId),
    last:
      last === null
        ? null
        : {
            from: last.from,
            text: last.text ?? last.template?.body ?? (last.type === 'image' ? 'Photo' : ''),
            at: new Date(last.at).toISOString(),
          },
    unread: chat.messages.filter((m) => m.from === 'business' && m.state !== 'read' && m.state !== 'failed')
      .length,
  };
}

/**
 * The contact's side: the phone page at `/sandbox`, its JSON endpoints under `/sandbox/phone/…` (also what tests
 * drive), live updates as Server-Sent Events, and the fault settings at `/sandbox/settings`.
 */
export function registerSandboxPhoneRoutes(
  server: Server,
  deps: { sim: CloudApiSimulator; poster: WebhookPoster; clock: Clock; log: RouteLogger },
): void {
  const { sim, poster, clock, log } = deps;
  const phoneNumberIdOf = (q: URLSearchParams) => q.get('phoneNumberId') ?? sim.business.phoneNumberId;
  const waIdOf = (raw: string) => {
    const parsed = WaId.safeParse(raw.replace(/^\+/, ''));
    return parsed.success ? parsed.data : null;
  };
  const badRequest = (res: Parameters<Parameters<typeof route>[1]>[1], error: string) =>
    sendJson(res, 400, { error });

  const page = route(log, async (_req, res) => {
    res.status(200);
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.setHeader(
      'content-security-policy',
      "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'",
    );
    res.sendRaw(PHONE_PAGE_HTML);
  });
  server.get('/sandbox', page);
  server.get('/sandbox/', page);

  server.get(
    '/sandbox/phone/state',
    route(log, async (_req, res) => {
      const chats = sim
        .allChats()
        .map((c) => summary(sim, c))
        .sort((a, b) => (b.last?.at ?? '').localeCompare(a.last?.at ?? ''));
      sendJson(res, 200, {
        business: {
          displayName: sim.business.displayName,
          displayPhoneNumber: sim.business.displayPhoneNumber,
          phoneNumberId: sim.business.phoneNumberId,
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
      sendJson(res, 200, presentChat(sim, sim.chat(waId, phoneNumberIdOf(queryOf(req))), clock));
    }),
  );

  server.post(
    '/sandbox/phone/chats/:waId/profile',
    route(log, async (req, res) => {
      const waId = waIdOf(paramOf(req, 'waId'));
      const body = ProfileBody.safeParse(parseJson(await readBody(req, 4096)));
      if (waId === null || !body.success) return badRequest(res, 'send { "name": "…" } for a valid number');
      sim.chat(waId, phoneNumberIdOf(queryOf(req)));
      sim.setProfileName(waId, body.data.name);
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
      const result = sim.contactAction(
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
      sendJson(res, 200, { read: sim.contactRead(waId, phoneNumberIdOf(queryOf(req))) });
    }),
  );

  server.get(
    '/sandbox/phone/media/:mediaId',
    route(log, async (req, res) => {
      const media = sim.mediaForPhone(paramOf(req, 'mediaId'));
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
      const unsubscribe = sim.onChange((waId) =>
        res.write(`event: chat\ndata: ${JSON.stringify({ waId })}\n\n`),
      );
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
      await new Promise<void>((resolve) => req.on('close', resolve));
      clearInterval(heartbeat);
      unsubscribe();
    }),
  );

  const settingsView = () => ({ settings: sim.settings, recentWebhooks: poster.recent() });
  server.get(
    '/sandbox/settings',
    route(log, async (_req, res) => sendJson(res, 200, settingsView())),
  );
  const update = route(log, async (req, res) => {
    const body = SandboxSettingsUpdateSchema.safeParse(parseJson(await readBody(req, 64 * 1024)));
    if (!body.success) {
      return badRequest(res, body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    }
    const changes = Object.fromEntries(Object.entries(body.data).filter(([, v]) => v !== undefined));
    sim.settings = { ...sim.settings, ...changes };
    sendJson(res, 200, settingsView());
  });
  server.put('/sandbox/settings', update);
  server.post('/sandbox/settings', update);
}
