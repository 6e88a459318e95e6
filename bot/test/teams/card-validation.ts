import { AdaptiveCard as AdaptiveCardObject, SerializationContext } from 'adaptivecards';
import type { AdaptiveCard } from '../../src/teams/cards/index.js';

/** Parse and validate events the `adaptivecards` library reports for a card; [] when it's clean. */
export function adaptiveCardsLibraryErrors(card: AdaptiveCard): string[] {
  const context = new SerializationContext();
  const parsed = new AdaptiveCardObject();
  parsed.parse(card, context);
  const errors: string[] = [];
  for (let i = 0; i < context.eventCount; i++) errors.push(`parse: ${context.getEventAt(i).message}`);
  for (const e of parsed.validateProperties().validationEvents) errors.push(`validate: ${e.message}`);
  return errors;
}

// The library writes enum values capitalised ("Bolder"); Adaptive Cards enums are case-insensitive.
const ENUM_KEYS = new Set(['size', 'weight', 'color', 'spacing', 'style', 'associatedInputs']);

function lowerEnums(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerEnums);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      ENUM_KEYS.has(k) && typeof v === 'string' ? v.toLowerCase() : lowerEnums(v),
    ]),
  );
}

/** The card as the library understands it: a property it doesn't know is missing from this. */
export function libraryRoundTrip(card: AdaptiveCard): unknown {
  const parsed = new AdaptiveCardObject();
  parsed.parse(card, new SerializationContext());
  return lowerEnums(parsed.toJSON());
}

/** Every object with a `type` of `Action.*`, at any depth (refresh, ShowCards and ActionSets included). */
export function allActions(node: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if (typeof record.type === 'string' && record.type.startsWith('Action.')) found.push(record);
    Object.values(record).forEach(visit);
  };
  visit(node);
  return found;
}

/** Every object whose `type` is one of `types`, at any depth. */
export function allOfType(node: unknown, ...types: string[]): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if (typeof record.type === 'string' && types.includes(record.type)) found.push(record);
    Object.values(record).forEach(visit);
  };
  visit(node);
  return found;
}

/** The text of every TextBlock and TextRun, at any depth, joined by spaces: what a member reads on the card. */
export function allText(node: unknown): string {
  return allOfType(node, 'TextBlock', 'TextRun')
    .map((t) => t.text)
    .join(' ');
}
