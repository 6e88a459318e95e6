import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import type { Contact, Message, Thread } from '@bridgeline/shared';
import { useServices } from '../app/services.js';
import { Composer } from '../composer/composer.js';
import { composerBlock } from '../composer/composer-block.js';
import { ErrorBar, Loading } from '../ui/states.js';
import { useNow } from '../ui/use-now.js';
import { contactName } from '../ui/contact-name.js';
import { ConsentBanner, UnreachableBanner, WindowBanner } from './banners.js';
import { MessageList } from './message-list.js';
import { ThreadHeader } from './thread-header.js';
import { resendBody, useMessages } from './use-messages.js';
import { useThread } from './use-thread.js';

const ThreadDetails = lazy(() =>
  import('../details/thread-details.js').then((m) => ({ default: m.ThreadDetails })),
);

const useStyles = makeStyles({
  view: { display: 'flex', flexGrow: 1, minWidth: 0, minHeight: 0 },
  column: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0, minHeight: 0 },
  banners: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    flexShrink: 0,
  },
});

export interface ThreadViewProps {
  threadId: string;
  onBack?: () => void;
  onOpenThread: (threadId: string | null) => void;
  onStartSms: (contact: Contact) => void;
}

export function ThreadView({ threadId, onBack, onOpenThread, onStartSms }: ThreadViewProps) {
  const styles = useStyles();
  const { api, me } = useServices();
  const now = useNow();
  const { thread, error, reload } = useThread(threadId);
  const messages = useMessages(threadId);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [restarting, setRestarting] = useState(false);

  // Mark what the member has seen as read, once per newest message.
  const lastRead = useRef<string | null>(null);
  const newest = [...messages.timeline].reverse().find((t) => t.kind === 'message');
  const newestId = newest?.kind === 'message' ? newest.message.id : null;
  const isMember = thread?.members.some((m) => m.memberId === me.id) ?? false;
  useEffect(() => {
    if (!newestId || !isMember || lastRead.current === newestId) return;
    lastRead.current = newestId;
    api.markRead(threadId, newestId).catch(() => undefined);
  }, [api, threadId, newestId, isMember]);

  if (error !== null && !thread) {
    return (
      <section className={styles.column} aria-label="Conversation">
        <ErrorBar error={error} onRetry={reload} />
      </section>
    );
  }
  if (!thread) {
    return (
      <section className={styles.column} aria-label="Conversation">
        <Loading label="Loading conversation…" />
      </section>
    );
  }

  /** "Continue by SMS": one click opens an SMS thread with the same contact (or says why it can't). */
  async function continueBySms() {
    if (!thread) return;
    setActionError(null);
    try {
      const sms = await api.createThread({ channel: 'sms', contactId: thread.contact.id });
      onOpenThread(sms.id);
    } catch (e) {
      setActionError(e);
      onStartSms(thread.contact);
    }
  }

  /** Restart: a new conversation with the contact of this closed one, on the same channel (consent carries over). */
  async function restart() {
    if (!thread) return;
    setActionError(null);
    setRestarting(true);
    try {
      const fresh = await api.createThread({ channel: thread.channel, contactId: thread.contact.id });
      onOpenThread(fresh.id);
    } catch (e) {
      setRestarting(false);
      setActionError(e);
    }
  }

  async function claim() {
    setActionError(null);
    try {
      await api.claim(threadId);
      reload();
    } catch (e) {
      setActionError(e);
    }
  }

  function resend(message: Message) {
    const body = resendBody(message);
    if (body) void messages.send(body);
  }

  return (
    <div className={styles.view}>
      <section className={styles.column} aria-label={`Conversation with ${contactName(thread.contact)}`}>
        <ThreadHeader
          thread={thread}
          now={now}
          detailsOpen={detailsOpen}
          onToggleDetails={() => setDetailsOpen((open) => !open)}
          onBack={onBack}
          onClaim={thread.unassigned ? () => void claim() : undefined}
        />
        <div className={styles.banners}>
          {actionError !== null && <ErrorBar error={actionError} />}
          {/* Unreachable on WhatsApp is the one state that counts: no opt-in or window banner beside it. */}
          {thread.reachability === 'unreachable' ? (
            <UnreachableBanner
              thread={thread}
              onContinueBySms={smsFallbackOf(thread, me) ? () => void continueBySms() : undefined}
            />
          ) : (
            <>
              <ConsentBanner thread={thread} onChanged={reload} />
              <WindowBanner thread={thread} now={now} />
            </>
          )}
        </div>
        {messages.loading && messages.timeline.length === 0 ? (
          <Loading label="Loading messages…" />
        ) : (
          <>
            {messages.error !== null && <ErrorBar error={messages.error} onRetry={messages.reload} />}
            <MessageList
              thread={thread}
              timeline={messages.timeline}
              hasOlder={messages.hasOlder}
              loadingOlder={messages.loadingOlder}
              onLoadOlder={messages.loadOlder}
              onRetryPending={(id) => void messages.retry(id)}
              onDiscardPending={messages.discard}
              onResend={resend}
            />
          </>
        )}
        <Composer
          blockedReason={composerBlock(thread, me)}
          blockedAction={
            thread.state === 'closed' && me.enabled ? (
              <Button appearance="primary" disabled={restarting} onClick={() => void restart()}>
                Restart
              </Button>
            ) : undefined
          }
          channel={thread.channel}
          draftKey={thread.id}
          onSend={(body, url) => void messages.send(body, url)}
        />
      </section>
      {detailsOpen && (
        <Suspense fallback={null}>
          <ThreadDetails
            thread={thread}
            onClose={() => setDetailsOpen(false)}
            onChanged={reload}
            onLeft={() => onOpenThread(null)}
          />
        </Suspense>
      )}
    </div>
  );
}

/** The server's decision (product.md §8) when it sent one; else the same rule on what the tab knows. */
function smsFallbackOf(thread: Thread, me: { smsNumber?: string | undefined }): boolean {
  if (thread.smsFallback !== undefined) return thread.smsFallback;
  return thread.channel === 'whatsapp' && me.smsNumber !== undefined && thread.contact.phone !== null;
}
