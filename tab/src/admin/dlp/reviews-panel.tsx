import { Button, Caption1, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { DlpReview } from '@bridgeline/shared';
import { useServices } from '../../app/services.js';
import { EmptyState, Loading } from '../../ui/states.js';
import { Panel, ProblemBar } from '../compliance/panel.js';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, margin: 0, padding: 0 },
  item: {
    listStyle: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  meta: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

/** Flagged messages waiting for a decision: each with its text, sender and contact, cleared or escalated with a note. */
export function DlpReviewsPanel() {
  const styles = useStyles();
  const { api } = useServices();
  const [items, setItems] = useState<DlpReview[] | null>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    api.call('GET /admin/reviews', { query: { state: 'open' } }).then(
      (page) => (setItems(page.items), setError(null)),
      (e: unknown) => setError(e),
    );
  }, [api]);
  useEffect(load, [load]);

  async function resolve(review: DlpReview, outcome: 'cleared' | 'escalated') {
    setError(null);
    try {
      await api.call('POST /admin/reviews/:id/resolve', {
        params: { id: review.id },
        body: { outcome, note: notes[review.id] ?? '' },
      });
      load();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Panel
      title="Review queue"
      about="Messages a flag rule matched: they were sent as written. Each decision is archived."
    >
      {error !== null && <ProblemBar error={error} onRetry={load} />}
      {items === null && error === null && <Loading label="Loading reviews…" />}
      {items?.length === 0 && <EmptyState title="Nothing to review." />}
      {items && items.length > 0 && (
        <ul className={styles.list} aria-label="Flagged messages">
          {items.map((r) => (
            <li key={r.id} className={styles.item}>
              <Text weight="semibold">Rule “{r.ruleName}”</Text>
              <Text>{r.text ?? '(no text)'}</Text>
              <Caption1 className={styles.meta}>
                {r.senderName ?? 'A member'} to {r.contactLabel ?? 'a contact'},{' '}
                {new Date(r.createdAt).toLocaleString('en-GB')}
              </Caption1>
              <div className={styles.actions}>
                <Input
                  aria-label={`Note on the review of rule ${r.ruleName}`}
                  placeholder="Note (optional)"
                  value={notes[r.id] ?? ''}
                  onChange={(_, d) => setNotes({ ...notes, [r.id]: d.value })}
                />
                <Button onClick={() => void resolve(r, 'cleared')}>Clear</Button>
                <Button appearance="primary" onClick={() => void resolve(r, 'escalated')}>
                  Escalate
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
