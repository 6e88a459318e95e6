import {
  Button,
  Caption1,
  Field,
  Input,
  Select,
  Switch,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import {
  BUSINESS_VERTICALS,
  MAX_SMS_HELP_TEXT,
  PROFILE_LIMITS,
  REGIONS,
  type AuditEntry,
  type BusinessNumber,
  type BusinessProfile,
  type TenantSettings,
} from '@bridgeline/shared';
import { useServices } from '../../app/services.js';
import { EmptyState, Loading } from '../../ui/states.js';
import { AdminArea } from '../admin-area.js';
import { Panel, ProblemBar } from '../compliance/panel.js';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '640px' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, margin: 0, padding: 0 },
  item: {
    listStyle: 'none',
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    justifyContent: 'space-between',
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  meta: { color: tokens.colorNeutralForeground3 },
});

/**
 * The organisation (#/admin/organisation, docs/admin.md §7): settings, business numbers, the WhatsApp business
 * profile contacts see, and the audit of admin changes. Admins only.
 */
export function OrganisationArea() {
  const [numbers, setNumbers] = useState<BusinessNumber[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { api } = useServices();
  const load = useCallback(() => {
    api.call('GET /admin/numbers', {}).then(
      // The members table reads the same list for its SMS numbers; here it is the full admin shape.
      (list) => (setNumbers((Array.isArray(list) ? list : list.items) as BusinessNumber[]), setError(null)),
      (e: unknown) => setError(e),
    );
  }, [api]);
  useEffect(load, [load]);
  const whatsapp = numbers?.find((n) => n.channel === 'whatsapp') ?? null;
  return (
    <AdminArea>
      <SettingsPanel />
      <NumbersPanel numbers={numbers} error={error} reload={load} />
      {whatsapp && <ProfilePanel number={whatsapp} />}
      <AuditPanel />
    </AdminArea>
  );
}

function SettingsPanel() {
  const styles = useStyles();
  const { api } = useServices();
  const [settings, setSettings] = useState<TenantSettings | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    api.call('GET /admin/settings', {}).then(setSettings, setError);
  }, [api]);
  async function save(patch: Partial<TenantSettings>) {
    setError(null);
    setSaved(false);
    try {
      setSettings(await api.call('PATCH /admin/settings', { body: patch }));
      setSaved(true);
    } catch (e) {
      setError(e);
    }
  }
  return (
    <Panel title="Settings" about="For the whole organisation. Each change is archived.">
      {error !== null && <ProblemBar error={error} />}
      {settings === null && error === null && <Loading label="Loading settings…" />}
      {settings && (
        <div className={styles.form}>
          <Switch
            label="WhatsApp messaging for the organisation"
            checked={settings.whatsappEnabled}
            onChange={(_, d) => void save({ whatsappEnabled: d.checked })}
          />
          <Switch
            label="Restrict incoming: contacts we never messaged cannot open conversations (admins decide)"
            checked={settings.restrictIncoming}
            onChange={(_, d) => void save({ restrictIncoming: d.checked })}
          />
          <Caption1 className={styles.meta}>
            Their messages are still stored and archived; the conversation waits in Unassigned for an admin.
          </Caption1>
          <Field label="Default region of new members">
            <Select
              value={settings.defaultRegion ?? ''}
              onChange={(_, d) =>
                void save({
                  defaultRegion: d.value === '' ? null : (d.value as TenantSettings['defaultRegion']),
                })
              }
            >
              <option value="">The server's default</option>
              {REGIONS.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label="Answer to an SMS “HELP”"
            hint={`At most ${MAX_SMS_HELP_TEXT} characters; empty: Bridgeline's default, which names STOP and START.`}
            validationMessage={
              (settings.smsHelpText ?? '').length > MAX_SMS_HELP_TEXT
                ? 'This is longer than two texts.'
                : undefined
            }
          >
            <Textarea
              value={settings.smsHelpText ?? ''}
              onChange={(_, d) => setSettings({ ...settings, smsHelpText: d.value })}
            />
          </Field>
          <div className={styles.row}>
            <Button
              appearance="primary"
              onClick={() => void save({ smsHelpText: settings.smsHelpText ?? '' })}
            >
              Save help text
            </Button>
            {saved && <Caption1 className={styles.meta}>Saved.</Caption1>}
          </div>
        </div>
      )}
    </Panel>
  );
}

