import type { Message } from '@bridgeline/shared';
import { redactForDisplay } from '../../domain/dlp/index.js';
import type { Store } from '../../ports/index.js';
import { displayTokenOf, dlpPolicyOf } from './policy-cache.js';

/** What display redaction reads of a message, presented (`Message`) or stored (`MessageRecord`). */
type Shown = { direction: string; text?: string | null | undefined };

/**
 * A contact's text as members see it: the inbound rules' matches redacted, for display only (the stored message and
 * its archive record keep what the contact wrote, docs/dlp.md). The function answers the text to show, or null when
 * it shows as written (not inbound, no text, nothing matched).
 * `known`: the tenant's policy token as the page's own query read it (no extra read); unset: the token kept for
 * display (policy-cache.ts `displayTokenOf`, at most a few seconds old).
 */
export async function inboundTextDisplay(
  store: Pick<Store, 'dlpRules'>,
  tenantId: string,
  known?: string | null,
): Promise<(m: Shown) => string | null> {
  const version = known !== undefined ? known : await displayTokenOf(store, tenantId);
  const { inbound } = await dlpPolicyOf(store, tenantId, version);
  if (inbound.rules.length === 0) return () => null;
  return (m) => (m.direction !== 'in' || !m.text ? null : redactForDisplay(m.text, inbound));
}

/** Presented messages as members see them: inbound text redacted for display, marked `redacted: true`. */
export async function inboundDisplay(
  store: Pick<Store, 'dlpRules'>,
  tenantId: string,
  known?: string | null,
): Promise<(m: Message) => Message> {
  const shownText = await inboundTextDisplay(store, tenantId, known);
  return (m) => {
    const text = shownText(m);
    return text === null ? m : { ...m, text, redacted: true };
  };
}
