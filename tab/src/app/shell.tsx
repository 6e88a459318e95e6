import { Badge, Select, Text, makeStyles, tokens, useFocusFinders } from '@fluentui/react-components';
import { SignOutRegular } from '@fluentui/react-icons/svg/sign-out';
import { Suspense, lazy, useEffect, useState } from 'react';
import type { LiveStatus } from '../api/live-events.js';
import { InboxLayout } from '../inbox/inbox-layout.js';
import type { NewMessageStart } from '../new-message/new-message-dialog.js';
import { IconButton } from '../ui/icon-button.js';
import { Loading } from '../ui/states.js';
import { EmptyState } from '../ui/states.js';
import { OrgNotices } from './org-notices.js';
import { useServices } from './services.js';
import type { HostTheme } from './teams-host.js';
import { THEME_LABELS } from './theme.js';
import { useRoute, type Route } from './use-route.js';
import { Tabs } from '../ui/tabs.js';
import { ERROR_CODES } from '@bridgeline/shared/errors';

// Screens and dialogs that are not needed for the first inbox paint load on demand.
const AdminScreen = lazy(() => import('../admin/admin-screen.js').then((m) => ({ default: m.AdminScreen })));
const ContactsScreen = lazy(() =>
  import('../contacts/contacts-screen.js').then((m) => ({ default: m.ContactsScreen })),
);
const NewMessageDialog = lazy(() =>
  import('../new-message/new-message-dialog.js').then((m) => ({ default: m.NewMessageDialog })),
);

const SCREENS = [
  { value: 'inbox', label: 'Inbox' },
  { value: 'contacts', label: 'Contacts' },
] as const;

const useStyles = makeStyles({
  shell: { display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    paddingInline: tokens.spacingHorizontalM,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    flexShrink: 0,
    minHeight: '44px',
  },
  spacer: { flexGrow: 1 },
  main: { display: 'flex', flexGrow: 1, minHeight: 0, minWidth: 0 },
});

function useLiveStatus(): LiveStatus {
  const { live } = useServices();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  useEffect(() => live.onStatus(setStatus), [live]);
  return status;
}

export interface ShellProps {
  /** The browser theme with its switch, or null inside Teams, which owns the theme. */
  theme: HostTheme | null;
  onThemeChange: (theme: HostTheme) => void;
  onSignOut: (() => void) | null;
}

export function Shell({ theme, onThemeChange, onSignOut }: ShellProps) {
  const styles = useStyles();
  // Keeps Fluent's focus manager (tabster) alive while signed in. Each dialog holds it too, but when a dialog is its
  // only holder, closing the dialog disposes it before it has taken aria-hidden off the rest of the page.
  useFocusFinders();
  const { me } = useServices();
  const [route, navigate] = useRoute();
  const status = useLiveStatus();
  const [newMessage, setNewMessage] = useState<NewMessageStart | null>(null);

  const screen = route.screen === 'admin' && !me.isAdmin ? 'inbox' : route.screen;

  return (
    <div className={styles.shell}>
      <header className={styles.header}>
        <nav aria-label="Bridgeline">
          <Tabs<Route['screen']>
            items={me.isAdmin ? [...SCREENS, { value: 'admin', label: 'Admin' }] : SCREENS}
            selected={screen}
            onSelect={(value) => {
              if (value === 'contacts') navigate({ screen: value });
              else if (value === 'admin') navigate({ screen: value, section: 'members' });
              else navigate({ screen: 'inbox', threadId: null });
            }}
          />
        </nav>
        <div className={styles.spacer} />
        {status === 'reconnecting' && (
          <Badge appearance="tint" color="warning" role="status">
            Reconnecting…
          </Badge>
        )}
        <Text size={200} truncate wrap={false} title={me.email}>
          {me.displayName}
        </Text>
        {theme && (
          // A native select rather than Fluent's Menu, which brings the popup positioning engine (about 25 KiB
          // gzip with the tooltips) for three choices.
          <Select
            aria-label="Theme"
            size="small"
            appearance="filled-lighter"
            value={theme}
            onChange={(_, data) => {
              const next = data.value;
              if (next === 'light' || next === 'dark' || next === 'contrast') onThemeChange(next);
            }}
          >
            {(['light', 'dark', 'contrast'] as const).map((t) => (
              <option key={t} value={t}>
                {THEME_LABELS[t]}
              </option>
            ))}
          </Select>
        )}
        {onSignOut && (
          <IconButton label="Sign out" appearance="subtle" icon={<SignOutRegular />} onClick={onSignOut} />
        )}
      </header>
      <OrgNotices />
      <main className={styles.main}>
        <Suspense fallback={<Loading label="Loading…" />}>
          {!me.enabled && screen !== 'admin' ? (
            <EmptyState title={ERROR_CODES.not_enabled.title} />
          ) : screen === 'contacts' ? (
            <ContactsScreen onMessage={(contact) => setNewMessage({ contact })} />
          ) : screen === 'admin' ? (
            <AdminScreen
              section={route.screen === 'admin' ? route.section : 'members'}
              onSection={(section) => navigate({ screen: 'admin', section })}
            />
          ) : (
            <InboxLayout
              threadId={route.screen === 'inbox' ? route.threadId : null}
              onOpen={(threadId) => navigate({ screen: 'inbox', threadId })}
              onNewMessage={() => setNewMessage({})}
              onStartSms={(contact) => setNewMessage({ contact, channel: 'sms' })}
            />
          )}
        </Suspense>
      </main>
      {newMessage && (
        <Suspense fallback={null}>
          <NewMessageDialog
            start={newMessage}
            onClose={() => setNewMessage(null)}
            onCreated={(thread) => {
              setNewMessage(null);
              navigate({ screen: 'inbox', threadId: thread.id });
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
