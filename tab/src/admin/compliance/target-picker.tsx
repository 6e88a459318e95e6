import {
  Button,
  Caption1,
  Field,
  Input,
  SearchBox,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons/svg/dismiss';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/api-client.js';
import { useServices } from '../../app/services.js';
import { contactName } from '../../ui/contact-name.js';
import { ProblemBar } from './panel.js';

/** What a filter or a hold points at: an id, and the words that name it. */
export interface Target {
  id: string;
  label: string;
}

export type TargetKind = 'contact' | 'member' | 'thread';

const MAX_SHOWN = 8;

const SEARCH: Record<
  TargetKind,
  { placeholder: string; hint?: string; find: (api: ApiClient, q: string) => Promise<Target[]> }
> = {
  contact: {
    placeholder: 'Name or number',
    find: async (api, q) => (await api.listContacts(q)).map((c) => ({ id: c.id, label: contactName(c) })),
  },
  member: {
    placeholder: 'Name or email',
    find: async (api, q) =>
      (await api.listMembers({ query: q })).map((m) => ({
        id: m.id,
        label: `${m.displayName} (${m.email})`,
      })),
  },
  thread: {
    placeholder: 'Contact, number or text',
    hint: 'Lists the conversations you can open in the inbox.',
    find: async (api, q) =>
      (await api.listThreads({ query: q })).items.map((t) => ({
        id: t.id,
        label: `${contactName(t.contact)} (${t.channel === 'sms' ? 'SMS' : 'WhatsApp'}, ${t.state})`,
      })),
  },
};

const useStyles = makeStyles({
  picker: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    minWidth: '240px',
    maxWidth: '320px',
  },
  results: { display: 'flex', flexDirection: 'column', listStyle: 'none', margin: 0, padding: 0 },
  result: { justifyContent: 'flex-start', width: '100%', textAlign: 'start' },
});

export interface TargetPickerProps {
  kind: TargetKind;
  /** The field's label, e.g. "Contact". */
  label: string;
  value: Target | null;
  onChange: (target: Target | null) => void;
  required?: boolean;
  validationMessage?: string;
  /** Words under the field in place of the search's own. */
  hint?: string;
}

/** A search box that lists what matches (after a pause in typing) and keeps the one picked, with a way to clear it. */
export function TargetPicker({
  kind,
  label,
  value,
  onChange,
  required,
  validationMessage,
  hint,
}: TargetPickerProps) {
  const styles = useStyles();
  const { api } = useServices();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Target[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const search = SEARCH[kind];
  const q = value ? '' : query.trim();

  useEffect(() => {
    setFound(null);
    setError(null);
    if (!q) return;
    let live = true;
    const timer = setTimeout(() => {
      search.find(api, q).then(
        (list) => live && setFound(list),
        (e: unknown) => live && setError(e),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, search, q]);

  if (value) {
    return (
      <Field label={label} required={required} className={styles.picker}>
        <Input
          readOnly
          value={value.label}
          contentAfter={
            <Button
              appearance="transparent"
              size="small"
              icon={<DismissRegular />}
              aria-label={`Clear ${label.toLowerCase()}`}
              title={`Clear ${label.toLowerCase()}`}
              onClick={() => onChange(null)}
            />
          }
        />
      </Field>
    );
  }
  return (
    <div className={styles.picker}>
      <Field
        label={label}
        required={required}
        hint={hint ?? search.hint}
        validationMessage={validationMessage}
      >
        <SearchBox placeholder={search.placeholder} value={query} onChange={(_, d) => setQuery(d.value)} />
      </Field>
      {error !== null && <ProblemBar error={error} />}
      {q && found === null && error === null && <Spinner size="tiny" label="Searching…" />}
      {found?.length === 0 && <Caption1>Nothing matches “{q}”.</Caption1>}
      {found && found.length > 0 && (
        <ul className={styles.results} aria-label={`${label} matches`}>
          {found.slice(0, MAX_SHOWN).map((t) => (
            <li key={t.id}>
              <Button
                appearance="subtle"
                className={styles.result}
                onClick={() => {
                  onChange(t);
                  setQuery('');
                }}
              >
                {t.label}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
