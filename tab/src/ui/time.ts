const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

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

/** Time of day for today, the date otherwise: what a chat list shows. */
export function formatShortTime(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  const sameDay = date.toDateString() === now.toDateString();
  return sameDay
    ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}

export function formatFullTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
