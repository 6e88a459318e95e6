import type { LiveEvent, LiveResync } from '@bridgeline/shared';
import type { AppContext } from '../../app/context.js';
import { followsThread } from '../../app/thread-access.js';
import type { BusEvent, MemberRecord } from '../../ports/index.js';
import { route, type Call } from '../route-table.js';

/** The longest delay setTimeout takes (about 24.8 days); a later expiry is re-armed when this one fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * GET /api/v1/events: Server-Sent Events of changes the caller may see (ids only; the tab refetches). EventSource
 * cannot send headers, so this one path also takes the token as `access_token`.
 *
 * A stream lives only as long as the right to it (the tab reconnects with a fresh token, and is refused if the right
 * is gone): it ends when its token expires, and when the member is disabled (the admin's change is an `access.member`
 * event on the live bus, seen by every process at once; cheaper and quicker than polling the member per stream).
 * A thread's events reach a member only while they belong to it (`access.thread` events drop what was remembered).
 */
export const eventRoutes = [
  route({
    method: 'get',
    path: '/api/v1/events',
    operationId: 'streamEvents',
    summary: 'Server-Sent Events of visible changes',
    auth: 'enabled',
    allowQueryToken: true,
    response: { status: 200, content: { 'text/event-stream': { schema: { type: 'string' } } } },
    handle: stream,
  }),
];

async function stream({
  req,
  res,
  deps,
  caller: member,
  signedIn,
}: Call<'enabled', unknown, unknown, unknown>): Promise<void> {
  const { ctx, live, log } = deps;
  let caller = member;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write(`retry: 3000\n: connected\n\n`);

  let ended = false;
  let endStream = () => {};
  const done = new Promise<void>((resolve) => {
    endStream = () => {
      if (ended) return;
      ended = true;
      resolve();
    };
  });
  req.on('close', endStream);
  const write = (text: string) => {
    if (!ended) res.write(text);
  };

  const visible = visibilityCache(ctx, () => caller);
  const onEvent = async (event: BusEvent): Promise<void> => {
    if (ended) return;
    if (event.type === 'access.thread') return visible.forget(event.threadId);
    if (event.type === 'access.member') {
      if (event.memberId !== caller.id) return;
      const now = await ctx.uow.read((store) => store.members.byId(caller.tenantId, caller.id));
      if (!now?.enabled) return endStream();
      caller = now;
      return visible.forgetAll();
    }
    if (!(await visible(event.threadId))) return;
    const { tenantId: _tenantId, ...payload } = event;
    write(`event: ${event.type}\ndata: ${JSON.stringify(payload satisfies LiveEvent)}\n\n`);
  };
  // One event at a time, in order: an access change is applied before the events that follow it.
  let queue = Promise.resolve();
  const unsubscribe = live.subscribe((event) => {
    if (event.tenantId !== caller.tenantId) return;
    queue = queue
      .then(() => onEvent(event))
      .catch((err: unknown) => log.warn({ err }, 'live event visibility check failed'));
  });

  // The token's end is the stream's end.
  let expiry: ReturnType<typeof setTimeout> | undefined;
  const armExpiry = () => {
    const left = signedIn.expiresAt.getTime() - Date.now();
    if (left <= 0) return endStream();
    expiry = setTimeout(armExpiry, Math.min(left, MAX_TIMER_MS));
  };
  armExpiry();
  // Events published while this process could not listen are gone: the tab refetches what it shows.
  const stopResync = live.onResync(() =>
    write(`event: resync\ndata: ${JSON.stringify({ type: 'resync' } satisfies LiveResync)}\n\n`),
  );
  // Comments keep proxies from closing an idle stream.
  const heartbeat = setInterval(() => write(': keep-alive\n\n'), 25_000);

  await done;
  clearTimeout(expiry);
  clearInterval(heartbeat);
  unsubscribe();
  stopResync();
  if (!res.writableEnded) res.end();
}

/**
 * Whether the caller may see a thread's events, remembered briefly so a burst costs one query; `forget` when who may
 * see the thread changed, so a member who just left is never served a remembered "yes".
 */
function visibilityCache(ctx: AppContext, caller: () => MemberRecord) {
  const cache = new Map<string, { ok: boolean; at: number }>();
  const check = async (threadId: string): Promise<boolean> => {
    const hit = cache.get(threadId);
    if (hit && Date.now() - hit.at < 5_000) return hit.ok;
    const ok = await ctx.uow.read((store) => followsThread(store, caller(), threadId));
    cache.set(threadId, { ok, at: Date.now() });
    return ok;
  };
  return Object.assign(check, {
    forget: (threadId: string) => void cache.delete(threadId),
    forgetAll: () => cache.clear(),
  });
}
