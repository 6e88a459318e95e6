import { Button, SearchBox, Spinner, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { ComposeRegular } from '@fluentui/react-icons/svg/compose';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Thread } from '@bridgeline/shared';
import type { ThreadFilter } from '../api/api-client.js';
import { useServices } from '../app/services.js';
import { EmptyState, ErrorBar, Loading } from '../ui/states.js';
import { Tabs } from '../ui/tabs.js';
import { useNow } from '../ui/use-now.js';
import { ThreadRow } from './thread-row.js';
import { rowDistinctions } from './name-collisions.js';
import { useThreadList } from './use-thread-list.js';

const useStyles = makeStyles({
  inbox: { display: 'flex', flexDirection: 'column', minHeight: 0, height: '100%' },
  head: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    flexShrink: 0,
  },
  titleRow: { display: 'flex', alignItems: 'center', justifyContent: 'space-between' },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: `0 ${tokens.spacingHorizontalXS}`,
    overflowY: 'auto',
    flexGrow: 1,
  },
  more: { display: 'flex', justifyContent: 'center', padding: tokens.spacingVerticalM },
});

type Queue = 'mine' | 'unassigned' | 'left';

const QUEUES: readonly { value: Queue; label: string }[] = [
  { value: 'mine', label: 'My chats' },
  { value: 'unassigned', label: 'Unassigned' },
  { value: 'left', label: 'Left' },
];

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export interface InboxProps {
  selectedId: string | null;
  onOpen: (threadId: string) => void;
  onNewMessage: () => void;
}

/**
 * The inbox list is one tab stop, as in Teams (issue 16): Tab reaches the selected row (or the first), the arrow keys,
 * Home and End move among the rows, Enter opens one.
 */
function moveAmongRows(event: KeyboardEvent<HTMLUListElement>) {
  const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
  if (!keys.includes(event.key)) return;
  const rows = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button[data-thread-row]')];
  const at = rows.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0 || rows.length === 0) return;
  event.preventDefault();
  const next =
    event.key === 'Home'
      ? 0
      : event.key === 'End'
        ? rows.length - 1
        : Math.min(Math.max(at + (event.key === 'ArrowDown' ? 1 : -1), 0), rows.length - 1);
  rows[at]!.tabIndex = -1;
  rows[next]!.tabIndex = 0;
  rows[next]!.focus();
}

export function Inbox({ selectedId, onOpen, onNewMessage }: InboxProps) {
  const styles = useStyles();
  const { api } = useServices();
  const now = useNow();
  const [queue, setQueue] = useState<Queue>('mine');
  const [search, setSearch] = useState('');
  const query = useDebounced(search.trim(), 300);
  const filter: ThreadFilter = { query: query || undefined, state: queue === 'mine' ? undefined : queue };
  const list = useThreadList(filter);
  const distinctions = useMemo(() => rowDistinctions(list.items), [list.items]);
  const [claiming, setClaiming] = useState<string | null>(null);
  const [claimError, setClaimError] = useState<unknown>(null);

  // Endless scroll: load the next page when the end of the list comes into view.
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasMore, loadMore } = list;
  useEffect(() => {
    const node = sentinel.current;
    if (!node || !hasMore || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) loadMore();
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [hasMore, loadMore]);

  async function claim(thread: Thread) {
    setClaiming(thread.id);
    setClaimError(null);
    try {
      await api.claim(thread.id);
      list.reload();
      onOpen(thread.id);
    } catch (e) {
      setClaimError(e);
    } finally {
      setClaiming(null);
    }
  }

  const emptyTitle = query
    ? `No conversations match “${query}”.`
    : queue === 'unassigned'
      ? 'Nobody is waiting: new conversations from contacts appear here.'
      : queue === 'left'
        ? 'You have not left any conversation.'
        : 'No conversations yet.';

  return (
    <section className={styles.inbox} aria-labelledby="inbox-title">
      <div className={styles.head}>
        <div className={styles.titleRow}>
          <Subtitle2 as="h1" id="inbox-title">
            Inbox
          </Subtitle2>
          <Button appearance="primary" icon={<ComposeRegular />} onClick={onNewMessage}>
            New message
          </Button>
        </div>
        <SearchBox
          aria-label="Search conversations"
          placeholder="Search by name, number or text"
          value={search}
          onChange={(_, data) => setSearch(data.value)}
        />
        <Tabs items={QUEUES} selected={queue} onSelect={setQueue} aria-label="Conversation queues" />
        {claimError !== null && <ErrorBar error={claimError} />}
        {list.error !== null && <ErrorBar error={list.error} onRetry={list.reload} />}
      </div>
      {list.loading ? (
        <Loading label="Loading conversations…" />
      ) : list.items.length === 0 && list.error === null ? (
        <EmptyState title={emptyTitle}>
          {queue === 'mine' && !query && (
            <Button appearance="primary" onClick={onNewMessage}>
              Message a contact
            </Button>
          )}
        </EmptyState>
      ) : (
        <ul className={styles.list} aria-label="Conversations" onKeyDown={moveAmongRows}>
          {list.items.map((thread, i) => (
            <ThreadRow
              key={thread.id}
              thread={thread}
              now={now}
              distinction={distinctions.get(thread.id)}
              selected={thread.id === selectedId}
              tabStop={
                selectedId && list.items.some((t) => t.id === selectedId) ? thread.id === selectedId : i === 0
              }
              onOpen={() => onOpen(thread.id)}
              onClaim={thread.unassigned ? () => void claim(thread) : undefined}
              claiming={claiming === thread.id}
            />
          ))}
          {list.hasMore && (
            <li className={styles.more}>
              <div ref={sentinel} />
              {list.loadingMore ? (
                <Spinner size="tiny" label="Loading more…" />
              ) : (
                <Button appearance="subtle" onClick={list.loadMore}>
                  Load more
                </Button>
              )}
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
