import { Button, Caption1, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Message, SendMessageBody, Thread } from '@bridgeline/shared';
import { retryOffered } from '@bridgeline/shared/delivery';
import { describeError } from '../api/api-error.js';
import { contactName } from '../ui/contact-name.js';
import { useServices } from '../app/services.js';
import { EmptyState } from '../ui/states.js';
import { formatDay } from '../ui/time.js';
import { layOutTimeline, type LaidOut } from './timeline-layout.js';
import { MessageBubble, messageContent, type BubbleContent } from './message-bubble.js';
import type { PendingSend, TimelineItem } from './use-messages.js';

const useStyles = makeStyles({
  scroller: {
    flexGrow: 1,
    overflowY: 'auto',
    minHeight: 0,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    // The browser keeps the visible bubble in place when content above it changes size.
    overflowAnchor: 'auto',
  },
  day: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    paddingBlock: tokens.spacingVerticalM,
    color: tokens.colorNeutralForeground3,
    '::before': {
      content: '""',
      flexGrow: 1,
      borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    },
    '::after': {
      content: '""',
      flexGrow: 1,
      borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    },
  },
  older: { display: 'flex', justifyContent: 'center', paddingBottom: tokens.spacingVerticalS },
  srOnly: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

export function heldReason(thread: Thread): string {
  if (thread.consent !== 'opted_in') return 'Held — will be sent when the contact accepts the opt-in request';
  return 'Held — will be sent when the contact resumes the conversation';
}

function pendingContent(p: PendingSend): BubbleContent {
  const body: SendMessageBody = p.body;
  const base = { direction: 'out' as const, createdAt: p.createdAt };
  if ('text' in body) return { ...base, type: 'text', text: body.text };
  if ('mediaId' in body)
    return { ...base, type: 'image', mediaId: body.mediaId, imageUrl: p.imageUrl, text: body.caption };
  return { ...base, type: 'template', template: body.template };
}

export interface MessageListProps {
  thread: Thread;
  timeline: TimelineItem[];
  hasOlder: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  onRetryPending: (clientMessageId: string) => void;
  onDiscardPending: (clientMessageId: string) => void;
  onResend: (message: Message) => void;
}

export function MessageList(props: MessageListProps) {
  const { thread, timeline, hasOlder, loadingOlder, onLoadOlder } = props;
  const styles = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const firstKey = useRef<string | undefined>(undefined);
  const heightBefore = useRef(0);
  const { me } = useServices();
  const group = thread.members.length > 1;
  const laidOut = layOutTimeline(timeline, me.id, contactName(thread.contact));

  // Keep the view pinned to the newest message when it was there, and in place when older ones load above.
  useLayoutEffect(() => {
    const node = scroller.current;
    if (!node) return;
    const first = timeline[0]?.key;
    if (firstKey.current !== undefined && first !== firstKey.current && !atBottom.current) {
      node.scrollTop += node.scrollHeight - heightBefore.current;
    } else if (atBottom.current) {
      node.scrollTop = node.scrollHeight;
    }
    firstKey.current = first;
    heightBefore.current = node.scrollHeight;
  }, [timeline]);

  // Announce messages from the contact that arrive while the thread is open, not the history.
  const [announcement, setAnnouncement] = useState('');
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    const inbound = timeline.flatMap((t) =>
      t.kind === 'message' && t.message.direction === 'in' ? [t.message] : [],
    );
    if (seen.current === null) {
      if (timeline.length > 0) seen.current = new Set(inbound.map((m) => m.id));
      return;
    }
    const fresh = inbound.filter((m) => !seen.current?.has(m.id));
    fresh.forEach((m) => seen.current?.add(m.id));
    const last = fresh.at(-1);
    if (last) {
      const what = last.type === 'image' ? 'a photo' : (last.text ?? 'a message');
      setAnnouncement(`New message from ${contactName(thread.contact)}: ${what}`);
    }
  }, [timeline, thread.contact]);

  return (
    <div
      ref={scroller}
      className={styles.scroller}
      onScroll={(e) => {
        const node = e.currentTarget;
        atBottom.current = node.scrollHeight - node.scrollTop - node.clientHeight < 48;
        heightBefore.current = node.scrollHeight;
      }}
      tabIndex={0}
      aria-label="Messages"
    >
      {hasOlder && (
        <div className={styles.older}>
          {loadingOlder ? (
            <Spinner size="tiny" label="Loading earlier messages…" />
          ) : (
            <Button appearance="subtle" onClick={onLoadOlder}>
              Show earlier messages
            </Button>
          )}
        </div>
      )}
      {timeline.length === 0 && <EmptyState title="No messages yet. Say hello below." />}
      <div role="list" aria-label={`Conversation with ${contactName(thread.contact)}`}>
        {laidOut.map((line) => (
          <Line key={line.item.key} {...props} line={line} group={group} />
        ))}
      </div>
      <div className={styles.srOnly} aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </div>
  );
}

