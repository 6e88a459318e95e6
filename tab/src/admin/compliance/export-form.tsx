import { Button, Field, Input, Radio, RadioGroup, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { ArchiveExportFormat, CreateArchiveExportBody } from '@bridgeline/shared';
import { useArchiveApi } from './archive-api.js';
import { ProblemBar } from './panel.js';
import { TargetPicker, type Target } from './target-picker.js';
import { FORMATS, fromLocalInput, lastThirtyDays, rangeProblem } from './words.js';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: tokens.spacingHorizontalM },
  format: { fontWeight: tokens.fontWeightSemibold },
});

const FORMAT_KEYS = Object.keys(FORMATS) as ArchiveExportFormat[];

/** Asks for an export: a time range (the last 30 days at first), a format, and optional filters. */
export function ExportForm({ onStarted }: { onStarted: () => void }) {
  const styles = useStyles();
  const archive = useArchiveApi();
  const [range, setRange] = useState(() => lastThirtyDays(new Date()));
  const [format, setFormat] = useState<ArchiveExportFormat>('jsonl');
  const [contact, setContact] = useState<Target | null>(null);
  const [member, setMember] = useState<Target | null>(null);
  const [thread, setThread] = useState<Target | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const problem = rangeProblem(range.from, range.to);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    // Refused here, before anything is sent: the field already says why.
    if (problem) return;
    const body: CreateArchiveExportBody = {
      from: fromLocalInput(range.from)!.toISOString(),
      to: fromLocalInput(range.to)!.toISOString(),
      format,
      ...(thread && { threadId: thread.id }),
      ...(contact && { contactId: contact.id }),
      ...(member && { memberId: member.id }),
    };
    setBusy(true);
    try {
      await archive.createExport(body);
      onStarted();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={styles.form} aria-label="New export" onSubmit={(e) => void submit(e)} noValidate>
      <div className={styles.row}>
        <Field label="From" required>
          <Input
            type="datetime-local"
            value={range.from}
            onChange={(_, d) => setRange((r) => ({ ...r, from: d.value }))}
          />
        </Field>
        <Field label="To" required validationMessage={problem ?? undefined}>
          <Input
            type="datetime-local"
            value={range.to}
            onChange={(_, d) => setRange((r) => ({ ...r, to: d.value }))}
          />
        </Field>
      </div>
      <Field label="Format">
        <RadioGroup value={format} onChange={(_, d) => setFormat(d.value as ArchiveExportFormat)}>
          {FORMAT_KEYS.map((f) => (
            <Radio
              key={f}
              value={f}
              label={
                <>
                  <span className={styles.format}>{FORMATS[f].label}</span> — {FORMATS[f].explain}
                </>
              }
            />
          ))}
        </RadioGroup>
      </Field>
      <div className={styles.row}>
        <TargetPicker kind="contact" label="Only this contact" value={contact} onChange={setContact} />
        <TargetPicker kind="member" label="Only this member" value={member} onChange={setMember} />
        <TargetPicker kind="thread" label="Only this conversation" value={thread} onChange={setThread} />
      </div>
      {error !== null && <ProblemBar error={error} />}
      <div>
        <Button type="submit" appearance="primary" disabled={busy}>
          {busy ? 'Starting…' : 'Start export'}
        </Button>
      </div>
    </form>
  );
}
