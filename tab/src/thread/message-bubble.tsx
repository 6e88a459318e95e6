import {
  Avatar,
  Button,
  Caption1,
  Text,
  makeStyles,
  mergeClasses,
  shorthands,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons/svg/arrow-clockwise';
import { ErrorCircleRegular } from '@fluentui/react-icons/svg/error-circle';
import { ClockPauseRegular } from '@fluentui/react-icons/svg/clock-pause';
import { FlagRegular } from '@fluentui/react-icons/svg/flag';
import type { ReactNode } from 'react';
import type { Message } from '@bridgeline/shared';
import { MediaImage } from './media-image.js';
import { noticeText } from './notice-text.js';
import { StatusTicks } from './status-ticks.js';
import { formatFullTime, formatTimeOfDay } from '../ui/time.js';

const useStyles = makeStyles({
  row: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalS,
    paddingBlockStart: tokens.spacingVerticalXXS,
  },
  // A new run of one author's messages stands apart from the previous one; within a run they sit close.
  runStart: { paddingBlockStart: tokens.spacingVerticalM },
  rowOut: { justifyContent: 'flex-end' },
  avatarSlot: { width: '32px', flexShrink: 0 },
  rowNotice: { justifyContent: 'center' },
  bubble: {
    maxWidth: 'min(75%, 520px)',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusXLarge,
    overflowWrap: 'anywhere',
    whiteSpace: 'pre-wrap',
    ...shorthands.border(tokens.strokeWidthThin, 'solid', 'transparent'),
  },
  in: { backgroundColor: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1 },
  out: { backgroundColor: tokens.colorBrandBackground2, color: tokens.colorNeutralForeground1 },
  held: {
    ...shorthands.borderStyle('dashed'),
    ...shorthands.borderColor(tokens.colorPaletteMarigoldBorder2),
  },
  failed: { ...shorthands.borderColor(tokens.colorPaletteRedBorder2) },
  notice: {
    maxWidth: '80%',
    textAlign: 'center',
    color: tokens.colorNeutralForeground3,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
  },
  meta: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'flex-end',
    gap: tokens.spacingHorizontalXS,
  },
  sender: { fontWeight: tokens.fontWeightSemibold },
  heldLine: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorNeutralForeground2,
  },
  error: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    color: tokens.colorPaletteRedForeground1,
  },
  errorLine: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
});

export interface BubbleContent {
  direction: Message['direction'];
  type: Message['type'];
  text?: string;
  mediaId?: string;
  imageUrl?: string;
  template?: Message['template'];
  createdAt: string;
  /** DLP: the rules that flagged it for review; an inbound text shown with matches redacted. */
  flags?: Message['flags'];
  redacted?: boolean;
}

export interface BubbleProps {
  content: BubbleContent;
  /** The author's name above the first of their run (colleagues, the contact in a group, automatic messages). */
  senderName?: string;
  /** On the left: whose avatar heads the run (undefined keeps the column so the run lines up; null: no column). */
  avatar?: { name: string } | null;
  /** The first of consecutive messages by one author. */
  firstOfRun?: boolean;
  /** Own messages on the right, others' on the left; by default by direction. */
  side?: 'start' | 'end';
  /** A held message: edit or cancel it before it leaves. */
  heldActions?: ReactNode;
  status?: Message['status'];
  heldReason?: string;
  failure?: { reason: string; details?: string; onRetry?: () => void; onDiscard?: () => void };
}

function Body({ content }: { content: BubbleContent }) {
  const styles = useStyles();
  if (content.type === 'image') {
    return (
      <>
        <MediaImage
          mediaId={content.mediaId}
          src={content.imageUrl}
          alt={content.text ? `Photo: ${content.text}` : 'Photo'}
        />
        {content.text && <Text dir="auto">{content.text}</Text>}
      </>
    );
  }
  if (content.type === 'template' && content.template) {
    const params = content.template.parameters.join(', ');
    return (
      <Text dir="auto">
        {content.text ?? `Template “${content.template.name}”${params ? ` (${params})` : ''}`}
      </Text>
    );
  }
  if (content.type === 'unsupported') return <Text className={styles.muted}>Unsupported content</Text>;
  // A button tap or an emptied message can arrive without text: say so rather than draw an empty bubble.
  if (!content.text) return <Text className={styles.muted}>No text</Text>;
  return <Text dir="auto">{content.text}</Text>;
}

export function MessageBubble({
  content,
  senderName,
  avatar,
  firstOfRun = true,
  side,
  status,
  heldReason,
  heldActions,
  failure,
}: BubbleProps) {
  const styles = useStyles();
  if (content.direction === 'notice') {
    return (
      <div className={mergeClasses(styles.row, styles.rowNotice)} role="listitem">
        <Caption1 dir="auto" className={styles.notice}>
          {content.text}
        </Caption1>
      </div>
    );
  }
  const out = content.direction === 'out';
  const end = side ? side === 'end' : out;
  return (
    <div
      className={mergeClasses(styles.row, firstOfRun && styles.runStart, end && styles.rowOut)}
      role="listitem"
    >
      {!end && avatar !== null && (
        <span className={styles.avatarSlot}>
          {avatar && firstOfRun && <Avatar name={avatar.name} size={32} color="colorful" aria-hidden />}
        </span>
      )}
      <div
        className={mergeClasses(
          styles.bubble,
          end ? styles.out : styles.in,
          status === 'held' && styles.held,
          failure && styles.failed,
        )}
      >
        {senderName && <Caption1 className={styles.sender}>{senderName}</Caption1>}
        <Body content={content} />
        {content.flags && content.flags.length > 0 && (
          <Caption1 className={styles.heldLine} data-testid="dlp-flag">
            <FlagRegular aria-hidden />
            Flagged for review: {content.flags.map((f) => f.ruleName).join(', ')}
          </Caption1>
        )}
        {content.redacted && (
          <Caption1 className={styles.heldLine}>Parts hidden by your organisation’s policy</Caption1>
        )}
        {status === 'held' && heldReason && (
          <Caption1 className={styles.heldLine}>
            <ClockPauseRegular aria-hidden />
            {heldReason}
          </Caption1>
        )}
        {status === 'held' && heldActions}
        {failure && (
          <div className={styles.error} role="alert">
            <Caption1 className={styles.errorLine}>
              <ErrorCircleRegular aria-hidden />
              Not sent: {failure.reason}
            </Caption1>
            {failure.details && <Caption1>{failure.details}</Caption1>}
            <div className={styles.actions}>
              {failure.onRetry && (
                <Button size="small" icon={<ArrowClockwiseRegular />} onClick={failure.onRetry}>
                  Retry
                </Button>
              )}
              {failure.onDiscard && (
                <Button size="small" appearance="subtle" onClick={failure.onDiscard}>
                  Discard
                </Button>
              )}
            </div>
          </div>
        )}
        <span className={styles.meta}>
          <Caption1>
            <time dateTime={content.createdAt} title={formatFullTime(content.createdAt)}>
              {formatTimeOfDay(content.createdAt)}
            </time>
          </Caption1>
          {out && status && <StatusTicks status={status} />}
        </span>
      </div>
    </div>
  );
}

export function messageContent(message: Message): BubbleContent {
  return {
    direction: message.direction,
    type: message.type,
    text: message.direction === 'notice' ? noticeText(message) : message.text,
    mediaId: message.mediaId,
    template: message.template,
    // When it happened: Meta's time for the contact's messages, the release for a held one.
    createdAt: message.happenedAt ?? message.createdAt,
    ...(message.flags ? { flags: message.flags } : {}),
    ...(message.redacted ? { redacted: true } : {}),
  };
}
