import type { Thread } from '@bridgeline/shared';
import { contactName, contactPhone } from '../ui/contact-name.js';
import { formatStarted } from '../ui/time.js';

/**
 * What tells inbox rows apart when their names collide (issue 16, point 5): the number where two contacts share a
 * name, the day and time a conversation started where one contact has several ("New chat", Restart). Rows whose
 * name is unique get nothing.
 */
export function rowDistinctions(threads: Thread[], now: Date = new Date()): Map<string, string> {
  const byName = new Map<string, Thread[]>();
  for (const t of threads) {
    const name = contactName(t.contact).toLocaleLowerCase();
    byName.set(name, [...(byName.get(name) ?? []), t]);
  }
  const out = new Map<string, string>();
  for (const same of byName.values()) {
    if (same.length < 2) continue;
    for (const t of same) {
      const parts: string[] = [];
      const phone = contactPhone(t.contact);
      const otherContact = same.some((o) => o.contact.id !== t.contact.id);
      const sameContact = same.some((o) => o.id !== t.id && o.contact.id === t.contact.id);
      if (otherContact && phone && phone !== contactName(t.contact)) parts.push(phone);
      if (sameContact || (otherContact && parts.length === 0))
        parts.push(`started ${formatStarted(t.createdAt, now)}`);
      out.set(t.id, parts.join(' · '));
    }
  }
  return out;
}
