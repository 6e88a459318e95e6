import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { PricingCategory } from '@bridgeline/shared';
import { useServices } from '../../app/services.js';
import { Loading } from '../../ui/states.js';
import { Panel, ProblemBar } from '../compliance/panel.js';
import { useAdminData } from './use-admin-data.js';

const CATEGORIES: { value: PricingCategory; label: string }[] = [
  { value: 'marketing', label: 'Marketing' },
  { value: 'utility', label: 'Utility' },
  { value: 'authentication', label: 'Authentication' },
  { value: 'service', label: 'Service' },
];

const useStyles = makeStyles({
  form: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', flexWrap: 'wrap' },
  price: { width: '120px' },
  currency: { width: '90px' },
});

/** The tenant's price per charged message and category (Meta's rate for its market), to estimate spend. */
export function RateCardPanel({ onSaved }: { onSaved: () => void }) {
  const styles = useStyles();
  const { api } = useServices();
  const { value, error, reload } = useAdminData(
    useCallback(() => api.call('GET /admin/rate-card', {}), [api]),
  );
  const [currency, setCurrency] = useState('USD');
  const [prices, setPrices] = useState<Record<string, string>>({});
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!value) return;
    setCurrency(value.currency);
    setPrices(Object.fromEntries(value.rates.map((r) => [r.category, String(r.price)])));
  }, [value]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaveError(null);
    setSaved(false);
    try {
      await api.call('PUT /admin/rate-card', {
        body: {
          currency: currency.trim().toUpperCase(),
          rates: CATEGORIES.filter((c) => (prices[c.value] ?? '').trim() !== '').map((c) => ({
            category: c.value,
            price: Number(prices[c.value]),
          })),
        },
      });
      setSaved(true);
      reload();
      onSaved();
    } catch (e) {
      setSaveError(e);
    }
  }

  return (
    <Panel
      title="Rate card"
      about="Your price per charged message, by category. Leave a price empty if you do not know it."
    >
      {error !== null && <ProblemBar error={error} onRetry={reload} />}
      {value === null && error === null && <Loading label="Loading the rate card…" />}
      {value && (
        <form className={styles.form} onSubmit={save} aria-label="Rate card">
          <Field label="Currency">
            <Input
              className={styles.currency}
              value={currency}
              maxLength={3}
              onChange={(_, d) => setCurrency(d.value)}
            />
          </Field>
          {CATEGORIES.map((c) => (
            <Field key={c.value} label={c.label}>
              <Input
                className={styles.price}
                type="number"
                min={0}
                step="0.0001"
                value={prices[c.value] ?? ''}
                onChange={(_, d) => setPrices((p) => ({ ...p, [c.value]: d.value }))}
              />
            </Field>
          ))}
          <Button appearance="primary" type="submit">
            Save
          </Button>
        </form>
      )}
      {saveError !== null && <ProblemBar error={saveError} />}
      {saved && (
        <MessageBar intent="success">
          <MessageBarBody>Rate card saved. The change is archived.</MessageBarBody>
        </MessageBar>
      )}
    </Panel>
  );
}
