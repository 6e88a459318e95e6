import {
  Button,
  Caption1,
  Field,
  Input,
  SearchBox,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ChatAddRegular } from '@fluentui/react-icons/svg/chat-add';
import { useEffect, useState, type FormEvent } from 'react';
import type { Contact } from '@bridgeline/shared';
import { ApiError } from '../api/api-error.js';
import { useServices } from '../app/services.js';
import { normalisePhone } from '../new-message/phone.js';
import { contactName } from '../ui/contact-name.js';
import { EmptyState, ErrorBar, Loading } from '../ui/states.js';

const useStyles = makeStyles({
  screen: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    width: '100%',
    maxWidth: '760px',
    marginInline: 'auto',
    overflowY: 'auto',
  },
  add: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  who: { display: 'flex', flexDirection: 'column', minWidth: 0 },
});

export function ContactsScreen({ onMessage }: { onMessage: (contact: Contact) => void }) {
  const styles = useStyles();
  const { api } = useServices();
  const [query, setQuery] = useState('');
  const [contacts, setContacts] = useState<Contact[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [addError, setAddError] = useState<unknown>(null);
  const [phoneError, setPhoneError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api.listContacts(query.trim() || undefined).then(
        (list) => live && (setContacts(list), setError(null)),
        (e: unknown) => live && setError(e),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, query, reloadKey]);

  async function add(event: FormEvent) {
    event.preventDefault();
    const e164 = normalisePhone(phone);
    if (!e164) return setPhoneError('Type the number with its country code, e.g. +44 20 7946 0958.');
    setAddError(null);
    try {
      await api.createContact({ phone: e164, ...(name.trim() ? { displayName: name.trim() } : {}) });
      setName('');
      setPhone('');
      setReloadKey((k) => k + 1);
    } catch (e) {
      // The server checks the number for real; its reason belongs at the field.
      if (e instanceof ApiError && e.code === 'validation_failed' && e.detail) setPhoneError(e.detail);
      else setAddError(e);
    }
  }

  return (
    <section className={styles.screen} aria-labelledby="contacts-title">
      <Subtitle2 as="h1" id="contacts-title">
        Contacts
      </Subtitle2>
      <form className={styles.add} onSubmit={(e) => void add(e)} aria-label="Add a contact">
        <Field label="Name">
          <Input value={name} onChange={(_, d) => setName(d.value)} />
        </Field>
        <Field
          label="Phone number"
          required
          validationMessage={phoneError ?? undefined}
          validationState={phoneError ? 'error' : 'none'}
        >
          <Input
            type="tel"
            value={phone}
            onChange={(_, d) => {
              setPhone(d.value);
              setPhoneError(null);
            }}
          />
        </Field>
        <Button type="submit">Add contact</Button>
      </form>
      {addError !== null && <ErrorBar error={addError} />}
      <SearchBox
        aria-label="Search contacts"
        placeholder="Search by name or number"
        value={query}
        onChange={(_, d) => setQuery(d.value)}
      />
      {error !== null && <ErrorBar error={error} onRetry={() => setReloadKey((k) => k + 1)} />}
      {contacts === null && error === null && <Loading label="Loading contacts…" />}
      {contacts?.length === 0 && <EmptyState title={query ? 'No contact matches.' : 'No contacts yet.'} />}
      {contacts && contacts.length > 0 && (
        <ul className={styles.list} aria-label="Contacts">
          {contacts.map((c) => (
            <li key={c.id} className={styles.item}>
              <span className={styles.who}>
                <Text weight="semibold" truncate wrap={false}>
                  {contactName(c)}
                </Text>
                {c.phone && <Caption1>{c.phone}</Caption1>}
              </span>
              <Button
                icon={<ChatAddRegular />}
                aria-label={`Message ${contactName(c)}`}
                onClick={() => onMessage(c)}
              >
                Message
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
