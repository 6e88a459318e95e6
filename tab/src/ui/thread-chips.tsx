import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import type { Thread } from '@bridgeline/shared';
import { formatDuration, timeLeft } from './time.js';

const useStyles = makeStyles({
  chips: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

const CONSENT_CHIPS = {
  none: { text: 'No opt-in', color: 'warning' },
  requested: { text: 'Opt-in requested', color: 'informative' },
  opted_out: { text: 'Opted out', color: 'danger' },
} as const;

/** Consent, window and held state in a few words: shown in the inbox and the thread header. */
export function ThreadChips({ thread, now }: { thread: Thread; now: number }) {
  const styles = useStyles();
  const chips: {
    key: string;
    text: string;
    color: 'warning' | 'informative' | 'danger' | 'success' | 'subtle';
  }[] = [];
  if (thread.unassigned) chips.push({ key: 'unassigned', text: 'Unassigned', color: 'informative' });
  if (thread.state === 'closed') chips.push({ key: 'closed', text: 'Closed', color: 'subtle' });
  if (thread.reachability === 'unreachable')
    chips.push({ key: 'reach', text: 'Unreachable', color: 'danger' });
  // Unreachable says it all: no opt-in or window chip contradicting it.
  if (thread.channel === 'whatsapp' && thread.reachability !== 'unreachable') {
    if (thread.consent !== 'opted_in') chips.push({ key: 'consent', ...CONSENT_CHIPS[thread.consent] });
    else if (thread.window.open) {
      const left = timeLeft(thread.window.closesAt, now);
      chips.push({ key: 'window', text: `Window: ${formatDuration(left)} left`, color: 'success' });
    } else chips.push({ key: 'window', text: 'Window closed', color: 'subtle' });
  }
  if (thread.heldCount > 0) chips.push({ key: 'held', text: `${thread.heldCount} held`, color: 'warning' });
  if (chips.length === 0) return null;
  return (
    <span className={styles.chips}>
      {chips.map((c) => (
        <Badge key={c.key} size="small" appearance="tint" color={c.color === 'subtle' ? 'subtle' : c.color}>
          {c.text}
        </Badge>
      ))}
    </span>
  );
}
