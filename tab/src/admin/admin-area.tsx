import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  area: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    paddingBottom: tokens.spacingVerticalL,
  },
});

/** An admin area (Compliance, DLP): its panels one under the other. */
export function AdminArea({ children }: { children: ReactNode }) {
  const styles = useStyles();
  return <div className={styles.area}>{children}</div>;
}
