import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { ERROR_CODES } from '@bridgeline/shared/errors';
import { useServices } from './services.js';

const useStyles = makeStyles({
  notices: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL} 0`,
  },
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
});

/** What a member just enabled can do (the bot's first-run card says the same). */
const FIRST_RUN_POINTS = [
  'Message a contact on WhatsApp from Contacts, or by typing their phone number in New message.',
  'A contact who has not opted in gets the opt-in request first; what you type meanwhile waits for their answer.',
  'Answer contacts who write to your organisation from the Unassigned queue of your region.',
  'Add colleagues of your region to a conversation, or hand it over. Everything is archived for compliance.',
];

/**
 * Above every screen: the first-run notice of a member an admin has just enabled (dismissed once, it does not come
 * back: POST /me/first-run/dismiss), and why WhatsApp actions are off when the organisation switched WhatsApp off.
 */
export function OrgNotices() {
  const styles = useStyles();
  const { me, api } = useServices();
  const [firstRun, setFirstRun] = useState(me.firstRun === true);
  const whatsappOff = me.whatsappEnabled === false;
  if (!firstRun && !whatsappOff) return null;
  return (
    <div className={styles.notices}>
      {whatsappOff && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>WhatsApp is off</MessageBarTitle>
            {ERROR_CODES.whatsapp_disabled.title} Conversations stay readable and contacts can still write.
          </MessageBarBody>
        </MessageBar>
      )}
      {firstRun && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>WhatsApp messaging is now active for you</MessageBarTitle>
            Your Teams admin has enabled you in Bridgeline. You can now:
            <ul className={styles.list}>
              {FIRST_RUN_POINTS.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </MessageBarBody>
          <MessageBarActions>
            <Button
              onClick={() => {
                setFirstRun(false);
                // Gone from this tab at once; the server remembers so it does not come back elsewhere either.
                void api.call('POST /me/first-run/dismiss', {}).catch(() => undefined);
              }}
            >
              Got it
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
    </div>
  );
}
