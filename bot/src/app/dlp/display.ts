import type { Message } from '@bridgeline/shared';
import { redactForDisplay } from '../../domain/dlp/index.js';
import type { Store } from '../../ports/index.js';
import { dlpPolicyOf } from './policy-cache.js';

/**
 * Messages as members see them: a contact's text with the inbound rules' matches redacted (`redacted: true`), for
 * display only; the stored message and its archive record keep what the contact wrote (docs/dlp.md).
 */
export async function inboundDisplay(
  store: Pick<Store, 'dlpRules'>,
  tenantId: string,
): Promise<(m: Message) => Message> {
  const { inbound } = await dlpPolicyOf(store, tenantId);
  if (inbound.rules.length === 0) return (m) => m;
  return (m) => {
    if (m.direction !== 'in' || !m.text) return m;
    const text = redactForDisplay(m.text, inbound);
    return text === null ? m : { ...m, text, redacted: true };
  };
}
