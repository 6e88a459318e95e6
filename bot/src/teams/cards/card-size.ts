import type { AdaptiveCard } from './adaptive-card.types.js';

/**
 * Teams refuses bot messages over about 100 KB (413 `MessageSizeTooBig`), counted as UTF-16, and advises staying
 * under 80 KB. The card is not the whole activity, so we keep the card itself under 80 KB.
 */
export const MAX_CARD_BYTES = 80 * 1024;

/** The larger of the card's UTF-16 and UTF-8 sizes, so the check holds however Teams counts. */
export function cardSizeBytes(card: AdaptiveCard): number {
  const json = JSON.stringify(card);
  return Math.max(json.length * 2, new TextEncoder().encode(json).length);
}

export function isWithinCardSizeLimit(card: AdaptiveCard): boolean {
  return cardSizeBytes(card) <= MAX_CARD_BYTES;
}
