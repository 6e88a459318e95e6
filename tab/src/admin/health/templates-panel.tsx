import {
  Caption1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback } from 'react';
import type { AdminTemplate } from '@bridgeline/shared';
import { useServices } from '../../app/services.js';
import { EmptyState, Loading } from '../../ui/states.js';
import { Panel, ProblemBar } from '../compliance/panel.js';
import { QualityBadge, StatusBadge } from './health-badges.js';
import { useAdminData } from './use-admin-data.js';

const useStyles = makeStyles({
  scroll: { overflowX: 'auto' },
  sub: { color: tokens.colorNeutralForeground3, display: 'block' },
  no: { color: tokens.colorPaletteRedForeground1 },
});

const ROLE_WORDS = { opt_in: 'Opt-in request', resume: 'Resume request' } as const;
const day = (iso: string) => iso.slice(0, 10);

function sendableWords(t: AdminTemplate): string {
  if (!t.sendable) return 'No';
  return t.disableDate ? `Yes, until ${day(t.disableDate)}` : 'Yes';
}

/** Every template Meta reports, as its webhooks keep it: status, quality, whether members can send it, who uses it. */
export function TemplatesPanel() {
  const styles = useStyles();
  const { api } = useServices();
  const { value, error, reload } = useAdminData(
    useCallback(() => api.call('GET /admin/templates', {}), [api]),
  );
  return (
    <Panel
      title="Templates"
      about="As Meta reports them, kept current by its webhooks. The composer offers only templates that can be sent."
    >
      {error !== null && <ProblemBar error={error} onRetry={reload} />}
      {value === null && error === null && <Loading label="Loading templates…" />}
      {value?.length === 0 && <EmptyState title="Meta has reported no templates yet." />}
      {value && value.length > 0 && (
        <div className={styles.scroll}>
          <Table aria-label="Templates" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Template</TableHeaderCell>
                <TableHeaderCell>Category</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
                <TableHeaderCell>Quality</TableHeaderCell>
                <TableHeaderCell>Can be sent</TableHeaderCell>
                <TableHeaderCell>Used by Bridgeline for</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {value.map((t) => (
                <TableRow key={`${t.name}:${t.language}`}>
                  <TableCell>
                    {t.name}
                    <Caption1 className={styles.sub}>{t.language}</Caption1>
                  </TableCell>
                  <TableCell>{t.category ?? '—'}</TableCell>
                  <TableCell>
                    <StatusBadge status={t.status} />
                    {t.reason && t.reason !== 'NONE' && (
                      <Caption1 className={styles.sub}>{t.reason}</Caption1>
                    )}
                  </TableCell>
                  <TableCell>
                    <QualityBadge quality={t.quality} />
                  </TableCell>
                  <TableCell className={t.sendable ? undefined : styles.no}>{sendableWords(t)}</TableCell>
                  <TableCell>{t.usedFor.map((r) => ROLE_WORDS[r]).join(', ') || '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </Panel>
  );
}
