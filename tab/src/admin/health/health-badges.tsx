import { Badge } from '@fluentui/react-components';

type Color = 'success' | 'warning' | 'danger' | 'informative' | 'subtle';

const QUALITY: Record<string, Color> = { GREEN: 'success', YELLOW: 'warning', RED: 'danger' };
const STATUS: Record<string, Color> = {
  APPROVED: 'success',
  FLAGGED: 'warning',
  PENDING: 'informative',
  PAUSED: 'danger',
  DISABLED: 'danger',
  REJECTED: 'danger',
};
const QUALITY_WORDS: Record<string, string> = { GREEN: 'High', YELLOW: 'Medium', RED: 'Low' };

/** Meta's quality rating as a coloured badge with its words (High, Medium, Low). */
export function QualityBadge({ quality }: { quality: string | null }) {
  if (!quality)
    return (
      <Badge appearance="outline" color="subtle">
        Not rated
      </Badge>
    );
  const q = quality.toUpperCase();
  return (
    <Badge appearance="tint" color={QUALITY[q] ?? 'subtle'}>
      {QUALITY_WORDS[q] ? `${QUALITY_WORDS[q]} (${q})` : q}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge appearance="tint" color={STATUS[status.toUpperCase()] ?? 'subtle'}>
      {status}
    </Badge>
  );
}

/** TIER_1K → "1,000 new contacts / 24 h". */
export function limitWords(limit: string | null): string {
  if (!limit) return 'Not reported yet';
  const m = /^TIER_(\d+)(K?)$/i.exec(limit);
  if (m) {
    const n = Number(m[1]) * (m[2] ? 1000 : 1);
    return `${n.toLocaleString('en-US')} contacts / 24 h`;
  }
  if (/UNLIMITED/i.test(limit)) return 'Unlimited';
  if (/NOT_SET/i.test(limit)) return 'Not set (nothing sent yet)';
  return limit;
}
