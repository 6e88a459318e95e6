import { makeStyles, tokens } from '@fluentui/react-components';
import { ClockRegular } from '@fluentui/react-icons/svg/clock';
import type { MessageStatus } from '@bridgeline/shared';

const useStyles = makeStyles({
  status: { display: 'inline-flex', alignItems: 'center', gap: '2px' },
  read: { color: tokens.colorBrandForeground1 },
});

export const STATUS_LABELS: Record<MessageStatus, string> = {
  held: 'Held',
  queued: 'Sending',
  sending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Not sent',
};

function Ticks({ count }: { count: 1 | 2 }) {
  return (
    <svg
      width={count === 2 ? 18 : 12}
      height="12"
      viewBox={count === 2 ? '0 0 18 12' : '0 0 12 12'}
      aria-hidden
    >
      <path d="M1 6.5 4.2 9.5 11 2.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      {count === 2 && (
        <path d="M8.5 8.5 9.8 9.5 16.6 2.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      )}
    </svg>
  );
}

/** One tick sent, two delivered, two in the brand colour read; a clock while on its way. */
export function StatusTicks({ status }: { status: MessageStatus }) {
  const styles = useStyles();
  const label = STATUS_LABELS[status];
  let mark = null;
  if (status === 'queued' || status === 'sending') mark = <ClockRegular fontSize={12} aria-hidden />;
  else if (status === 'sent') mark = <Ticks count={1} />;
  else if (status === 'delivered') mark = <Ticks count={2} />;
  else if (status === 'read') mark = <Ticks count={2} />;
  if (!mark) return null;
  return (
    <span
      className={`${styles.status} ${status === 'read' ? styles.read : ''}`}
      role="img"
      aria-label={label}
    >
      {mark}
    </span>
  );
}
