import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Radio,
  RadioGroup,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import type { Channel, Contact, PhoneCheck, Thread } from '@bridgeline/shared';
import { ApiError } from '../api/api-error.js';
import { useServices } from '../app/services.js';
import { contactName, contactPhone } from '../ui/contact-name.js';
import { formatStarted } from '../ui/time.js';
import { ErrorBar } from '../ui/states.js';
import { looksLikePhone, normalisePhone, phoneShapeProblem } from './phone.js';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  results: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    maxHeight: '200px',
    overflowY: 'auto',
    display: 'flex',
    flexDirection: 'column',
  },
  result: { justifyContent: 'flex-start', width: '100%' },
  chosen: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
  },
});

export interface NewMessageStart {
  contact?: Contact;
  channel?: Channel;
}

type Stage = { kind: 'form' } | { kind: 'confirm-opt-in'; name: string } | { kind: 'unreachable' };

export interface NewMessageDialogProps {
  start: NewMessageStart;
  onClose: () => void;
  onCreated: (thread: Thread) => void;
}

export function NewMessageDialog({ start, onClose, onCreated }: NewMessageDialogProps) {
  const styles = useStyles();
  const { api, me } = useServices();
  const [channel, setChannel] = useState<Channel>(start.channel ?? 'whatsapp');
  const [contact, setContact] = useState<Contact | null>(start.contact ?? null);
  const [to, setTo] = useState('');
  const [results, setResults] = useState<Contact[]>([]);
  const [phoneError, setPhoneError] = useState<string | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'form' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // The server's answer for a typed number that passes the shared rule: promised only once the server agrees.
  const [numberCheck, setNumberCheck] = useState<(PhoneCheck & { typed: string }) | null>(null);
  // The chosen contact's open conversations on this channel, offered before a new one (issue 16, point 5).
  const [open, setOpen] = useState<{ contactId: string; threads: Thread[] } | null>(null);

  useEffect(() => {
    if (!contact) return setOpen(null);
    let live = true;
    const query = contact.phone ?? contactName(contact);
    api.listThreads({ query, state: 'open' }).then(
      (page) =>
        live &&
        setOpen({
          contactId: contact.id,
          threads: page.items.filter((t) => t.contact.id === contact.id && t.state === 'open'),
        }),
      () => live && setOpen({ contactId: contact.id, threads: [] }),
    );
    return () => {
      live = false;
    };
  }, [api, contact]);
  const openThreads =
    contact && open?.contactId === contact.id ? open.threads.filter((t) => t.channel === channel) : [];

  // Contact search while typing a name; a typed number is offered as such.
  useEffect(() => {
    const query = to.trim();
    if (contact || query.length < 2) return setResults([]);
    let live = true;
    const timer = setTimeout(() => {
      api.listContacts(query).then(
        (list) => live && setResults(list.slice(0, 8)),
        () => live && setResults([]),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, to, contact]);

  useEffect(() => {
    const typed = to.trim();
    if (contact || !looksLikePhone(typed) || !normalisePhone(typed)) return setNumberCheck(null);
    let live = true;
    const timer = setTimeout(() => {
      api.checkPhone(typed).then(
        (answer) => live && setNumberCheck({ ...answer, typed }),
        () => live && setNumberCheck(null),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, to, contact]);
  const checked = numberCheck && numberCheck.typed === to.trim() ? numberCheck : null;

  async function create(sendOptIn: boolean, via: Channel = channel) {
    const phone = contact ? null : normalisePhone(to);
    if (!contact && !phone) {
      setPhoneError(
        looksLikePhone(to)
          ? phoneShapeProblem(to)
          : 'Choose a contact, or type a phone number with its country code, e.g. +44 20 7946 0958.',
      );
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const target = contact ? { contactId: contact.id } : { phone: phone ?? '' };
      onCreated(
        await api.createThread({ channel: via, ...target, ...(sendOptIn ? { sendOptIn: true } : {}) }),
      );
    } catch (e) {
      setBusy(false);
      if (e instanceof ApiError && e.code === 'consent_required') {
        setStage({ kind: 'confirm-opt-in', name: contact ? contactName(contact) : (phone ?? to) });
      } else if (e instanceof ApiError && e.code === 'unreachable') {
        setStage({ kind: 'unreachable' });
      } else if (e instanceof ApiError && e.code === 'validation_failed' && !contact && e.detail) {
        // The server checks the number for real (the tab only looks at its shape): say why, at the field.
        setPhoneError(e.detail);
      } else {
        setError(e);
      }
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (stage.kind === 'confirm-opt-in') void create(true);
    else if (stage.kind === 'form') void create(false);
  }

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={onSubmit}>
          <DialogBody>
            <DialogTitle>
              {stage.kind === 'confirm-opt-in' ? 'Send the opt-in request?' : 'New message'}
            </DialogTitle>
            <DialogContent className={styles.content}>
              {error !== null && <ErrorBar error={error} />}
              {stage.kind === 'confirm-opt-in' && (
                <Text as="p">
                  {stage.name} has not opted in to messages from your organisation yet. Bridgeline will send
                  them the opt-in request. You can write right away: your messages are held and sent once they
                  accept.
                </Text>
              )}
              {stage.kind === 'unreachable' && (
                <Text as="p" role="alert">
                  This contact can’t be reached on WhatsApp.
                  {me.smsNumber ? ' You can continue by SMS instead.' : ''}
                </Text>
              )}
              {stage.kind === 'form' && (
                <>
                  <Field label="Channel">
                    <RadioGroup
                      layout="horizontal"
                      value={channel}
                      onChange={(_, data) => setChannel(data.value as Channel)}
                    >
                      <Radio value="whatsapp" label="WhatsApp" />
                      <Radio value="sms" label="SMS" disabled={!me.smsNumber} />
                    </RadioGroup>
                  </Field>
                  {!me.smsNumber && <Caption1>SMS needs an SMS number, which you don’t have.</Caption1>}
                  {contact ? (
                    <div className={styles.chosen}>
                      <Text>
                        To: <strong>{contactName(contact)}</strong>{' '}
                        {contactPhone(contact) !== contactName(contact) && contactPhone(contact)
                          ? `(${contactPhone(contact)})`
                          : ''}
                      </Text>
                      <Button size="small" onClick={() => setContact(null)}>
                        Change
                      </Button>
                    </div>
                  ) : (
                    <Field
                      label="To"
                      hint="A contact’s name, or a phone number with its country code"
                      validationMessage={phoneError ?? undefined}
                      validationState={phoneError ? 'error' : 'none'}
                    >
                      <Input
                        value={to}
                        autoComplete="off"
                        onChange={(_, data) => {
                          setTo(data.value);
                          setPhoneError(null);
                        }}
                      />
                    </Field>
                  )}
                  {openThreads.length > 0 && contact && (
                    <section aria-label={`Open conversations with ${contactName(contact)}`}>
                      <Text as="p">
                        You already have {openThreads.length === 1 ? 'a conversation' : 'conversations'} with{' '}
                        {contactName(contact)}: continue {openThreads.length === 1 ? 'it' : 'one'}, or start a
                        new chat beside {openThreads.length === 1 ? 'it' : 'them'}.
                      </Text>
                      <ul className={styles.results}>
                        {openThreads.map((t) => (
                          <li key={t.id}>
                            <Button
                              appearance="subtle"
                              className={styles.result}
                              onClick={() => onCreated(t)}
                            >
                              Open the conversation started {formatStarted(t.createdAt)}
                            </Button>
                          </li>
                        ))}
                      </ul>
                      <Caption1>
                        A new chat is a second conversation with the same person: its own members and history;
                        the opt-in and the 24-hour window stay shared.
                      </Caption1>
                    </section>
                  )}
                  {!contact && results.length > 0 && (
                    <ul className={styles.results} aria-label="Matching contacts">
                      {results.map((c) => (
                        <li key={c.id}>
                          <Button appearance="subtle" className={styles.result} onClick={() => setContact(c)}>
                            {contactName(c)}
                            {contactPhone(c) && contactPhone(c) !== contactName(c)
                              ? ` · ${contactPhone(c)}`
                              : ''}
                          </Button>
                        </li>
                      ))}
                    </ul>
                  )}
                  {!contact && !phoneError && checked?.phone && (
                    <Caption1>A new contact is created for {checked.phone}.</Caption1>
                  )}
                  {!contact && !phoneError && checked?.reason && (
                    <Caption1 role="status">{checked.reason}</Caption1>
                  )}
                </>
              )}
            </DialogContent>
            <DialogActions>
              <Button onClick={onClose}>Cancel</Button>
              {stage.kind === 'form' && (
                <Button
                  type="submit"
                  appearance={openThreads.length > 0 ? 'secondary' : 'primary'}
                  disabled={busy}
                >
                  {openThreads.length > 0 ? 'New chat' : 'Start conversation'}
                </Button>
              )}
              {stage.kind === 'confirm-opt-in' && (
                <Button type="submit" appearance="primary" disabled={busy}>
                  Send opt-in request
                </Button>
              )}
              {stage.kind === 'unreachable' && me.smsNumber && (
                <Button
                  appearance="primary"
                  disabled={busy}
                  onClick={() => {
                    setChannel('sms');
                    void create(false, 'sms');
                  }}
                >
                  Continue by SMS
                </Button>
              )}
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
