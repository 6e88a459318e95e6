import type { BuiltCard } from './adaptive-card.types.js';
import { adaptiveCard, plain, run } from './card-elements.js';
import { CARD_TEXT_LIMITS, clip } from './card-text.js';

export type ActedOnTone = 'good' | 'attention' | 'default';

/**
 * What replaces a card in place once its action ran (the `adaptiveCard/action` response): the original summary
 * and the outcome, with no buttons, no inputs and no refresh, so nothing on it can act twice.
 */
export function actedOnCard(summary: string, outcome: string, tone: ActedOnTone = 'default'): BuiltCard {
  const card = adaptiveCard([
    plain(run(clip(summary, CARD_TEXT_LIMITS.reason), { isSubtle: true })),
    plain(run(clip(outcome, CARD_TEXT_LIMITS.messagePreview), { weight: 'bolder', color: tone })),
  ]);
  return { card, summary };
}
