import type { Channel } from '@bridgeline/shared';
import type { ContactRef } from './card-inputs.types.js';

/**
 * Text limits of the cards. They keep the worst case (every field at its longest, every character one that JSON
 * escapes) well under the 80 KB card cap; the full text is always one click away in the tab.
 */
export const CARD_TEXT_LIMITS = {
  name: 64,
  messagePreview: 2000,
  coalescedPreview: 300,
  reason: 500,
} as const;

// Controls other than tab and newline render as nothing and cost six bytes each once JSON-escaped.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Cleans text from outside (names, messages) and cuts it to `maxChars` characters, not UTF-16 units. */
export function clip(text: string, maxChars: number): string {
  const clean = text.replace(CONTROL_CHARACTERS, '').replace(LONE_SURROGATES, '\uFFFD').trim();
  const chars = Array.from(clean);
  if (chars.length <= maxChars) return clean;
  return `${chars
    .slice(0, maxChars - 1)
    .join('')
    .trimEnd()}…`;
}

/** The contact's name, else their number: WhatsApp contacts may have either or both. */
export function contactLabel(contact: Pick<ContactRef, 'displayName' | 'phone'>): string {
  const name = contact.displayName === null ? '' : clip(contact.displayName, CARD_TEXT_LIMITS.name);
  if (name !== '') return name;
  const phone = contact.phone === null ? '' : clip(contact.phone, CARD_TEXT_LIMITS.name);
  return phone !== '' ? phone : 'Unknown contact';
}

export function personLabel(displayName: string): string {
  const name = clip(displayName, CARD_TEXT_LIMITS.name);
  return name !== '' ? name : 'A member';
}

export function channelLabel(channel: Channel): string {
  return channel === 'whatsapp' ? 'WhatsApp' : 'SMS';
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * Teams renders `{{DATE()}}`/`{{TIME()}}` in the reader's locale and time zone; it needs RFC 3339 without
 * fractions. Returns null for a date it can't read, so the card shows no time rather than a wrong one.
 */
export function cardDateTime(iso: string): string | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const stamp = new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `{{DATE(${stamp}, SHORT)}} {{TIME(${stamp})}}`;
}
