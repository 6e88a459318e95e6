import type { Server } from 'restify';
import type { Logger } from 'pino';
import type { LiveEvent, LiveResync } from '@bridgeline/shared';
import type { AppContext } from '../../app/context.js';
import type { LiveEventSource, MemberRecord } from '../../ports.js';
import type { Authenticator } from '../auth.js';
import { authed } from '../handler.js';

/**
 * GET /api/v1/events: Server-Sent Events of changes the caller may see (ids only; the tab refetches). EventSource
 * cannot send headers, so this one path also takes the token as `access_token`.
 */
export function registerEventRoutes(
  server: Server,
  ctx: AppContext,
  auth: Authenticator,
  live: LiveEventSource,
  log: Logger,
) {
  server.get(
    '/api/v1/events',
    authed(
      log,
      auth,
      async (req, res, caller) => {
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        res.write(`retry: 3000\n: connected\n\n`);
        const visible = visibilityCache(ctx, caller);
        const unsubscribe = live.subscribe((event) => {
          if (event.tenantId !== caller.tenantId) return;
          void visible(event.threadId)
            .then((ok) => {
              if (!ok) return;
              const { tenantId: _tenantId, ...payload } = event;
              res.write(`event: ${event.type}\ndata: ${JSON.stringify(payload satisfies LiveEvent)}\n\n`);
            })
            .catch((err: unknown) => log.warn({ err }, 'live event visibility check failed'));
        });
        // Events published while this process could not listen are gone: the tab refetches what it shows.
        const stopResync = live.onResync(() =>
          res.write(`event: resync\ndata: ${JSON.stringify({ type: 'resync' } satisfies LiveResync)}\n\n`),
        );
        // Comments keep proxies from closing an idle stream.
        const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
        await new Promise<void>((resolve) => req.on('close', resolve));
        clearInterval(heartbeat);
        unsubscribe();
        stopResync();
      },
      { allowQueryToken: true },
    ),
  );
}

/** Whether the caller may see a thread's events, remembered briefly so a burst costs one query. */
function visibilityCache(ctx: AppContext, caller: MemberRecord) {
  const cache = new Map<string, { ok: boolean; at: number }>();
  return async (threadId: string): Promise<boolean> => {
    const hit = cache.get(threadId);
    if (hit && Date.now() - hit.at < 5_000) return hit.ok;
    const ok = await ctx.uow.run(async (store) => {
      const thread = await store.threads.byId(caller.tenantId, threadId);
      if (!thread) return false;
      if (thread.unassigned && thread.region === caller.region) return true;
      return (await store.participants.ofMember(threadId, caller.id)).length > 0;
    });
    cache.set(threadId, { ok, at: Date.now() });
    return ok;
  };
}
