import type { Server } from 'restify';
import { z } from 'zod';
import { parseJson, readBody, route, sendJson, type RouteLogger } from '../sandbox-http.js';
import type { SmsSandbox } from './sms-sandbox.js';

const E164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'expected a phone number in E.164, e.g. +14155550123');
const ContactText = z.strictObject({ from: E164, to: E164.optional(), text: z.string().min(1).max(1600) });
const SettingsUpdate = z.strictObject({
  deliveryReports: z.enum(['delivered', 'failed', 'off']).optional(),
  reportDelayMs: z.number().int().min(0).max(60_000).optional(),
});

/**
 * The contact's side of the SMS sandbox (docs/sandbox.md): `GET /sandbox/sms` lists the texts with their delivery
 * state and the settings; `POST /sandbox/sms/messages { from, to?, text }` is the contact texting (STOP, START, HELP
 * included); `PUT /sandbox/sms/settings` chooses the delivery reports.
 */
export function registerSmsSandboxRoutes(server: Server, deps: { sms: SmsSandbox; log: RouteLogger }): void {
  const { sms, log } = deps;
  server.get(
    '/sandbox/sms',
    route(log, async (_req, res) => sendJson(res, 200, { chats: sms.allChats(), settings: sms.settings })),
  );
  server.post(
    '/sandbox/sms/messages',
    route(log, async (req, res) => {
      const body = ContactText.safeParse(parseJson(await readBody(req, 16 * 1024)));
      if (!body.success) return sendJson(res, 400, { error: words(body.error) });
      const sent = await sms.contactSends(body.data);
      sendJson(res, sent.posted ? 201 : 502, sent);
    }),
  );
  server.put(
    '/sandbox/sms/settings',
    route(log, async (req, res) => {
      const body = SettingsUpdate.safeParse(parseJson(await readBody(req, 16 * 1024)));
      if (!body.success) return sendJson(res, 400, { error: words(body.error) });
      sms.settings = {
        deliveryReports: body.data.deliveryReports ?? sms.settings.deliveryReports,
        reportDelayMs: body.data.reportDelayMs ?? sms.settings.reportDelayMs,
      };
      sendJson(res, 200, { settings: sms.settings });
    }),
  );
}

function words(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
}
