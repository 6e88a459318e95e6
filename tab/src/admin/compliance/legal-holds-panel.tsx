import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { LegalHold } from '@bridgeline/shared';
import { useArchiveApi } from './archive-api.js';
import { ConfirmDialog } from '../../details/confirm-dialog.js';
import { EmptyState, Loading } from '../../ui/states.js';
import { formatFullTime } from '../../ui/time.js';
import { LegalHoldForm } from './legal-hold-form.js';
import { Panel, ProblemBar } from './panel.js';
import { HOLD_SCOPE_LABELS } from './words.js';

/** Legal holds: what retention must never purge, placed with a reason and released only after a confirmation. */
export function LegalHoldsPanel() {
  const archive = useArchiveApi();
  const [holds, setHolds] = useState<LegalHold[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [releasing, setReleasing] = useState<LegalHold | null>(null);

  const load = useCallback(() => {
    archive.listLegalHolds().then(
      (list) => (setHolds(list), setError(null)),
      (e: unknown) => setError(e),
    );
  }, [archive]);
  useEffect(load, [load]);

  async function release(hold: LegalHold) {
    setReleasing(null);
    setError(null);
    try {
      await archive.releaseLegalHold(hold.id);
      setHolds((list) => list?.filter((h) => h.id !== hold.id) ?? list);
    } catch (e) {
      setError(e);
    }
    load();
  }

  return (
    <Panel
      title="Legal holds"
      about="Retention deletes nothing a hold covers, for as long as the hold stands. Placing and releasing a hold are archived."
    >
      <LegalHoldForm onPlaced={load} />
      {error !== null && <ProblemBar error={error} onRetry={load} />}
      {holds === null && error === null && <Loading label="Loading legal holds…" />}
      {holds?.length === 0 && <EmptyState title="No legal holds." />}
      {holds && holds.length > 0 && (
        <Table aria-label="Legal holds" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Covers</TableHeaderCell>
              <TableHeaderCell>Reason</TableHeaderCell>
              <TableHeaderCell>Placed by</TableHeaderCell>
              <TableHeaderCell>Action</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {holds.map((hold) => (
              <TableRow key={hold.id}>
                <TableCell>
                  {HOLD_SCOPE_LABELS[hold.scope]}: {hold.targetLabel}
                </TableCell>
                <TableCell>{hold.reason}</TableCell>
                <TableCell>
                  {hold.createdBy.displayName}, {formatFullTime(hold.createdAt)}
                </TableCell>
                <TableCell>
                  <Button
                    size="small"
                    aria-label={`Release the hold on ${hold.targetLabel}`}
                    onClick={() => setReleasing(hold)}
                  >
                    Release
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {releasing && (
        <ConfirmDialog
          title="Release this legal hold?"
          text={
            `${HOLD_SCOPE_LABELS[releasing.scope]}: ${releasing.targetLabel}. Once released, retention may remove the ` +
            `words of its records older than the retention period (the records stay, sealed). The release is archived.`
          }
          confirmLabel="Release"
          onConfirm={() => void release(releasing)}
          onCancel={() => setReleasing(null)}
        />
      )}
    </Panel>
  );
}
