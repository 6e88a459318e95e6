import type { DlpReview, ResolveReviewBody } from '@bridgeline/shared';
import type { DlpReviewRecord, Store } from '../../ports/index.js';
import type { AppContext, Caller } from '../context.js';
import { fail, notFound, ok, type Outcome } from '../outcome.js';

/**
 * The review queue of flagged messages (docs/dlp.md): admins see each flagged message with its context and clear or
 * escalate it with a note. Every decision is archived (`dlp.review_resolved`). A review is resolved once; a second
 * decision on it answers 409 `request_decided`.
 */
export type ReviewsStore = Pick<Store, 'dlpReviews' | 'archive'>;

export const presentReview = (r: DlpReviewRecord): DlpReview => ({
  id: r.id,
  messageId: r.messageId,
  threadId: r.threadId,
  ruleName: r.ruleName,
  state: r.state,
  createdAt: r.createdAt.toISOString(),
  text: r.text,
  senderName: r.senderName,
  contactLabel: r.contactLabel,
  outcome: r.outcome,
  note: r.note,
  resolvedAt: r.resolvedAt?.toISOString() ?? null,
  resolvedBy: r.resolvedBy,
});

export async function listReviews(
  ctx: Pick<AppContext<ReviewsStore>, 'uow'>,
  caller: Caller,
  state: 'open' | 'resolved' | undefined,
): Promise<Outcome<{ items: DlpReview[] }>> {
  if (!caller.isAdmin) return fail('admin_only');
  const reviews = await ctx.uow.read((store) => store.dlpReviews.list(caller.tenantId, state ?? null));
  return ok({ items: reviews.map(presentReview) });
}

export async function resolveReview(
  ctx: Pick<AppContext<ReviewsStore>, 'uow' | 'clock'>,
  caller: Caller,
  id: string,
  body: ResolveReviewBody,
): Promise<Outcome<DlpReview>> {
  if (!caller.isAdmin) return fail('admin_only');
  const at = ctx.clock.now();
  return ctx.uow.run(async (store) => {
    const review = await store.dlpReviews.byId(caller.tenantId, id);
    if (!review) return notFound();
    if (review.state === 'resolved') return fail('request_decided', 'This review was resolved already.');
    const resolved = await store.dlpReviews.resolve(caller.tenantId, id, {
      outcome: body.outcome,
      note: body.note,
      by: caller.id,
      at,
    });
    if (!resolved) return fail('request_decided', 'This review was resolved already.');
    store.archive.append({
      tenantId: caller.tenantId,
      type: 'dlp.review_resolved',
      event: 'dlp.review_resolved',
      at,
      threadId: review.threadId,
      messageId: review.messageId,
      actorMemberId: caller.id,
      details: { reviewId: id, ruleName: review.ruleName, outcome: body.outcome, note: body.note },
    });
    return ok(presentReview(resolved));
  });
}
