import { templateProblems } from '../../domain/account-health/index.js';
import type { Refusal } from '../../domain/result.js';
import type { Store } from '../../ports/index.js';
import type { AppContext } from '../context.js';
import { fail } from '../outcome.js';

/**
 * Why the opt-in request cannot go now, in the member's words (`template_unavailable`), or null when it can: the
 * tenant's opt-in template is known to the catalogue and Meta has paused, disabled or rejected it. The admins were
 * sent a card when it happened and see it in the tab's banner.
 */
export async function optInTemplateRefusal(
  store: Pick<Store, 'templates'>,
  ctx: Pick<AppContext, 'templates'>,
  tenantId: string,
  now: Date,
): Promise<Refusal | null> {
  const catalogue = (await store.templates.all(tenantId)).map((t) => ({
    name: t.name,
    language: t.language,
    status: t.status,
    quality: t.quality,
    disableDate: t.disableDate ?? null,
  }));
  const problem = templateProblems([{ role: 'opt_in', ...ctx.templates.optIn }], catalogue, now).find(
    (p) => p.kind === 'unsendable',
  );
  if (!problem) return null;
  return fail(
    'template_unavailable',
    `The opt-in request uses the template "${problem.name}", which Meta has ${problem.status.toLowerCase()}. ` +
      'Until an admin fixes it, new contacts cannot be asked to opt in; contacts who already opted in are not affected.',
  );
}
