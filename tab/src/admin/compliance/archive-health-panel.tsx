import {
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { CopyRegular } from '@fluentui/react-icons/svg/copy';
import { useCallback, useEffect, useState } from 'react';
import type { ArchiveHealth, ArchiveVerifyResult } from '@bridgeline/shared';
import { useArchiveApi } from './archive-api.js';
import { formatFullTime } from '../../ui/time.js';
import { Loading } from '../../ui/states.js';
import { Panel, ProblemBar } from './panel.js';
import { SINK_LABELS, lagWords, retentionWords, shortHash, sinkState, verifyWords } from './words.js';

const useStyles = makeStyles({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    alignItems: 'center',
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: {
    margin: 0,
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
  },
  hash: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
  broken: { color: tokens.colorPaletteRedForeground1 },
});

/** The archive's health: its size and head, the last checkpoint and verification, the outward feeds; Verify now. */
export function ArchiveHealthPanel() {
  const styles = useStyles();
  const archive = useArchiveApi();
  const [health, setHealth] = useState<ArchiveHealth | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [verifying, setVerifying] = useState(false);
  const [verified, setVerified] = useState<ArchiveVerifyResult | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);
  const [copy, setCopy] = useState<'copied' | 'blocked' | null>(null);

  const load = useCallback(() => {
    archive.health().then(
      (h) => (setHealth(h), setError(null)),
      (e: unknown) => setError(e),
    );
  }, [archive]);
  useEffect(load, [load]);

  async function verify() {
    setVerifying(true);
    setVerified(null);
    setVerifyError(null);
    try {
      const result = await archive.verify();
      setVerified(result);
      setHealth(
        (h) =>
          h && {
            ...h,
            records: result.records,
            head: result.head,
            checkpoint: result.checkpoint,
            lastVerify: result,
          },
      );
    } catch (e) {
      setVerifyError(e);
    } finally {
      setVerifying(false);
    }
  }

  async function copyHead(head: string) {
    try {
      await navigator.clipboard.writeText(head);
      setCopy('copied');
    } catch {
      // Teams' webview may refuse the clipboard: the whole hash is shown to select instead.
      setCopy('blocked');
    }
  }

  const last = health?.lastVerify ?? null;
  return (
    <Panel
      title="Archive health"
      about="Every message, consent and membership event is sealed into a hash chain; checking it recomputes every hash."
      actions={
        <Button
          appearance="primary"
          disabled={verifying}
          icon={verifying ? <Spinner size="tiny" /> : undefined}
          onClick={() => void verify()}
        >
          Verify now
        </Button>
      }
    >
      {verifying && <Body1 role="status">Verifying every record…</Body1>}
      {verified && (
        <MessageBar intent={verified.intact ? 'success' : 'error'} role="status">
          <MessageBarBody>{verifyWords(verified)}</MessageBarBody>
        </MessageBar>
      )}
      {verifyError !== null && <ProblemBar error={verifyError} />}
      {error !== null && <ProblemBar error={error} onRetry={load} />}
      {health === null && error === null && <Loading label="Loading the archive’s health…" />}
      {health && (
        <dl className={styles.facts}>
          <dt className={styles.term}>Records</dt>
          <dd className={styles.value}>{health.records.toLocaleString('en-US')}</dd>
          <dt className={styles.term}>Head hash</dt>
          <dd className={styles.value}>
            <span className={styles.hash} title={health.head}>
              {copy === 'blocked' ? health.head : shortHash(health.head)}
            </span>
            <Button
              size="small"
              appearance="subtle"
              icon={<CopyRegular />}
              aria-label="Copy the head hash"
              title="Copy the head hash"
              onClick={() => void copyHead(health.head)}
            />
            {copy === 'copied' && <Caption1 role="status">Copied</Caption1>}
            {copy === 'blocked' && (
              <Caption1 role="status">Copying is blocked here: select the hash.</Caption1>
            )}
          </dd>
          <dt className={styles.term}>Last checkpoint</dt>
          <dd className={styles.value}>
            {health.checkpoint
              ? `Record ${health.checkpoint.seq.toLocaleString('en-US')}, signed ${formatFullTime(health.checkpoint.at)}`
              : 'None signed yet'}
          </dd>
          <dt className={styles.term}>Last verification</dt>
          <dd className={styles.value}>
            {last ? (
              <span className={last.intact ? undefined : styles.broken}>
                {verifyWords(last)} ({formatFullTime(last.verifiedAt)})
              </span>
            ) : (
              'Never verified'
            )}
          </dd>
          <dt className={styles.term}>Retention</dt>
          <dd className={styles.value}>
            {health.retentionDays.toLocaleString('en-US')} days ({retentionWords(health.retentionDays)})
          </dd>
        </dl>
      )}
      {health?.sinks.length === 0 && (
        <Caption1>No outward feed (SMTP journal, CRM push) is set up on this server.</Caption1>
      )}
      {health && health.sinks.length > 0 && (
        <Table aria-label="Archive feeds" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Feed</TableHeaderCell>
              <TableHeaderCell>State</TableHeaderCell>
              <TableHeaderCell>Backlog</TableHeaderCell>
              <TableHeaderCell>Lag</TableHeaderCell>
              <TableHeaderCell>Failures</TableHeaderCell>
              <TableHeaderCell>Last error</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {health.sinks.map((s) => (
              <TableRow key={s.sink}>
                <TableCell>{SINK_LABELS[s.sink]}</TableCell>
                <TableCell>{sinkState(s)}</TableCell>
                <TableCell>{s.backlog.toLocaleString('en-US')} records</TableCell>
                <TableCell>{lagWords(s.lagSeconds)}</TableCell>
                <TableCell>{s.failures.toLocaleString('en-US')}</TableCell>
                <TableCell>{s.lastError ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Panel>
  );
}
