import {
  Button,
  Caption1,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  InlineDrawer,
  OverlayDrawer,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons/svg/dismiss';
import { PersonAddRegular } from '@fluentui/react-icons/svg/person-add';
import { PersonArrowRightRegular } from '@fluentui/react-icons/svg/person-arrow-right';
import { ArrowExitRegular } from '@fluentui/react-icons/svg/arrow-exit';
import { useState, type ReactNode } from 'react';
import type { Thread } from '@bridgeline/shared';
import { MAX_THREAD_MEMBERS } from '@bridgeline/shared/limits';
import { useServices } from '../app/services.js';
import { useResendOptIn } from '../thread/banners.js';
import { CHANNEL_LABELS } from '../ui/channel-icon.js';
import { contactName } from '../ui/contact-name.js';
import { ErrorBar } from '../ui/states.js';
import { useNarrow } from '../ui/use-narrow.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { MemberPickerDialog } from './member-picker-dialog.js';
import { useRejoinRequests } from './use-rejoin-requests.js';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  // A member's initials and name, in place of Fluent's Persona (11 KiB gzip with its Avatar).
  person: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0, flexGrow: 1 },
  name: { minWidth: 0, overflowWrap: 'anywhere' },
  remove: { flexShrink: 0 },
  // The conversation beside it must not squeeze the panel: its size stays Fluent's small drawer (320px).
  inline: { flexShrink: 0 },
  initials: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    flexShrink: 0,
    width: '24px',
    height: '24px',
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    fontSize: tokens.fontSizeBase100,
    fontWeight: tokens.fontWeightSemibold,
  },
});

/** "Bob Jones" → "BJ", "bob" → "B". */
function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words.at(-1)!] : words;
  return letters.map((w) => w[0]!.toUpperCase()).join('');
}

const CONSENT_WORDS = {
  none: 'Not opted in',
  requested: 'Opt-in requested',
  opted_in: 'Opted in',
  opted_out: 'Opted out',
} as const;

