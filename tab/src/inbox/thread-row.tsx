import { Button, CounterBadge, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Thread } from '@bridgeline/shared';
import { ChannelIcon } from '../ui/channel-icon.js';
import { useServices } from '../app/services.js';
import { contactName, messagePreview } from '../ui/contact-name.js';
import { ThreadChips } from '../ui/thread-chips.js';
import { formatShortTime } from '../ui/time.js';

const useStyles = makeStyles({
  row: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr auto',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    alignItems: 'center',
    width: '100%',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: 'none',
    borderRadius: tokens.borderRadiusMedium,
    background: 'transparent',
    color: tokens.colorNeutralForeground1,
    textAlign: 'start',
    cursor: 'pointer',
    font: 'inherit',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  // The Selected foregrounds go with the selected background: black on high contrast's cyan, not white (issue 16).
  selected: {
    backgroundColor: tokens.colorSubtleBackgroundSelected,
    color: tokens.colorNeutralForeground1Selected,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundSelected },
  },
  previewSelected: { color: tokens.colorNeutralForeground2Selected },
  distinction: { fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground3 },
  name: { fontWeight: tokens.fontWeightSemibold, minWidth: 0 },
  unread: { fontWeight: tokens.fontWeightBold },
  preview: { gridColumn: '2 / 3', color: tokens.colorNeutralForeground2, minWidth: 0 },
  chips: { gridColumn: '2 / 4' },
  side: { justifySelf: 'end', display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  claim: { paddingInlineStart: '44px', paddingBottom: tokens.spacingVerticalS },
  item: { position: 'relative' },
});

export interface ThreadRowProps {
  thread: Thread;
  selected: boolean;
  /** Whether Tab reaches this row: one row of the list is the list's tab stop. */
  tabStop?: boolean;
  now: number;
  /** What tells this row apart from another of the same name: the number, or when the conversation started. */
  distinction?: string | undefined;
  onOpen: () => void;
  onClaim?: () => void;
  claiming?: boolean;
}

export function ThreadRow({
  thread,
  selected,
  tabStop = true,
  now,
  distinction,
  onOpen,
  onClaim,
  claiming,
}: ThreadRowProps) {
  const styles = useStyles();
  const { me } = useServices();
  const name = contactName(thread.contact);
  const unread = thread.unreadCount > 0;
  return (
    <li className={styles.item}>
      <button
        type="button"
        className={mergeClasses(styles.row, selected && styles.selected)}
        aria-current={selected ? 'true' : undefined}
        data-thread-row=""
        tabIndex={tabStop ? 0 : -1}
        onClick={onOpen}
      >
        <ChannelIcon channel={thread.channel} />
        <Text dir="auto" truncate wrap={false} className={mergeClasses(styles.name, unread && styles.unread)}>
          {name}
          {distinction && (
            <span className={mergeClasses(styles.distinction, selected && styles.previewSelected)}>
              {` · ${distinction}`}
            </span>
          )}
        </Text>
        <span className={styles.side}>
          <Text size={200}>{formatShortTime(thread.updatedAt, new Date(now))}</Text>
          {unread && (
            <CounterBadge
              count={thread.unreadCount}
              size="small"
              aria-label={`${thread.unreadCount} unread`}
            />
          )}
        </span>
        <Text
          dir="auto"
          size={200}
          truncate
          wrap={false}
          className={mergeClasses(styles.preview, selected && styles.previewSelected)}
        >
          {messagePreview(thread.lastMessage, me.id)}
        </Text>
        <span className={styles.chips}>
          <ThreadChips thread={thread} now={now} />
        </span>
      </button>
      {onClaim && (
        <div className={styles.claim}>
          <Button
            size="small"
            appearance="primary"
            onClick={onClaim}
            disabled={claiming}
            aria-label={`Claim conversation with ${name}`}
          >
            Claim
          </Button>
        </div>
      )}
    </li>
  );
}
