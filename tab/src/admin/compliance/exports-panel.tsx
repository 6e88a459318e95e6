import {
  Badge,
  Button,
  Caption1,
  ProgressBar,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons/svg/arrow-download';
import { useState } from 'react';
import type { ArchiveExport } from '@bridgeline/shared';
import { useArchiveApi } from './archive-api.js';
import { EmptyState, Loading } from '../../ui/states.js';
import { formatFullTime } from '../../ui/time.js';
import { ExportForm } from './export-form.js';
import { Panel, ProblemBar } from './panel.js';
import { saveFile } from './save-file.js';
import { useExports } from './use-exports.js';
import { EXPORT_STATUS_LABELS, FORMATS, exportCounts } from './words.js';

const useStyles = makeStyles({
  status: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalXXS,
    minWidth: '120px',
  },
  progress: { alignSelf: 'stretch' },
});

const STATUS_COLORS = { running: 'informative', done: 'success', failed: 'danger' } as const;

function filters(item: ArchiveExport): string {
  const only = [
    item.contactId && 'one contact',
    item.memberId && 'one member',
    item.threadId && 'one conversation',
  ];
  const words = only.filter(Boolean).join(', ');
  return words ? `Only ${words}` : 'Everything';
}

function fallbackName(item: ArchiveExport): string {
  return `bridgeline-archive-${item.format}-${item.from.slice(0, 10)}-${item.to.slice(0, 10)}.zip`;
}

/** Exports of the archive: a form to start one, and the list, with progress while running and Download once done. */
export function ExportsPanel() {
  const styles = useStyles();
  const archive = useArchiveApi();
  const { exports, error, reload } = useExports();
  const [downloading, setDownloading] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);

  async function download(item: ArchiveExport) {
    setDownloading(item.id);
    setDownloadError(null);
    try {
      // Fetched with the token (a plain link would go without it), then saved from memory.
      const { blob, fileName } = await archive.downloadExport(item.id);
      saveFile(blob, fileName ?? fallbackName(item));
    } catch (e) {
      setDownloadError(e);
    } finally {
      setDownloading(null);
    }
  }

  return (
    <Panel
      title="Exports"
      about="A zip of the archive for a time range, with a manifest of its files, hashes and the chain's head."
    >
      <ExportForm onStarted={reload} />
      {error !== null && <ProblemBar error={error} onRetry={reload} />}
      {downloadError !== null && <ProblemBar error={downloadError} />}
      {exports === null && error === null && <Loading label="Loading exports…" />}
      {exports?.length === 0 && <EmptyState title="No exports yet." />}
      {exports && exports.length > 0 && (
        <Table aria-label="Exports" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Requested</TableHeaderCell>
              <TableHeaderCell>Range</TableHeaderCell>
              <TableHeaderCell>Format</TableHeaderCell>
              <TableHeaderCell>Records</TableHeaderCell>
              <TableHeaderCell>Status</TableHeaderCell>
              <TableHeaderCell>File</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {exports.map((item) => (
              <TableRow key={item.id}>
                <TableCell>{formatFullTime(item.createdAt)}</TableCell>
                <TableCell>
                  {formatFullTime(item.from)} – {formatFullTime(item.to)}
                  <Caption1 block>{filters(item)}</Caption1>
                </TableCell>
                <TableCell>{FORMATS[item.format].label}</TableCell>
                <TableCell>{exportCounts(item)}</TableCell>
                <TableCell>
                  <div className={styles.status}>
                    <Badge appearance="tint" color={STATUS_COLORS[item.status]}>
                      {EXPORT_STATUS_LABELS[item.status]}
                    </Badge>
                    {item.status === 'running' && (
                      <ProgressBar
                        className={styles.progress}
                        aria-label="Export progress"
                        value={item.counts.total ? item.counts.records / item.counts.total : undefined}
                      />
                    )}
                    {item.status === 'failed' && item.error && <Caption1>{item.error}</Caption1>}
                  </div>
                </TableCell>
                <TableCell>
                  {item.status === 'done' && item.expiredAt !== null && (
                    <Caption1>Expired {formatFullTime(item.expiredAt)}: the zip was removed</Caption1>
                  )}
                  {item.status === 'done' && item.expiredAt === null && (
                    <Button
                      size="small"
                      icon={<ArrowDownloadRegular />}
                      disabled={downloading === item.id}
                      aria-label={`Download the export of ${formatFullTime(item.createdAt)}`}
                      onClick={() => void download(item)}
                    >
                      {downloading === item.id ? 'Downloading…' : 'Download'}
                    </Button>
                  )}
                  {item.status === 'done' && item.expiredAt === null && item.expiresAt !== null && (
                    <Caption1 block>Kept until {formatFullTime(item.expiresAt)}</Caption1>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Panel>
  );
}