function NumbersPanel(props: { numbers: BusinessNumber[] | null; error: unknown; reload: () => void }) {
  const styles = useStyles();
  const { api } = useServices();
  const [error, setError] = useState<unknown>(null);
  async function toggle(n: BusinessNumber, enabled: boolean) {
    setError(null);
    try {
      await api.call('PATCH /admin/numbers/:id', { params: { id: n.id }, body: { enabled } });
      props.reload();
    } catch (e) {
      setError(e);
    }
  }
  const shown = error ?? props.error;
  return (
    <Panel
      title="Business numbers"
      about="A number switched off starts no new conversation; those already on it go on."
    >
      {shown !== null && <ProblemBar error={shown} onRetry={props.reload} />}
      {props.numbers === null && shown === null && <Loading label="Loading numbers…" />}
      {props.numbers?.length === 0 && <EmptyState title="No business numbers yet." />}
      {props.numbers && props.numbers.length > 0 && (
        <ul className={styles.list} aria-label="Business numbers">
          {props.numbers.map((n) => (
            <li key={n.id} className={styles.item}>
              <div>
                <Text weight="semibold">
                  {n.phone} · {n.channel === 'whatsapp' ? 'WhatsApp' : 'SMS'} · {n.region}
                </Text>
                <br />
                <Caption1 className={styles.meta}>
                  {n.channel === 'whatsapp'
                    ? `Phone number id ${n.providerNumberId ?? '—'} · opt-in ${n.optInTemplate?.name ?? '—'} · resume ${
                        n.resumeTemplate?.name ?? '—'
                      }${n.qualityRating ? ` · quality ${n.qualityRating}` : ''}`
                    : 'SMS number'}
                </Caption1>
              </div>
              <Switch
                aria-label={`${n.phone} enabled`}
                label={n.enabled ? 'On' : 'Off'}
                checked={n.enabled}
                onChange={(_, d) => void toggle(n, d.checked)}
              />
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

type ProfileDraft = {
  about: string;
  description: string;
  address: string;
  email: string;
  websites: string;
  vertical: string;
};

function draftOf(p: BusinessProfile): ProfileDraft {
  return {
    about: p.about ?? '',
    description: p.description ?? '',
    address: p.address ?? '',
    email: p.email ?? '',
    websites: p.websites.join('\n'),
    vertical: p.vertical ?? 'UNDEFINED',
  };
}

function ProfilePanel({ number }: { number: BusinessNumber }) {
  const styles = useStyles();
  const { api } = useServices();
  const [draft, setDraft] = useState<ProfileDraft | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    api
      .call('GET /admin/numbers/:id/profile', { params: { id: number.id } })
      .then((p) => setDraft(draftOf(p)), setError);
  }, [api, number.id]);
  if (draft === null)
    return (
      <Panel title="Business profile" about={`What contacts see of ${number.phone} on WhatsApp.`}>
        {error !== null ? <ProblemBar error={error} /> : <Loading label="Loading the profile from Meta…" />}
      </Panel>
    );
  const websites = draft.websites
    .split('\n')
    .map((w) => w.trim())
    .filter(Boolean);
  const problems = {
    about:
      draft.about.trim().length === 0
        ? 'The About text cannot be empty.'
        : draft.about.length > PROFILE_LIMITS.about
          ? `At most ${PROFILE_LIMITS.about} characters (${draft.about.length} now).`
          : undefined,
    websites:
      websites.length > PROFILE_LIMITS.websites ? `At most ${PROFILE_LIMITS.websites} websites.` : undefined,
  };
  async function save(d: ProfileDraft) {
    setError(null);
    setSaved(false);
    try {
      const p = await api.call('PATCH /admin/numbers/:id/profile', {
        params: { id: number.id },
        body: {
          about: d.about,
          description: d.description,
          address: d.address,
          email: d.email,
          websites,
          vertical: d.vertical as (typeof BUSINESS_VERTICALS)[number],
        },
      });
      setDraft(draftOf(p));
      setSaved(true);
    } catch (e) {
      setError(e);
    }
  }
  const set = (k: keyof ProfileDraft) => (_: unknown, d: { value: string }) =>
    setDraft({ ...draft, [k]: d.value });
  return (
    <Panel title="Business profile" about={`What contacts see of ${number.phone} on WhatsApp, kept by Meta.`}>
      {error !== null && <ProblemBar error={error} />}
      <div className={styles.form}>
        <Field
          label="About"
          required
          validationMessage={problems.about}
          hint={`${draft.about.length}/${PROFILE_LIMITS.about}`}
        >
          <Input value={draft.about} onChange={set('about')} />
        </Field>
        <Field label="Description">
          <Textarea value={draft.description} onChange={set('description')} />
        </Field>
        <Field label="Address">
          <Input value={draft.address} onChange={set('address')} />
        </Field>
        <Field label="E-mail">
          <Input type="email" value={draft.email} onChange={set('email')} />
        </Field>
        <Field label="Websites (one a line, at most 2)" validationMessage={problems.websites}>
          <Textarea value={draft.websites} onChange={set('websites')} />
        </Field>
        <Field label="Industry">
          <Select value={draft.vertical} onChange={set('vertical')}>
            {BUSINESS_VERTICALS.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </Select>
        </Field>
        <div className={styles.row}>
          <Button
            appearance="primary"
            disabled={problems.about !== undefined || problems.websites !== undefined}
            onClick={() => void save(draft)}
          >
            Save profile
          </Button>
          {saved && <Caption1 className={styles.meta}>Saved at Meta.</Caption1>}
        </div>
      </div>
    </Panel>
  );
}

function AuditPanel() {
  const styles = useStyles();
  const { api } = useServices();
  const [items, setItems] = useState<AuditEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(
    (cursor?: string) => {
      api
        .call('GET /admin/audit', { query: cursor ? { cursor } : {} })
        .then(
          (page) => (
            setItems((old) => (cursor ? [...(old ?? []), ...page.items] : page.items)),
            setNext(page.nextCursor)
          ),
          setError,
        );
    },
    [api],
  );
  useEffect(() => load(), [load]);
  return (
    <Panel title="Audit" about="Every admin change, newest first, as the compliance archive sealed it.">
      {error !== null && <ProblemBar error={error} onRetry={() => load()} />}
      {items === null && error === null && <Loading label="Loading the audit…" />}
      {items?.length === 0 && <EmptyState title="No admin changes yet." />}
      {items && items.length > 0 && (
        <ul className={styles.list} aria-label="Admin changes">
          {items.map((i) => (
            <li key={i.seq} className={styles.item}>
              <div>
                <Text weight="semibold">{i.type.replace(/^admin\./, '').replace(/_/g, ' ')}</Text>
                {i.subject && <Text> · {i.subject}</Text>}
                <br />
                <Caption1 className={styles.meta}>
                  {i.actor?.displayName ?? 'Bridgeline'} · {new Date(i.at).toLocaleString('en-GB')} · record{' '}
                  {i.seq}
                </Caption1>
              </div>
            </li>
          ))}
        </ul>
      )}
      {next && <Button onClick={() => load(next)}>Older changes</Button>}
    </Panel>
  );
}
