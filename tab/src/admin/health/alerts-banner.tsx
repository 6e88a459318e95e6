import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback } from 'react';
import { useServices } from '../../app/services.js';
import { ProblemBar } from '../compliance/panel.js';
import { useAdminData } from './use-admin-data.js';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  line: { display: 'block', marginTop: tokens.spacingVerticalXXS },
});

/**
 * What an admin must act on now (GET /admin/alerts): a template the opt-in or resume flow depends on that Meta paused,
 * disabled or flagged, a number with a low rating or a restriction. Each says what breaks and what to do.
 */
export function AlertsBanner() {
  const styles = useStyles();
  const { api } = useServices();
  const { value, error, reload } = useAdminData(useCallback(() => api.call('GET /admin/alerts', {}), [api]));
  if (error !== null) return <ProblemBar error={error} onRetry={reload} />;
  if (!value || value.length === 0) return null;
  return (
    <div className={styles.list} role="region" aria-label="WhatsApp account alerts">
      {value.map((a, i) => (
        <MessageBar
          key={`${a.kind}-${i}`}
          intent={a.severity === 'error' ? 'error' : 'warning'}
          layout="multiline"
        >
          <MessageBarBody>
            <MessageBarTitle>{a.title}</MessageBarTitle>
            <span className={styles.line}>
              <strong>What breaks:</strong> {a.breaks}
            </span>
            <span className={styles.line}>
              <strong>What to do:</strong> {a.action}
            </span>
          </MessageBarBody>
        </MessageBar>
      ))}
    </div>
  );
}
