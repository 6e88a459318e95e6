import {
  Badge,
  Button,
  Field,
  Input,
  Select,
  Subtitle2,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Suspense, lazy, useCallback, useEffect, useState, type FormEvent } from 'react';
import type { MemberSummary, Region, UpdateMemberBody } from '@bridgeline/shared';
import { REGIONS } from '@bridgeline/shared/vocabulary';
import { useServices } from '../app/services.js';
import type { AdminSection } from '../app/use-route.js';
import { REGION_LABELS } from '../ui/regions.js';
import { SmsNumberSelect, useSmsNumbers } from './sms-number-select.js';
import { EmptyState, ErrorBar, Loading } from '../ui/states.js';
import { Tabs } from '../ui/tabs.js';

// The Compliance area loads when an admin opens it: members who are not admins never reach the admin screen, and an
// admin managing members does not download it either.
const ComplianceArea = lazy(() =>
  import('./compliance/compliance-area.js').then((m) => ({ default: m.ComplianceArea })),
);

const DlpArea = lazy(() => import('./dlp/dlp-area.js').then((m) => ({ default: m.DlpArea })));
const OrganisationArea = lazy(() =>
  import('./organisation/organisation-area.js').then((m) => ({ default: m.OrganisationArea })),
);

// WhatsApp account health (docs/admin.md): one module for its three sections.
const health = () => import('./health/health-area.js');
const HEALTH_AREAS = {
  templates: lazy(() => health().then((m) => ({ default: m.TemplatesArea }))),
  health: lazy(() => health().then((m) => ({ default: m.NumberHealthArea }))),
  usage: lazy(() => health().then((m) => ({ default: m.UsageArea }))),
};

const SECTIONS = [
  { value: 'members', label: 'Members' },
  { value: 'compliance', label: 'Compliance' },
  { value: 'dlp', label: 'DLP' },
  { value: 'organisation', label: 'Organisation' },
  { value: 'templates', label: 'Templates' },
  { value: 'health', label: 'Number health' },
  { value: 'usage', label: 'Usage' },
] as const;

const useStyles = makeStyles({
  screen: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    width: '100%',
    overflow: 'auto',
  },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  add: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
});

export interface AdminScreenProps {
  section: AdminSection;
  onSection: (section: AdminSection) => void;
}

/** Admins only (the shell shows it to no one else): members, and the compliance archive. */
export function AdminScreen({ section, onSection }: AdminScreenProps) {
  const styles = useStyles();
  return (
    <section className={styles.screen} aria-label="Admin">
      <Tabs<AdminSection> aria-label="Admin" items={SECTIONS} selected={section} onSelect={onSection} />
      {section === 'compliance' ? (
        <Suspense fallback={<Loading label="Loading…" />}>
          <ComplianceArea />
        </Suspense>
      ) : section === 'dlp' ? (
        <Suspense fallback={<Loading label="Loading…" />}>
          <DlpArea />
        </Suspense>
      ) : section === 'organisation' ? (
        <Suspense fallback={<Loading label="Loading…" />}>
          <OrganisationArea />
        </Suspense>
      ) : section === 'templates' || section === 'health' || section === 'usage' ? (
        <Suspense fallback={<Loading label="Loading…" />}>
          <HealthSection section={section} />
        </Suspense>
      ) : (
        <MembersSection />
      )}
    </section>
  );
}

function HealthSection({ section }: { section: keyof typeof HEALTH_AREAS }) {
  const Area = HEALTH_AREAS[section];
  return <Area />;
}

/** Admins enable members and set their region; business numbers and templates are configured on the server. */
function MembersSection() {
  const styles = useStyles();
  const { api } = useServices();
  const [members, setMembers] = useState<MemberSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [draft, setDraft] = useState({ email: '', displayName: '', region: 'us' as Region });
  const smsNumbers = useSmsNumbers();

  const load = useCallback(() => {
    api.adminListMembers().then(
      (list) => (setMembers(list), setError(null)),
      (e: unknown) => setError(e),
    );
  }, [api]);
  useEffect(load, [load]);

  async function update(member: MemberSummary, change: UpdateMemberBody) {
    setError(null);
    // Show the change at once; the server's answer (or a reload on failure) settles it.
    setMembers((old) => old?.map((m) => (m.id === member.id ? { ...m, ...change } : m)) ?? old);
    try {
      const saved = await api.adminUpdateMember(member.id, change);
      if (saved?.id) setMembers((old) => old?.map((m) => (m.id === saved.id ? saved : m)) ?? old);
    } catch (e) {
      setError(e);
      load();
    }
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api.adminCreateMember({ ...draft, enabled: true });
      setDraft({ email: '', displayName: '', region: draft.region });
      load();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section className={styles.section} aria-labelledby="admin-title">
      <Subtitle2 as="h1" id="admin-title">
        Members
      </Subtitle2>
      <form className={styles.add} onSubmit={(e) => void add(e)} aria-label="Add a member">
        <Field label="Email" required>
          <Input
            type="email"
            value={draft.email}
            onChange={(_, d) => setDraft({ ...draft, email: d.value })}
          />
        </Field>
        <Field label="Name" required>
          <Input
            value={draft.displayName}
            onChange={(_, d) => setDraft({ ...draft, displayName: d.value })}
          />
        </Field>
        <Field label="Region">
          <Select value={draft.region} onChange={(_, d) => setDraft({ ...draft, region: d.value as Region })}>
            {REGIONS.map((r) => (
              <option key={r} value={r}>
                {REGION_LABELS[r]}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" disabled={!draft.email.trim() || !draft.displayName.trim()}>
          Add member
        </Button>
      </form>
      {error !== null && <ErrorBar error={error} onRetry={load} />}
      {members === null && error === null && <Loading label="Loading members…" />}
      {members?.length === 0 && <EmptyState title="No members yet." />}
      {members && members.length > 0 && (
        <Table aria-label="Members" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Email</TableHeaderCell>
              <TableHeaderCell>Region</TableHeaderCell>
              <TableHeaderCell>WhatsApp enabled</TableHeaderCell>
              <TableHeaderCell>SMS number</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {members.map((m) => (
              <TableRow key={m.id}>
                <TableCell>
                  {m.displayName} {m.isAdmin && <Badge appearance="tint">Admin</Badge>}
                </TableCell>
                <TableCell>{m.email}</TableCell>
                <TableCell>
                  <Select
                    size="small"
                    aria-label={`Region of ${m.displayName}`}
                    value={m.region}
                    onChange={(_, d) => void update(m, { region: d.value as Region })}
                  >
                    {REGIONS.map((r) => (
                      <option key={r} value={r}>
                        {REGION_LABELS[r]}
                      </option>
                    ))}
                  </Select>
                </TableCell>
                <TableCell>
                  <Switch
                    aria-label={`WhatsApp enabled for ${m.displayName}`}
                    checked={m.enabled}
                    onChange={(_, d) => void update(m, { enabled: d.checked })}
                  />
                </TableCell>
                <TableCell>
                  <SmsNumberSelect member={m} numbers={smsNumbers} onChange={(c) => void update(m, c)} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
