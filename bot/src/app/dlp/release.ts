import { ERROR_CODES } from '@bridgeline/shared';
import type { PairKey, Store } from '../../ports/index.js';
import { templateText } from '../template-text.js';
import { checkOutbound, recordOutbound, type DlpParts, type DlpStore } from './outbound.js';
import { dlpPolicyOf } from './policy-cache.js';

/**
 * Held messages about to be released, checked again when the tenant's rules changed since they were held
 * (docs/dlp.md): one a rule now blocks fails with `dlp_blocked` (and is not sent); one a rule now redacts is stored
 * and sent redacted, its original archived; one a rule now flags is marked and queued for review. Answers the ids of
 * the messages it failed, so the caller tells the tabs.
 */
export type ReleaseDlpStore = DlpStore & Pick<Store, 'messages' | 'templates'>;

export async function recheckHeld(
  store: ReleaseDlpStore,
  key: PairKey,
  threadId: string,
  at: Date,
): Promise<string[]> {
  const { version } = await dlpPolicyOf(store, key.tenantId);
  const stale = await store.dlpMessages.heldToRecheck(key, version);
  const failed: string[] = [];
  for (const held of stale) {
    const parts: DlpParts = held.template
      ? { parameters: held.template.parameters }
      : held.text
        ? { text: held.text }
        : null;
    const subject = {
      tenantId: key.tenantId,
      threadId,
      actorMemberId: null,
      messageId: held.id,
      kind: held.type,
      at,
    };
    const checked = await checkOutbound(store, subject, parts);
    if (!checked.ok) {
      await store.messages.transition(held.id, ['held'], 'failed', {
        error: { code: 'dlp_blocked', title: ERROR_CODES.dlp_blocked.title, details: checked.detail ?? '' },
      });
      await store.dlpMessages.mark(held.id, { version });
      failed.push(held.id);
      continue;
    }
    const words = checked.original ? checked.parts : null;
    await store.dlpMessages.mark(held.id, {
      version,
      flags: checked.flags,
      ...(words && 'text' in words ? { text: words.text } : {}),
      ...(words && 'parameters' in words && held.template
        ? {
            templateParameters: words.parameters,
            text: await templateText(store, key.tenantId, { ...held.template, parameters: words.parameters }),
          }
        : {}),
    });
    await recordOutbound(store, { ...subject, messageId: held.id }, checked);
  }
  return failed;
}
