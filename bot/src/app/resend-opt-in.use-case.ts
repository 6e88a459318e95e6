import type { Thread } from '@bridgeline/shared';
import { whatsappAllowed } from '../domain/administration.js';
import { decideResendOptIn } from '../domain/consent.js';
import { pairKeyOf, type AppContext, type Caller } from './context.js';
import { fail, notFound, type Outcome } from './outcome.js';
import type { Store } from '../ports/index.js';
import { requestOptIn, type OptInStore } from './start-thread.use-case.js';
import { accessForWriting } from './thread-access.js';
import { optInTemplateRefusal } from './account-health/opt-in-template.js';
import { threadView } from './thread-views.use-case.js';

/** "Resend opt-in request": only when the contact has not answered, at most once per 24 h (product.md §3.2). */
export async function resendOptIn(
  ctx: AppContext<OptInStore & Pick<Store, 'contacts' | 'tenants' | 'dlpRules'>>,
  caller: Caller,
  threadId: string,
): Promise<Outcome<Thread>> {
  const now = ctx.clock.now();
  return ctx.uow.run(async (store) => {
    const access = await accessForWriting(store, caller, threadId);
    if (!access.ok) return access;
    const { thread } = access.value;
    if (thread.channel !== 'whatsapp')
      return fail('validation_failed', 'SMS conversations have no opt-in request.');
    const tenant = await store.tenants.byId(thread.tenantId);
    const allowed = whatsappAllowed({
      channel: thread.channel,
      tenantWhatsappEnabled: tenant?.whatsappEnabled,
    });
    if (!allowed.ok) return allowed;
    const pair = await store.pairs.lock(pairKeyOf(thread));
    const decision = decideResendOptIn({ ...pair, now });
    if (!decision.ok) return decision;
    const refusal = await optInTemplateRefusal(store, ctx, caller.tenantId, now);
    if (refusal) return refusal;
    const contact = await store.contacts.byId(thread.tenantId, thread.contactId);
    if (!contact) return notFound();
    await requestOptIn(ctx, store, thread, contact, caller, now);
    return threadView(store, caller, thread.id, now);
  });
}
