import type { NumbersPort } from '../../ports/index.js';
import type { AppContext } from '../context.js';

export type FlowTemplates = AppContext['templates'];

/**
 * The opt-in and resume templates a business number sends: its own when an admin set them, else the server's
 * defaults (`WHATSAPP_OPT_IN_TEMPLATE`, `WHATSAPP_RESUME_TEMPLATE`). A store without numbers (a unit test's fake)
 * answers the defaults.
 */
export async function flowTemplatesOf(
  ctx: Pick<AppContext, 'templates'>,
  store: object,
  tenantId: string,
  businessNumberId: string,
): Promise<FlowTemplates> {
  const numbers = 'numbers' in store ? (store.numbers as Pick<NumbersPort, 'byId'>) : null;
  const number = numbers ? await numbers.byId(tenantId, businessNumberId) : null;
  return {
    optIn: number?.optInTemplate ?? ctx.templates.optIn,
    resume: number?.resumeTemplate ?? ctx.templates.resume,
  };
}
