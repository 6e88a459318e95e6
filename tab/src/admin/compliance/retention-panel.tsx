import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Switch,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ArchiveSettingsView } from '@bridgeline/shared';
import { useArchiveApi } from './archive-api.js';
import { Loading } from '../../ui/states.js';
import { Panel, ProblemBar } from './panel.js';
import { DEFAULT_RETENTION_DAYS, retentionProblem, retentionWords } from './words.js';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, alignItems: 'flex-start' },
  days: { maxWidth: '320px' },
});

interface Draft {
  days: string;
  journal: boolean;
}

const draftOf = (view: ArchiveSettingsView): Draft => ({
  days: String(view.retentionDays),
  journal: view.journal.enabled,
});

/** How long the words of archived records are kept, and whether records are journalled to the SMTP archive. */
export function RetentionPanel() {
  const styles = useStyles();
  const archive = useArchiveApi();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ saved: true } | { error: unknown } | null>(null);

  const load = useCallback(() => {
    archive.settings().then(
      (view) => (setDraft(draftOf(view)), setLoadError(null)),
      (e: unknown) => setLoadError(e),
    );
  }, [archive]);
  useEffect(load, [load]);

  const problem = draft ? retentionProblem(draft.days) : null;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft || problem) return;
    setBusy(true);
    setOutcome(null);
    try {
      const saved = await archive.saveSettings({
        retentionDays: Number(draft.days),
        journal: { enabled: draft.journal },
      });
      setDraft(draftOf(saved));
      setOutcome({ saved: true });
    } catch (e) {
      setOutcome({ error: e });
    } finally {
      setBusy(false);
    }
  }

  const change = (next: Partial<Draft>) => {
    setDraft((d) => d && { ...d, ...next });
    setOutcome(null);
  };

  return (
    <Panel
      title="Retention"
      about={
        `After the retention period, a record's words are removed and the record stays, sealed, in the chain; ` +
        `nothing under a legal hold is removed. The default, ${DEFAULT_RETENTION_DAYS.toLocaleString('en-US')} ` +
        `days, is the 6 years of FINRA Rule 4511.`
      }
    >
      {loadError !== null && <ProblemBar error={loadError} onRetry={load} />}
      {draft === null && loadError === null && <Loading label="Loading retention settings…" />}
      {draft && (
        <form
          className={styles.form}
          aria-label="Retention settings"
          onSubmit={(e) => void save(e)}
          noValidate
        >
          <Field
            label="Keep records for (days)"
            className={styles.days}
            validationMessage={problem ?? undefined}
            validationState={problem ? 'error' : 'none'}
            hint={problem ? undefined : `That is ${retentionWords(Number(draft.days))}.`}
          >
            <Input
              type="number"
              min={1}
              max={36500}
              step={1}
              value={draft.days}
              onChange={(_, d) => change({ days: d.value })}
            />
          </Field>
          <Switch
            label="Journal every message and consent event to the SMTP archive"
            checked={draft.journal}
            onChange={(_, d) => change({ journal: d.checked })}
          />
          <Button type="submit" appearance="primary" disabled={busy || problem !== null}>
            {busy ? 'Saving…' : 'Save'}
          </Button>
          {outcome && 'saved' in outcome && (
            <MessageBar intent="success" role="status">
              <MessageBarBody>Retention settings saved.</MessageBarBody>
            </MessageBar>
          )}
          {outcome && 'error' in outcome && <ProblemBar error={outcome.error} />}
        </form>
      )}
    </Panel>
  );
}
