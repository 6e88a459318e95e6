import type { Server } from 'restify';
import { parseJson, readBody, route, sendJson, type RouteLogger } from './sandbox-http.js';
import { SandboxSettingsUpdateSchema } from './sandbox-settings.js';
import type { SandboxState } from './sandbox-state.js';
import type { WebhookPoster } from './sandbox-webhook.poster.js';

/**
 * The sandbox's fault settings at `/sandbox/settings` (the phone page's right-hand panel, tests, benchmarks): `GET`
 * shows them with the recent webhook deliveries; `PUT` (or `POST`) changes any subset at once.
 */
export function registerSandboxSettingsRoutes(
  server: Server,
  deps: { state: SandboxState; poster: WebhookPoster; log: RouteLogger },
): void {
  const { state, poster, log } = deps;
  const settingsView = () => ({ settings: state.settings, recentWebhooks: poster.recent() });
  server.get(
    '/sandbox/settings',
    route(log, async (_req, res) => sendJson(res, 200, settingsView())),
  );
  const update = route(log, async (req, res) => {
    const body = SandboxSettingsUpdateSchema.safeParse(parseJson(await readBody(req, 64 * 1024)));
    if (!body.success) {
      const error = body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      return sendJson(res, 400, { error });
    }
    const changes = Object.fromEntries(Object.entries(body.data).filter(([, v]) => v !== undefined));
    state.settings = { ...state.settings, ...changes };
    sendJson(res, 200, settingsView());
  });
  server.put('/sandbox/settings', update);
  server.post('/sandbox/settings', update);
}
