import {
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import type { Usage, UsageRow } from '@bridgeline/shared';
import { useServices } from '../../app/services.js';
import { Loading } from '../../ui/states.js';
import { Panel, ProblemBar } from '../compliance/panel.js';
import { useAdminData } from './use-admin-data.js';

const useStyles = makeStyles({
  controls: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', flexWrap: 'wrap' },
  totals: { display: 'flex', gap: tokens.spacingHorizontalXXL, flexWrap: 'wrap' },
  total: { display: 'flex', flexDirection: 'column' },
  label: { color: tokens.colorNeutralForeground3 },
  tables: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))',
    alignItems: 'start',
    gap: tokens.spacingHorizontalL,
  },
  num: { textAlign: 'right' },
});

export function money(amount: number | null, currency: string): string {
  if (amount === null) return 'No rate';
  return amount.toLocaleString('en-US', { style: 'currency', currency, maximumFractionDigits: 4 });
}

function UsageTable({ title, rows, currency }: { title: string; rows: UsageRow[]; currency: string }) {
  const styles = useStyles();
  return (
    <Table aria-label={title} size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{title}</TableHeaderCell>
          <TableHeaderCell className={styles.num}>Messages</TableHeaderCell>
          <TableHeaderCell className={styles.num}>Charged</TableHeaderCell>
          <TableHeaderCell className={styles.num}>Estimate</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.length === 0 ? (
          <TableRow>
            <TableCell>None this month</TableCell>
            <TableCell />
            <TableCell />
            <TableCell />
          </TableRow>
        ) : (
          rows.map((r) => (
            <TableRow key={r.key}>
              <TableCell>{r.label}</TableCell>
              <TableCell className={styles.num}>{r.messages.toLocaleString('en-US')}</TableCell>
              <TableCell className={styles.num}>{r.charged.toLocaleString('en-US')}</TableCell>
              <TableCell className={styles.num}>{money(r.estimated, currency)}</TableCell>
            </TableRow>
          ))
        )}
      </TableBody>
    </Table>
  );
}

function October2026Note({ usage }: { usage: Usage }) {
  const from = usage.windowChargesFrom;
  const after = usage.month >= from.slice(0, 7);
  return (
    <MessageBar intent={after ? 'warning' : 'info'} layout="multiline">
      <MessageBarBody>
        Since {from} Meta charges service messages and utility templates sent inside the 24-hour window, which
        were free before.{' '}
        {after
          ? `${usage.chargedSinceOctober2026.toLocaleString('en-US')} of this month’s charged messages are charged only because of that change.`
          : 'This month is before the change: those messages were free.'}
      </MessageBarBody>
    </MessageBar>
  );
}

/** Priced WhatsApp messages of a month (as Meta reported them on statuses), and the estimate from the rate card. */
export function UsagePanel({ initialMonth, version }: { initialMonth: string; version: number }) {
  const styles = useStyles();
  const { api } = useServices();
  const [month, setMonth] = useState(initialMonth);
  // `version` changes when the rate card is saved: the estimate is read again.
  const load = useCallback(
    () => (void version, api.call('GET /admin/usage', { query: { month } })),
    [api, month, version],
  );
  const { value, error, reload } = useAdminData(load);
  return (
    <Panel
      title="Usage"
      about="WhatsApp messages Meta priced, per category, number and member. SMS is not included."
    >
      <div className={styles.controls}>
        <Field label="Month">
          <Input type="month" value={month} onChange={(_, d) => d.value && setMonth(d.value)} />
        </Field>
      </div>
      {error !== null && <ProblemBar error={error} onRetry={reload} />}
      {value === null && error === null && <Loading label="Loading usage…" />}
      {value && (
        <>
          <October2026Note usage={value} />
          <div className={styles.totals}>
            <div className={styles.total}>
              <Text className={styles.label}>Messages</Text>
              <Text size={600} weight="semibold">
                {value.total.messages.toLocaleString('en-US')}
              </Text>
            </div>
            <div className={styles.total}>
              <Text className={styles.label}>Charged by Meta</Text>
              <Text size={600} weight="semibold">
                {value.total.charged.toLocaleString('en-US')}
              </Text>
            </div>
            <div className={styles.total}>
              <Text className={styles.label}>Estimated spend</Text>
              <Text size={600} weight="semibold">
                {money(value.total.estimated, value.currency)}
              </Text>
            </div>
          </div>
          <div className={styles.tables}>
            <UsageTable title="Category" rows={value.byCategory} currency={value.currency} />
            <UsageTable title="Number" rows={value.byNumber} currency={value.currency} />
            <UsageTable title="Member" rows={value.byMember} currency={value.currency} />
          </div>
        </>
      )}
    </Panel>
  );
}