function Section({ title, children }: { title: string; children: ReactNode }) {
  const styles = useStyles();
  const id = `details-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section className={styles.section} aria-labelledby={id}>
      <Subtitle2 as="h3" id={id}>
        {title}
      </Subtitle2>
      {children}
    </section>
  );
}

type Pending = { kind: 'remove'; memberId: string; name: string } | { kind: 'leave' } | null;

export interface ThreadDetailsProps {
  thread: Thread;
  onClose: () => void;
  onChanged: () => void;
  onLeft: () => void;
}

export function ThreadDetails({ thread, onClose, onChanged, onLeft }: ThreadDetailsProps) {
  const styles = useStyles();
  const narrow = useNarrow();
  const { api, me } = useServices();
  const isMember = thread.members.some((m) => m.memberId === me.id);
  const { requests, reload: reloadRequests } = useRejoinRequests(thread.id, isMember);
  const optIn = useResendOptIn(thread, onChanged);
  const [picker, setPicker] = useState<'add' | 'transfer' | null>(null);
  const [confirm, setConfirm] = useState<Pending>(null);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);

  async function act(run: () => Promise<unknown>, after: () => void) {
    setError(null);
    setNote(null);
    try {
      await run();
      after();
    } catch (e) {
      setError(e);
    }
  }

  const full = thread.members.length >= MAX_THREAD_MEMBERS;
  const open = thread.state === 'open';

  const content = (
    <>
      <DrawerHeader>
        <DrawerHeaderTitle
          action={
            <Button
              appearance="subtle"
              aria-label="Close details"
              icon={<DismissRegular />}
              onClick={onClose}
            />
          }
        >
          Details
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody className={styles.body}>
        {error !== null && <ErrorBar error={error} />}
        {note && (
          <Text role="status" size={200}>
            {note}
          </Text>
        )}
        <Section title="Contact">
          <Text weight="semibold">{contactName(thread.contact)}</Text>
          {thread.contact.phone && thread.contact.phone !== contactName(thread.contact) && (
            <Text>{thread.contact.phone}</Text>
          )}
          <Caption1>
            {CHANNEL_LABELS[thread.channel]}
            {thread.channel === 'whatsapp' && ` · ${CONSENT_WORDS[thread.consent]}`}
          </Caption1>
          {thread.canResendOptIn && (
            <Button disabled={optIn.busy} onClick={() => void optIn.resend()}>
              Resend opt-in request
            </Button>
          )}
          {optIn.result && (
            <Text role="status" size={200}>
              {optIn.result.text}
            </Text>
          )}
        </Section>

        <Section title={`Members (${thread.members.length} of ${MAX_THREAD_MEMBERS})`}>
          <ul className={styles.list}>
            {thread.members.map((m) => (
              <li key={m.memberId} className={styles.item}>
                <span className={styles.person}>
                  <span className={styles.initials} aria-hidden>
                    {initials(m.displayName)}
                  </span>
                  <Text className={styles.name}>
                    {m.memberId === me.id ? `${m.displayName} (you)` : m.displayName}
                  </Text>
                </span>
                {isMember && m.memberId !== me.id && (
                  <Button
                    size="small"
                    appearance="subtle"
                    className={styles.remove}
                    aria-label={`Remove ${m.displayName}`}
                    onClick={() => setConfirm({ kind: 'remove', memberId: m.memberId, name: m.displayName })}
                  >
                    Remove
                  </Button>
                )}
              </li>
            ))}
          </ul>
          {isMember && open && (
            <div className={styles.actions}>
              <Button icon={<PersonAddRegular />} disabled={full} onClick={() => setPicker('add')}>
                Add member
              </Button>
              <Button icon={<PersonArrowRightRegular />} onClick={() => setPicker('transfer')}>
                Transfer
              </Button>
              <Button icon={<ArrowExitRegular />} onClick={() => setConfirm({ kind: 'leave' })}>
                Leave
              </Button>
            </div>
          )}
          {full && isMember && (
            <Caption1>A conversation can have at most {MAX_THREAD_MEMBERS} members.</Caption1>
          )}
          {!isMember && open && !thread.unassigned && (
            <Button
              onClick={() =>
                void act(
                  () => api.requestRejoin(thread.id),
                  () => setNote('Request sent. A member of the conversation will answer it.'),
                )
              }
            >
              Ask to rejoin
            </Button>
          )}
        </Section>

        {isMember && requests.length > 0 && (
          <Section title="Requests to rejoin">
            <ul className={styles.list}>
              {requests.map((r) => (
                <li key={r.id} className={styles.item}>
                  <Text>{r.displayName}</Text>
                  <span className={styles.actions}>
                    <Button
                      size="small"
                      appearance="primary"
                      aria-label={`Approve ${r.displayName}`}
                      onClick={() =>
                        void act(
                          () => api.decideRejoin(thread.id, r.id, 'approve'),
                          () => (reloadRequests(), onChanged()),
                        )
                      }
                    >
                      Approve
                    </Button>
                    <Button
                      size="small"
                      aria-label={`Decline ${r.displayName}`}
                      onClick={() =>
                        void act(() => api.decideRejoin(thread.id, r.id, 'decline'), reloadRequests)
                      }
                    >
                      Decline
                    </Button>
                  </span>
                </li>
              ))}
            </ul>
          </Section>
        )}
      </DrawerBody>
      {picker && (
        <MemberPickerDialog
          thread={thread}
          mode={picker}
          onCancel={() => setPicker(null)}
          onDone={() => {
            const transferred = picker === 'transfer';
            setPicker(null);
            if (transferred) onLeft();
            else onChanged();
          }}
        />
      )}
      {confirm && (
        <ConfirmDialog
          title={confirm.kind === 'leave' ? 'Leave the conversation?' : `Remove ${confirm.name}?`}
          text={
            confirm.kind === 'leave'
              ? 'The members and the contact are told that you left. You can ask to rejoin later.'
              : `${confirm.name} stops seeing new messages. The members and the contact are told.`
          }
          confirmLabel={confirm.kind === 'leave' ? 'Leave' : 'Remove'}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            const current = confirm;
            setConfirm(null);
            if (current.kind === 'leave') void act(() => api.leave(thread.id), onLeft);
            else void act(() => api.removeMember(thread.id, current.memberId), onChanged);
          }}
        />
      )}
    </>
  );

  if (narrow) {
    return (
      <OverlayDrawer
        id="thread-details"
        open
        position="end"
        onOpenChange={(_, data) => !data.open && onClose()}
      >
        {content}
      </OverlayDrawer>
    );
  }
  return (
    <InlineDrawer
      id="thread-details"
      open
      position="end"
      separator
      className={styles.inline}
      as="aside"
      aria-label="Conversation details"
    >
      {content}
    </InlineDrawer>
  );
}
