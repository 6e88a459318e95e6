import { Badge, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback } from 'react';
import type { NumberHealth } from '@bridgeline/shared';
import { useServices } from '../../app/services.js';
import { EmptyState, Loading } from '../../ui/states.js';
import { Panel, ProblemBar } from '../compliance/panel.js';
import { QualityBadge, limitWords } from './health-badges.js';
import { useAdminData } from './use-admin-data.js';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, margin: 0, padding: 0 },
  item: {
    listStyle: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: {
    margin: 0,
    display: 'flex',
    gap: tokens.spacingHorizontalXS,
    flexWrap: 'wrap',
    alignItems: 'center',
  },
  history: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  meta: { color: tokens.colorNeutralForeground3 },
});

const when = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) +
  ' UTC';

function NumberCard({ n }: { n: NumberHealth }) {
  const styles = useStyles();
  return (
    <li className={styles.item}>
      <Text weight="semibold">
        {n.phone} <Caption1 className={styles.meta}>({n.region.toUpperCase()})</Caption1>
      </Text>
      <dl className={styles.facts}>
        <dt className={styles.term}>Quality rating</dt>
        <dd className={styles.value}>
          <QualityBadge quality={n.qualityRating} />
        </dd>
        <dt className={styles.term}>Messaging limit</dt>
        <dd className={styles.value}>{limitWords(n.messagingLimit)}</dd>
        <dt className={styles.term}>Restrictions</dt>
        <dd className={styles.value}>
          {n.restrictions.length === 0
            ? 'None'
            : n.restrictions.map((r) => (
                <Badge key={r.type} appearance="tint" color="danger">
                  {r.type}
                  {r.expiresAt ? ` until ${r.expiresAt.slice(0, 10)}` : ''}
                </Badge>
              ))}
        </dd>
        <dt className={styles.term}>Last report</dt>
        <dd className={styles.value}>
          {n.updatedAt ? when(n.updatedAt) : 'Meta has not reported on this number yet'}
        </dd>
      </dl>
      {n.history.length > 0 && (
        <>
          <Caption1 className={styles.meta}>Latest changes</Caption1>
          <ul className={styles.history}>
            {n.history.map((h, i) => (
              <li key={i}>
                <Caption1>
                  {when(h.at)}: {h.event}
                  {h.qualityRating ? `, quality ${h.qualityRating}` : ''}
                  {h.messagingLimit ? `, limit ${limitWords(h.messagingLimit)}` : ''}
                  {h.downgrade ? ' (downgrade)' : ''}
                </Caption1>
              </li>
            ))}
          </ul>
        </>
      )}
    </li>
  );
}

/** Each WhatsApp number's standing with Meta: quality rating, messaging limit tier, restrictions, latest changes. */
export function NumberHealthPanel() {
  const styles = useStyles();
  const { api } = useServices();
  const { value, error, reload } = useAdminData(
    useCallback(() => api.call('GET /admin/numbers/health', {}), [api]),
  );
  return (
    <Panel
      title="Number health"
      about="What Meta last said about each WhatsApp number. Admins get a Teams card when a number is downgraded."
    >
      {error !== null && <ProblemBar error={error} onRetry={reload} />}
      {value === null && error === null && <Loading label="Loading number health…" />}
      {value?.length === 0 && <EmptyState title="No WhatsApp number yet." />}
      {value && value.length > 0 && (
        <ul className={styles.list}>
          {value.map((n) => (
            <NumberCard key={n.id} n={n} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