/** One line with, when it starts a day, the day's separator before it. */
function Line({ line, group, ...props }: { line: LaidOut; group: boolean } & MessageListProps) {
  const { thread } = props;
  const styles = useStyles();
  const { item } = line;
  const body =
    item.kind === 'message' ? (
      <ServerMessage
        line={line}
        message={item.message}
        thread={thread}
        group={group}
        onResend={props.onResend}
      />
    ) : (
      <MessageBubble
        content={pendingContent(item.pending)}
        firstOfRun={line.firstOfRun}
        side="end"
        status={item.pending.state === 'sending' ? 'sending' : undefined}
        failure={
          item.pending.state === 'failed'
            ? {
                reason: describeError(item.pending.error),
                onRetry: () => props.onRetryPending(item.pending.clientMessageId),
                onDiscard: () => props.onDiscardPending(item.pending.clientMessageId),
              }
            : undefined
        }
      />
    );
  if (!line.dayStarts) return body;
  return (
    <>
      <div role="listitem" className={styles.day}>
        <Caption1 role="heading" aria-level={3}>
          {formatDay(line.dayStarts)}
        </Caption1>
      </div>
      {body}
    </>
  );
}

function ServerMessage({
  line,
  message,
  thread,
  group,
  onResend,
}: { line: LaidOut; message: Message; thread: Thread; group: boolean } & Pick<MessageListProps, 'onResend'>) {
  const failed = message.status === 'failed' && message.direction === 'out';
  const { author } = line;
  const others = author.kind === 'colleague' || author.kind === 'contact';
  return (
    <MessageBubble
      content={messageContent(message)}
      senderName={line.firstOfRun ? senderLabel(line, group) : undefined}
      side={line.side === 'end' ? 'end' : 'start'}
      firstOfRun={line.firstOfRun}
      avatar={others && 'name' in author ? { name: author.name } : undefined}
      status={message.direction === 'out' ? message.status : undefined}
      heldReason={heldReason(thread)}
      failure={
        failed
          ? {
              reason: message.error?.title ?? 'The message could not be delivered.',
              details: message.error?.details,
              // No Retry where a new send cannot help: WhatsApp can't deliver to this contact (131026).
              onRetry:
                message.type === 'unsupported' || !retryOffered(thread.channel, message.error?.code)
                  ? undefined
                  : () => onResend(message),
            }
          : undefined
      }
    />
  );
}

/**
 * Who wrote a message, above the first of a run: a colleague's name (never the member's own, on the right), the
 * contact's in a group thread, and "Automatic message" for what Bridgeline sent on its own (a template asking to
 * resume, "Bob joined the conversation"), so nobody takes it for theirs.
 */
function senderLabel(line: LaidOut, group: boolean): string | undefined {
  const { author } = line;
  if (author.kind === 'automatic') return 'Automatic message';
  if (author.kind === 'colleague') return author.name;
  if (author.kind === 'contact' && group) return author.name;
  return undefined;
}
