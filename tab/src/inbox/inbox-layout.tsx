import { makeStyles, tokens } from '@fluentui/react-components';
import type { Contact } from '@bridgeline/shared';
import { Suspense, lazy, useEffect } from 'react';
import { EmptyState, Loading } from '../ui/states.js';
import { useNarrow } from '../ui/use-narrow.js';
import { Inbox } from './inbox.js';

// The thread view (messages, composer, banners and the Fluent parts only they use) is its own chunk: the first inbox
// row needs none of it. It is fetched once the inbox has painted and the browser is idle, so opening a thread does not wait for it.
const loadThreadView = () => import('../thread/thread-view.js');
const ThreadView = lazy(() => loadThreadView().then((m) => ({ default: m.ThreadView })));

const useStyles = makeStyles({
  layout: { display: 'flex', flexGrow: 1, minWidth: 0, minHeight: 0 },
  inboxPane: {
    width: '340px',
    flexShrink: 0,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
  },
  single: { flexGrow: 1, display: 'flex', flexDirection: 'column', minWidth: 0, minHeight: 0 },
  threadPane: { flexGrow: 1, display: 'flex', minWidth: 0, minHeight: 0 },
});

export interface InboxLayoutProps {
  threadId: string | null;
  onOpen: (threadId: string | null) => void;
  onNewMessage: () => void;
  onStartSms: (contact: Contact) => void;
}

/** Inbox and thread side by side; one column (inbox, or thread with Back) in narrow Teams panes. */
export function InboxLayout({ threadId, onOpen, onNewMessage, onStartSms }: InboxLayoutProps) {
  const styles = useStyles();
  const narrow = useNarrow();
  useEffect(() => {
    // After the first paint, when the browser is idle: not competing with the inbox's own first rows.
    const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 500));
    idle(() => void loadThreadView());
  }, []);
  const inbox = <Inbox selectedId={threadId} onOpen={onOpen} onNewMessage={onNewMessage} />;
  const thread = threadId ? (
    <Suspense fallback={<Loading label="Opening the conversation…" />}>
      <ThreadView
        key={threadId}
        threadId={threadId}
        onBack={narrow ? () => onOpen(null) : undefined}
        onOpenThread={onOpen}
        onStartSms={onStartSms}
      />
    </Suspense>
  ) : (
    <EmptyState title="Choose a conversation, or start a new one." />
  );

  if (narrow) return <div className={styles.single}>{threadId ? thread : inbox}</div>;
  return (
    <div className={styles.layout}>
      <div className={styles.inboxPane}>{inbox}</div>
      <div className={styles.threadPane}>{thread}</div>
    </div>
  );
}
