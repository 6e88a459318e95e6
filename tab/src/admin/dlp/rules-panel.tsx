import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { DlpCheckResult, DlpRuleView } from '@bridgeline/shared';
import { useServices } from '../../app/services.js';
import { EmptyState, Loading } from '../../ui/states.js';
import { Panel, ProblemBar } from '../compliance/panel.js';

/** The built-in detectors, offered as presets: each validates what it finds (Luhn, mod-97, SSN and NINO rules). */
export const DETECTOR_PRESETS = [
  { detector: 'credit_card', name: 'Payment card numbers' },
  { detector: 'iban', name: 'IBANs' },
  { detector: 'us_ssn', name: 'US Social Security numbers' },
  { detector: 'uk_nino', name: 'UK National Insurance numbers' },
  { detector: 'email', name: 'E-mail addresses' },
  { detector: 'phone', name: 'Phone numbers' },
] as const;

type Draft = {
  id: string | null;
  name: string;
  kind: 'keyword' | 'regex' | 'detector';
  keywords: string;
  pattern: string;
  detector: string;
  action: 'block' | 'redact' | 'flag';
  direction: 'outbound' | 'inbound' | 'both';
};
const EMPTY: Draft = {
  id: null,
  name: '',
  kind: 'detector',
  keywords: '',
  pattern: '',
  detector: 'credit_card',
  action: 'block',
  direction: 'outbound',
};

const bodyOf = (d: Draft) => ({
  name: d.name,
  kind: d.kind,
  action: d.action,
  direction: d.direction,
  ...(d.kind === 'keyword'
    ? {
        keywords: d.keywords
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean),
      }
    : {}),
  ...(d.kind === 'regex' ? { pattern: d.pattern } : {}),
  ...(d.kind === 'detector' ? { detector: d.detector } : {}),
});
const draftOf = (r: DlpRuleView): Draft => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  keywords: (r.keywords ?? []).join(', '),
  pattern: r.pattern ?? '',
  detector: r.detector ?? 'credit_card',
  action: r.action,
  direction: r.direction,
});
const WHAT = { block: 'Block', redact: 'Redact', flag: 'Flag for review' } as const;

