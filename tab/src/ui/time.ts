const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The member's locale for dates, times and numbers: Teams' context locale inside Teams (set once it is known), the
 * browser's language otherwise (issue 16, point 8).
 */
let memberLocale: string | undefined;

export function setMemberLocale(locale: string | undefined): void {
  if (!locale) return;
  try {
    memberLocale = Intl.getCanonicalLocales(locale)[0];
  } catch {
    // Not a language tag Intl knows: keep the browser's.
  }
}

export function currentLocale(): string | undefined {
  return memberLocale ?? (typeof navigator === 'undefined' ? undefined : navigator.language);
}

/** "1,204" (or "1.204", "1 204"): a count as the member reads numbers. */
export function formatCount(n: number): string {
  return n.toLocaleString(currentLocale());
}

/** "5 h 12 min", "40 min", "less than a minute". */
export function formatDuration(ms: number): string {
  if (ms < MINUTE) return 'less than a minute';
  const hours = Math.floor(ms / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (hours === 0) return `${minutes} min`;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}

export function timeLeft(closesAt: string | null, now: number): number {
  return closesAt ? Math.max(0, Date.parse(closesAt) - now) : 0;
}

/** Time of day in the member's locale: "14:05", "2:05 PM". */
export function formatTimeOfDay(iso: string): string {
  return new Date(iso).toLocaleTimeString(currentLocale(), { hour: 'numeric', minute: '2-digit' });
}

/** Time of day for today, the date otherwise: what a chat list shows. */
export function formatShortTime(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  const sameDay = date.toDateString() === now.toDateString();
  return sameDay
    ? formatTimeOfDay(iso)
    : date.toLocaleDateString(currentLocale(), { day: 'numeric', month: 'short' });
}

export function formatFullTime(iso: string): string {
  return new Date(iso).toLocaleString(currentLocale(), { dateStyle: 'medium', timeStyle: 'short' });
}

/** "7 Dec, 14:05": when a conversation started, to tell two with one contact apart. */
export function formatStarted(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  return date.toLocaleString(currentLocale(), {
    day: 'numeric',
    month: 'short',
    ...(date.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
    hour: 'numeric',
    minute: '2-digit',
  });
}

/** The local calendar day of an instant, to tell where a day ends in a conversation. */
export function dayKey(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

/** A date separator's words: "Today", "Yesterday", "Monday 7 December" (with the year when it is not this year). */
export function formatDay(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (dayKey(iso) === dayKey(now.toISOString())) return 'Today';
  if (dayKey(iso) === dayKey(yesterday.toISOString())) return 'Yesterday';
  return date.toLocaleDateString(currentLocale(), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(date.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  });
}
