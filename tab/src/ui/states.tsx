import {
  Body1,
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
} from '@fluentui/react-components';
import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { describeError } from '../api/api-error.js';

const useStyles = makeStyles({
  center: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalXXL,
    textAlign: 'center',
    color: tokens.colorNeutralForeground3,
    flexGrow: 1,
  },
});

export function Loading({ label }: { label: string }) {
  const styles = useStyles();
  return (
    <div className={styles.center}>
      <Spinner size="small" label={label} />
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.center}>
      <Body1>{title}</Body1>
      {children}
    </div>
  );
}

/**
 * An API failure in words, with a retry when the caller can offer one. `describe` puts it in other words (the admin's
 * Compliance area shows the problem's detail and fields, with a describer that loads with that area).
 */
export function ErrorBar({
  error,
  onRetry,
  describe = describeError,
}: {
  error: unknown;
  onRetry?: () => void;
  describe?: (error: unknown) => string;
}) {
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>{describe(error)}</MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button size="small" onClick={onRetry}>
            Try again
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
