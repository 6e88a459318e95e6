import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { Thread } from '@bridgeline/shared';
import { describeError } from '../api/api-error.js';
import { useServices } from '../app/services.js';
import { contactName } from '../ui/contact-name.js';
import { formatDuration, timeLeft } from '../ui/time.js';

/** Resends the opt-in request; the server allows it once per 24 hours and says so in `canResendOptIn`. */
export function useResendOptIn(thread: Thread, onDone: () => void) {
  const { api } = useServices();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  async function resend() {
    setBusy(true);
    setResult(null);
    try {
      await api.resendOptIn(thread.id);
      setResult({ ok: true, text: 'Opt-in request sent again.' });
      onDone();
    } catch (e) {
      setResult({ ok: false, text: describeError(e) });
    } finally {
      setBusy(false);
    }
  }
  return { busy, result, resend };
}

export function ConsentBanner({ thread, onChanged }: { thread: Thread; onChanged: () => void }) {
  const { busy, result, resend } = useResendOptIn(thread, onChanged);
  const name = contactName(thread.contact);
  if (thread.channel !== 'whatsapp' || thread.consent === 'opted_in') {
    return result ? <MessageBar intent={result.ok ? 'success' : 'error'}>{result.text}</MessageBar> : null;
  }
  const copy = {
    none: {
      intent: 'warning' as const,
      title: 'No opt-in yet',
      text: `${name} has not opted in. Messages you write are held until they accept.`,
    },
    requested: {
      intent: 'info' as const,
      title: 'Opt-in requested',
      text: `Waiting for ${name} to accept. Messages you write are held and sent when they do.`,
    },
    opted_out: {
      intent: 'error' as const,
      title: 'Opted out',
      text: `${name} opted out. They can opt in again at any time by replying “yes”.`,
    },
  }[thread.consent];
  return (
    <MessageBar intent={result && !result.ok ? 'error' : copy.intent} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{copy.title}</MessageBarTitle>
        {result ? result.text : copy.text}
      </MessageBarBody>
      {thread.canResendOptIn && (
        <MessageBarActions>
          <Button size="small" onClick={() => void resend()} disabled={busy}>
            Resend opt-in request
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

export function WindowBanner({ thread, now }: { thread: Thread; now: number }) {
  if (thread.channel !== 'whatsapp' || thread.consent !== 'opted_in') return null;
  if (thread.window.open) {
    const left = timeLeft(thread.window.closesAt, now);
    return (
      <MessageBar intent="success">
        <MessageBarBody>
          Conversation window open: {formatDuration(left)} left to send messages freely.
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        The contact hasn’t written for more than 24 hours: your messages will be delivered when they resume
        the conversation.
        {thread.heldCount > 0 && ` ${thread.heldCount} held.`}
      </MessageBarBody>
    </MessageBar>
  );
}

export function UnreachableBanner({
  thread,
  onContinueBySms,
}: {
  thread: Thread;
  onContinueBySms?: () => void;
}) {
  if (thread.reachability !== 'unreachable') return null;
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Can’t be reached on WhatsApp</MessageBarTitle>
        {contactName(thread.contact)} can’t be reached on WhatsApp at this number: nothing more is sent here,
        and held messages stay held.
        {onContinueBySms ? ' You can continue the conversation by SMS.' : ''}
      </MessageBarBody>
      {onContinueBySms && (
        <MessageBarActions>
          <Button size="small" onClick={onContinueBySms}>
            Continue by SMS
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