const useStyles = makeStyles({
  form: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
  wide: { flexGrow: 1, minWidth: '240px' },
  test: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export function DlpRulesPanel() {
  const styles = useStyles();
  const { api } = useServices();
  const [rules, setRules] = useState<DlpRuleView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [sample, setSample] = useState('');
  const [tested, setTested] = useState<DlpCheckResult | null>(null);

  const load = useCallback(() => {
    api.call('GET /admin/dlp-rules', {}).then(
      (list) => (setRules(list), setError(null)),
      (e: unknown) => setError(e),
    );
  }, [api]);
  useEffect(load, [load]);

  async function run(work: () => Promise<unknown>) {
    setError(null);
    try {
      await work();
      load();
    } catch (e) {
      setError(e);
    }
  }

  function save(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      if (draft.id)
        await api.call('PATCH /admin/dlp-rules/:id', { params: { id: draft.id }, body: bodyOf(draft) });
      else await api.call('POST /admin/dlp-rules', { body: bodyOf(draft) });
      setDraft(EMPTY);
      setTested(null);
    });
  }

  async function test() {
    setError(null);
    try {
      setTested(await api.call('POST /dlp/check', { body: { text: sample, rules: [bodyOf(draft)] } }));
    } catch (e) {
      setError(e);
    }
  }

  const set = (patch: Partial<Draft>) => (setDraft({ ...draft, ...patch }), setTested(null));
  return (
    <Panel
      title="Data loss prevention rules"
      about="What members may not send: blocked, redacted (replaced by [redacted]) or flagged for review. Test a sample text before saving."
    >
      <form className={styles.form} onSubmit={save} aria-label={draft.id ? 'Edit the rule' : 'Add a rule'}>
        <Field label="Kind">
          <Select value={draft.kind} onChange={(_, d) => set({ kind: d.value as Draft['kind'] })}>
            <option value="detector">Built-in detector</option>
            <option value="keyword">Keywords</option>
            <option value="regex">Regular expression (RE2)</option>
          </Select>
        </Field>
        {draft.kind === 'detector' && (
          <Field label="Detector">
            <Select
              value={draft.detector}
              onChange={(_, d) => {
                const preset = DETECTOR_PRESETS.find((p) => p.detector === d.value);
                set({ detector: d.value, ...(draft.name === '' && preset ? { name: preset.name } : {}) });
              }}
            >
              {DETECTOR_PRESETS.map((p) => (
                <option key={p.detector} value={p.detector}>
                  {p.name}
                </option>
              ))}
            </Select>
          </Field>
        )}
        {draft.kind === 'keyword' && (
          <Field label="Keywords (comma-separated)" className={styles.wide}>
            <Input value={draft.keywords} onChange={(_, d) => set({ keywords: d.value })} />
          </Field>
        )}
        {draft.kind === 'regex' && (
          <Field label="Pattern" className={styles.wide}>
            <Input value={draft.pattern} onChange={(_, d) => set({ pattern: d.value })} />
          </Field>
        )}
        <Field label="Name" required>
          <Input value={draft.name} onChange={(_, d) => set({ name: d.value })} />
        </Field>
        <Field label="Action">
          <Select value={draft.action} onChange={(_, d) => set({ action: d.value as Draft['action'] })}>
            {Object.entries(WHAT).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Applies to">
          <Select
            value={draft.direction}
            onChange={(_, d) => set({ direction: d.value as Draft['direction'] })}
          >
            <option value="outbound">What members send</option>
            <option value="inbound">What contacts send (display only)</option>
            <option value="both">Both</option>
          </Select>
        </Field>
        <Button type="submit" appearance="primary" disabled={draft.name.trim() === ''}>
          {draft.id ? 'Save rule' : 'Add rule'}
        </Button>
        {draft.id && <Button onClick={() => setDraft(EMPTY)}>Cancel</Button>}
      </form>
      <div className={styles.test}>
        <Field label="Sample text to test the rule with">
          <Textarea value={sample} onChange={(_, d) => (setSample(d.value), setTested(null))} />
        </Field>
        <div>
          <Button onClick={() => void test()} disabled={sample.trim() === ''}>
            Test the rule
          </Button>
        </div>
        {tested && (
          <MessageBar
            intent={tested.action === 'allow' ? 'success' : 'info'}
            layout="multiline"
            role="status"
          >
            <MessageBarBody>
              {tested.action === 'allow' ? 'The rule finds nothing in this text.' : tested.reasons.join(' ')}
              {tested.redactedText !== undefined ? ` Sent as: “${tested.redactedText}”` : ''}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
      {error !== null && <ProblemBar error={error} onRetry={load} />}
      {rules === null && error === null && <Loading label="Loading rules…" />}
      {rules?.length === 0 && <EmptyState title="No rules yet: every message is sent as written." />}
      {rules && rules.length > 0 && (
        <Table aria-label="DLP rules" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Finds</TableHeaderCell>
              <TableHeaderCell>Action</TableHeaderCell>
              <TableHeaderCell>Enabled</TableHeaderCell>
              <TableHeaderCell />
            </TableRow>
          </TableHeader>
          <TableBody>
            {rules.map((r) => (
              <TableRow key={r.id}>
                <TableCell>{r.name}</TableCell>
                <TableCell>
                  {r.kind === 'keyword'
                    ? (r.keywords ?? []).join(', ')
                    : r.kind === 'regex'
                      ? r.pattern
                      : (DETECTOR_PRESETS.find((p) => p.detector === r.detector)?.name ?? r.detector)}
                </TableCell>
                <TableCell>{WHAT[r.action]}</TableCell>
                <TableCell>
                  <Switch
                    aria-label={`${r.name} enabled`}
                    checked={r.enabled}
                    onChange={(_, d) =>
                      void run(() =>
                        api.call('PATCH /admin/dlp-rules/:id', {
                          params: { id: r.id },
                          body: { enabled: d.checked },
                        }),
                      )
                    }
                  />
                </TableCell>
                <TableCell>
                  <Button size="small" appearance="subtle" onClick={() => setDraft(draftOf(r))}>
                    Edit
                  </Button>
                  <Button
                    size="small"
                    appearance="subtle"
                    onClick={() =>
                      void run(() => api.call('DELETE /admin/dlp-rules/:id', { params: { id: r.id } }))
                    }
                  >
                    Delete
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Panel>
  );
}
