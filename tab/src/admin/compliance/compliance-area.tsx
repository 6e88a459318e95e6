import { makeStyles, tokens } from '@fluentui/react-components';
import { ArchiveHealthPanel } from './archive-health-panel.js';
import { ExportsPanel } from './exports-panel.js';
import { LegalHoldsPanel } from './legal-holds-panel.js';
import { RetentionPanel } from './retention-panel.js';

const useStyles = makeStyles({
  area: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    paddingBottom: tokens.spacingVerticalL,
  },
});

/**
 * The admin's Compliance area (loaded on demand from the admin screen): the archive's health and its verification,
 * exports, legal holds and retention. Every call here is an admin route; anyone else is answered 403.
 */
export function ComplianceArea() {
  const styles = useStyles();
  return (
    <div className={styles.area}>
      <ArchiveHealthPanel />
      <ExportsPanel />
      <LegalHoldsPanel />
      <RetentionPanel />
    </div>
  );
}
