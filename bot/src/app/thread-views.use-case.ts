import type { Message, Thread, ThreadListQuery } from '@bridgeline/shared';
import { PAGE_SIZE_DEFAULT } from '@bridgeline/shared';
import type { PageEntry, Store, ThreadSummary } from '../ports/index.js';
import type { AppContext, Caller } from './context.js';
import { fail, notFound, ok, type Outcome } from './outcome.js';
import { presentMessage, presentThread } from './presenters.js';
import { inboundDisplay } from './dlp/display.js';
import { accessThread, visibility, type AccessStore } from './thread-access.js';

/** What showing a thread to the caller reads: their relation to it, its summary, and the DLP rules for display. */
export type ThreadViewStore = AccessStore & Pick<Store, 'dlpRules'>;
/** What marking a thread read touches: the caller's read position, the tabs, and the contact's read receipt. */
export type MarkReadStore = AccessStore & Pick<Store, 'messages' | 'delivery' | 'jobs' | 'live'>;

/** Inbox pages, one thread, and a thread's messages, as the caller may see them. */

export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(parts.join('|')).toString('base64url');
}

function decodeThreadCursor(
  cursor: string | undefined,
): { lastActivityAt: Date; threadId: string } | null | 'bad' {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const date = new Date(at ?? '');
  if (!id || Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) return 'bad';
  return { lastActivityAt: date, threadId: id };
}

export async function listThreads(
  ctx: AppContext<Pick<Store, 'threads' | 'dlpRules'>>,
  caller: Caller,
  query: ThreadListQuery,
): Promise<Outcome<{ items: Thread[]; nextCursor: string | null }>> {
  if (!caller.enabled) return fail('not_enabled');
  const after = decodeThreadCursor(query.cursor);
  if (after === 'bad') return fail('validation_failed', 'cursor is not one this API gave out');
  const limit = query.limit ?? PAGE_SIZE_DEFAULT;
  const filter = {
    channel: query.channel,
    state: query.state,
    query: query.query,
    limit,
    after: after ?? undefined,
  };
  return ctx.uow.read(async (store) => {
    const page =
      query.state === 'unassigned'
        ? await store.threads.unassigned(caller.tenantId, caller.region, filter, caller.isAdmin)
        : await store.threads.inbox(caller.tenantId, caller.id, filter);
    const now = ctx.clock.now();
    const last = page[page.length - 1];
    // The page's statement carries the tenant's DLP policy token: no read of its own (and none for an empty page).
    const shown = page[0]
      ? await inboundDisplay(store, caller.tenantId, page[0].dlpPolicyVersion)
      : (m: Message) => m;
    return ok({
      items: page.map((s) => presentShown(s, now, caller, shown)),
      nextCursor:
        page.length === limit && last ? encodeCursor([last.sortAt.toISOString(), last.thread.id]) : null,
    });
  });
}

export async function threadView(
  store: ThreadViewStore,
  caller: Caller,
  threadId: string,
  now: Date,
): Promise<Outcome<Thread>> {
  const access = await accessThread(store, caller, threadId);
  if (!access.ok) return access;
  const { from } = visibility(access.value);
  const current = access.value.active.find((p) => p.memberId === caller.id);
  const entry: PageEntry = {
    threadId,
    unreadCount: current?.unreadCount ?? 0,
    historyFrom: from,
    sortAt: access.value.thread.lastActivityAt,
  };
  const [summary] = await store.threads.summaries(caller.tenantId, [entry]);
  if (!summary) return notFound();
  return ok(
    presentShown(
      summary,
      now,
      caller,
      await inboundDisplay(store, caller.tenantId, summary.dlpPolicyVersion),
    ),
  );
}

/** A thread as the caller sees it, its last message shown as the message list shows it (inbound text redacted). */
function presentShown(s: ThreadSummary, now: Date, caller: Caller, shown: (m: Message) => Message): Thread {
  const thread = presentThread(s, now, caller);
  return thread.lastMessage ? { ...thread, lastMessage: shown(thread.lastMessage) } : thread;
}

export async function getThread(
  ctx: AppContext<ThreadViewStore>,
  caller: Caller,
  threadId: string,
): Promise<Outcome<Thread>> {
  return ctx.uow.run((store) => threadView(store, caller, threadId, ctx.clock.now()));
}

export async function listMessages(
  ctx: AppContext<AccessStore & Pick<Store, 'messages' | 'dlpRules'>>,
  caller: Caller,
  threadId: string,
  query: { before?: string | undefined; limit?: number | undefined },
): Promise<Outcome<{ items: Message[]; nextCursor: string | null }>> {
  const before =
    query.before === undefined ? null : Number(Buffer.from(query.before, 'base64url').toString());
  if (before !== null && !Number.isSafeInteger(before))
    return fail('validation_failed', 'before is not a cursor this API gave out');
  const limit = query.limit ?? PAGE_SIZE_DEFAULT;
  return ctx.uow.run(async (store) => {
    const access = await accessThread(store, caller, threadId);
    if (!access.ok) return access;
    const rows = await store.messages.list(threadId, visibility(access.value), before, limit);
    const oldest = rows[rows.length - 1];
    const shown = await inboundDisplay(store, caller.tenantId);
    return ok({
      items: rows.map((m) => shown(presentMessage(m))),
      nextCursor: rows.length === limit && oldest ? encodeCursor([oldest.seq]) : null,
    });
  });
}

export async function markRead(
  ctx: AppContext<MarkReadStore>,
  caller: Caller,
  threadId: string,
  upTo: string,
): Promise<Outcome<null>> {
  return ctx.uow.run(async (store) => {
    const access = await accessThread(store, caller, threadId);
    if (!access.ok) return access;
    const message = await store.messages.byId(caller.tenantId, upTo);
    if (!message || message.threadId !== threadId) return notFound();
    await store.participants.markRead(threadId, caller.id, message.seq);
    store.live.publish({ type: 'thread.updated', threadId, tenantId: caller.tenantId });
    // A current member read the contact's messages: blue ticks on the contact's phone, sent by a job (never waited
    // for here), at most once per message.
    if (access.value.isMember && access.value.thread.channel === 'whatsapp') {
      const receipt = await store.delivery.claimReadReceipt(threadId, message.seq, ctx.clock.now());
      if (receipt)
        await store.jobs.send({
          name: 'mark-read',
          data: { tenantId: caller.tenantId, messageId: receipt },
          singletonKey: receipt,
        });
    }
    return ok(null);
  });
}
