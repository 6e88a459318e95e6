import {
  Button,
  Caption1,
  Field,
  Input,
  Subtitle1,
  Body1,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { createApiClient } from '../api/api-client.js';
import { ApiError, describeError } from '../api/api-error.js';
import { devSession, SEEDED_MEMBERS } from './dev-session.js';

const useStyles = makeStyles({
  page: {
    display: 'flex',
    justifyContent: 'center',
    alignItems: 'flex-start',
    padding: tokens.spacingVerticalXXXL,
  },
  // A card drawn with Fluent's tokens (Fluent's Card, 9 KiB gzip, adds nothing this form needs).
  card: {
    width: '100%',
    maxWidth: '420px',
    padding: tokens.spacingHorizontalXL,
    boxSizing: 'border-box',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
  },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  choices: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    listStyle: 'none',
    padding: 0,
  },
  choice: { justifyContent: 'space-between', width: '100%' },
});

/** Dev mode only: pick a seeded member (or type any member's email) and get a token from the server. */
export function SignInPicker({ sandbox, onSignedIn }: { sandbox: boolean; onSignedIn: () => void }) {
  const styles = useStyles();
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signIn(address: string) {
    setBusy(true);
    setError(null);
    try {
      const { token } = await createApiClient({ getToken: async () => null }).devToken(address.trim());
      devSession.set(token);
      onSignedIn();
    } catch (e) {
      setError(
        e instanceof ApiError && e.code === 'not_found'
          ? 'No member has this email address.'
          : describeError(e),
      );
      setBusy(false);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (email.trim()) void signIn(email);
  }

  return (
    <main className={styles.page}>
      <div className={styles.card}>
        <form className={styles.form} onSubmit={onSubmit} aria-labelledby="sign-in-title">
          <Subtitle1 as="h1" id="sign-in-title">
            Sign in to Bridgeline
          </Subtitle1>
          <Body1>
            Development sign-in{sandbox ? ', with the WhatsApp sandbox' : ''}. In Teams you are signed in
            automatically.
          </Body1>
          <Field
            label="Email"
            validationMessage={error ?? undefined}
            validationState={error ? 'error' : 'none'}
          >
            <Input
              type="email"
              autoComplete="email"
              value={email}
              onChange={(_, data) => setEmail(data.value)}
              disabled={busy}
            />
          </Field>
          <Button type="submit" appearance="primary" disabled={busy || !email.trim()}>
            Sign in
          </Button>
          <Caption1 id="seeded-title">Or sign in as a demo member</Caption1>
          <ul className={styles.choices} aria-labelledby="seeded-title">
            {SEEDED_MEMBERS.map((m) => (
              <li key={m.email}>
                <Button className={styles.choice} disabled={busy} onClick={() => void signIn(m.email)}>
                  <span>{m.email}</span>
                  <Caption1>{m.note}</Caption1>
                </Button>
              </li>
            ))}
          </ul>
        </form>
      </div>
    </main>
  );
}
