import { Button, Field, Select, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { LegalHold } from '@bridgeline/shared';
import { useArchiveApi } from './archive-api.js';
import { ProblemBar } from './panel.js';
import { TargetPicker, type Target } from './target-picker.js';
import { HOLD_SCOPE_LABELS } from './words.js';

type Scope = LegalHold['scope'];

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: tokens.spacingHorizontalM },
  reason: { flexGrow: 1, minWidth: '240px' },
});

const SCOPES = Object.keys(HOLD_SCOPE_LABELS) as Scope[];
const REASON_MAX = 500;
const THREAD_HINT =
  'Lists the conversations you can open in the inbox; for anyone else’s, hold the contact or member.';

/** Places a hold: on a contact, a conversation or a member, found by search, with the reason (required). */
export function LegalHoldForm({ onPlaced }: { onPlaced: () => void }) {
  const styles = useStyles();
  const archive = useArchiveApi();
  const [scope, setScope] = useState<Scope>('contact');
  const [target, setTarget] = useState<Target | null>(null);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const targetProblem = target ? null : `Pick the ${HOLD_SCOPE_LABELS[scope].toLowerCase()} the hold covers.`;
  const reasonProblem = reason.trim()
    ? null
    : 'Give the reason for the hold, such as the matter or case it is for.';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    setError(null);
    if (!target || targetProblem || reasonProblem) return;
    setBusy(true);
    try {
      await archive.createLegalHold({ scope, targetId: target.id, reason: reason.trim() });
      setTarget(null);
      setReason('');
      setTried(false);
      onPlaced();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={styles.form} aria-label="Place a legal hold" onSubmit={(e) => void submit(e)} noValidate>
      <div className={styles.row}>
        <Field label="Hold">
          <Select
            value={scope}
            onChange={(_, d) => {
              setScope(d.value as Scope);
              setTarget(null);
            }}
          >
            {SCOPES.map((s) => (
              <option key={s} value={s}>
                {HOLD_SCOPE_LABELS[s]}
              </option>
            ))}
          </Select>
        </Field>
        <TargetPicker
          key={scope}
          kind={scope}
          label={HOLD_SCOPE_LABELS[scope]}
          value={target}
          onChange={setTarget}
          required
          hint={scope === 'thread' ? THREAD_HINT : undefined}
          validationMessage={tried ? (targetProblem ?? undefined) : undefined}
        />
        <Field
          label="Reason"
          required
          className={styles.reason}
          validationMessage={tried ? (reasonProblem ?? undefined) : undefined}
        >
          <Textarea
            value={reason}
            maxLength={REASON_MAX}
            resize="vertical"
            onChange={(_, d) => setReason(d.value)}
          />
        </Field>
      </div>
      {error !== null && <ProblemBar error={error} />}
      <div>
        <Button type="submit" appearance="primary" disabled={busy}>
          Place hold
        </Button>
      </div>
    </form>
  );
}
