import { makeStyles, tokens } from '@fluentui/react-components';
import { DlpReviewsPanel } from './reviews-panel.js';
import { DlpRulesPanel } from './rules-panel.js';

const useStyles = makeStyles({
  area: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    paddingBottom: tokens.spacingVerticalL,
  },
});

/**
 * The admin's DLP area (loaded on demand at #/admin/dlp, docs/dlp.md): the tenant's rules, with a sample text tested
 * against a rule before it is saved, and the review queue of flagged messages. Admins only (the server answers 403 to
 * anyone else); there is no separate reviewer role yet.
 */
export function DlpArea() {
  const styles = useStyles();
  return (
    <div className={styles.area}>
      <DlpRulesPanel />
      <DlpReviewsPanel />
    </div>
  );
}
