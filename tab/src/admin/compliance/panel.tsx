import { Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { useId, type ReactNode } from 'react';
import { ApiError, describeError } from '../../api/api-error.js';
import { ErrorBar } from '../../ui/states.js';

/**
 * Words for an admin's form: the title of the code, then the server's own detail (which limit, which record) and the
 * invalid fields, so a refused export or setting says exactly what to change.
 */
export function describeProblem(error: unknown): string {
  if (!(error instanceof ApiError)) return describeError(error);
  const words = [error.message];
  if (error.detail && error.detail !== error.message) words.push(error.detail);
  for (const field of error.fieldErrors)
    words.push(field.path ? `${field.path}: ${field.message}` : field.message);
  return words.join(' ');
}

const useStyles = makeStyles({
  // A card drawn with Fluent's tokens, as on the sign-in page (Fluent's Card adds 9 KiB gzip and nothing used here).
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    minWidth: 0,
  },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  title: { flexGrow: 1, margin: 0 },
  about: { color: tokens.colorNeutralForeground3 },
});

export interface PanelProps {
  title: string;
  /** One line on what the panel is for. */
  about?: string;
  /** Buttons beside the title. */
  actions?: ReactNode;
  children: ReactNode;
}

/** One panel of the Compliance area: a labelled region with a heading. */
export function Panel({ title, about, actions, children }: PanelProps) {
  const styles = useStyles();
  const id = useId();
  return (
    <section className={styles.panel} aria-labelledby={id}>
      <div className={styles.head}>
        <Subtitle2 as="h2" id={id} className={styles.title}>
          {title}
        </Subtitle2>
        {actions}
      </div>
      {about && <Caption1 className={styles.about}>{about}</Caption1>}
      {children}
    </section>
  );
}

/** A failure with the server's own words (the problem's title, its detail, the invalid fields). */
export function ProblemBar({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return <ErrorBar error={error} describe={describeProblem} {...(onRetry ? { onRetry } : {})} />;
}
