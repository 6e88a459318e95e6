import {
  Button,
  Caption1,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Textarea,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { AttachRegular } from '@fluentui/react-icons/svg/attach';
import { DismissRegular } from '@fluentui/react-icons/svg/dismiss';
import { DocumentTextRegular } from '@fluentui/react-icons/svg/document-text';
import { SendRegular } from '@fluentui/react-icons/svg/send';
import { Suspense, lazy, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Channel, SendMessageBody, TemplateRef } from '@bridgeline/shared';
import { channelCarries, IMAGE_MIME_TYPES, MAX_TEXT_LENGTH } from '@bridgeline/shared/limits';
import { smsSegments } from '@bridgeline/shared/sms-segments';
import { describeError } from '../api/api-error.js';
import { useServices } from '../app/services.js';
import { newClientMessageId } from '../thread/use-messages.js';
import { imageProblem } from './image-attachment.js';
import { IconButton } from '../ui/icon-button.js';
import { PolicyTip, usePolicyTip } from './policy-tip.js';
import { useDraft } from './drafts.js';

const TemplatePicker = lazy(() =>
  import('./template-picker.js').then((m) => ({ default: m.TemplatePicker })),
);

const MAX_CAPTION_LENGTH = 1024;

const useStyles = makeStyles({
  composer: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    flexShrink: 0,
  },
  row: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalXS },
  text: { flexGrow: 1 },
  footer: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', minHeight: '20px' },
  over: { color: tokens.colorPaletteRedForeground1 },
  preview: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  thumb: { width: '64px', height: '64px', objectFit: 'cover', borderRadius: tokens.borderRadiusMedium },
  hidden: { display: 'none' },
});

export interface ComposerProps {
  /** Why the member cannot write, or null. */
  blockedReason: string | null;
  /** The thread's channel: it decides whether images and templates are offered. */
  channel: Channel;
  onSend: (body: SendMessageBody, imageUrl?: string) => void;
  /** A way on beside the reason the member cannot write (a closed conversation's Restart). */
  blockedAction?: ReactNode;
  /** The thread whose draft this is: switching threads keeps what was typed in each. */
  draftKey?: string;
}

export function Composer({ blockedReason, blockedAction, channel, onSend, draftKey }: ComposerProps) {
  const styles = useStyles();
  const { api } = useServices();
  const [text, setText] = useDraft(draftKey);
  const [image, setImage] = useState<{ file: File; url: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [pickingTemplate, setPickingTemplate] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const counterId = useId();
  const tip = usePolicyTip(blockedReason ? '' : text);

  if (blockedReason) {
    return (
      <div className={styles.composer}>
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{blockedReason}</MessageBarBody>
          {blockedAction && <MessageBarActions>{blockedAction}</MessageBarActions>}
        </MessageBar>
        <Textarea aria-label="Message" disabled value="" placeholder="You can’t write in this conversation" />
      </div>
    );
  }

  const limit = image ? MAX_CAPTION_LENGTH : MAX_TEXT_LENGTH;
  const over = text.length > limit;
  const blockedByPolicy = tip?.action === 'block';
  const canSend = !uploading && !over && !blockedByPolicy && (image !== null || text.trim().length > 0);

  async function send() {
    if (!canSend) return;
    setProblem(null);
    if (image) {
      setUploading(true);
      try {
        const { mediaId } = await api.uploadMedia(image.file);
        const caption = text.trim();
        onSend(
          { clientMessageId: newClientMessageId(), mediaId, ...(caption ? { caption } : {}) },
          image.url,
        );
        // The bubble now owns the preview URL.
        setImage(null);
        setText('');
      } catch (e) {
        setProblem(describeError(e));
      } finally {
        setUploading(false);
      }
      return;
    }
    onSend({ clientMessageId: newClientMessageId(), text: text.trim() });
    setText('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  }

  async function chooseFile(file: File | undefined) {
    if (!file) return;
    const reason = await imageProblem(file);
    if (reason) return setProblem(reason);
    setProblem(null);
    if (image) URL.revokeObjectURL(image.url);
    setImage({ file, url: URL.createObjectURL(file) });
  }

  function sendTemplate(template: TemplateRef) {
    setPickingTemplate(false);
    onSend({ clientMessageId: newClientMessageId(), template });
  }

  return (
    <div className={styles.composer} role="group" aria-label="Write a message">
      {problem && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      <PolicyTip tip={tip} />
      {image && (
        <div className={styles.preview}>
          <img className={styles.thumb} src={image.url} alt={`Selected image ${image.file.name}`} />
          <Caption1>{image.file.name}</Caption1>
          <Button
            size="small"
            appearance="subtle"
            icon={<DismissRegular />}
            aria-label="Remove image"
            onClick={() => {
              URL.revokeObjectURL(image.url);
              setImage(null);
            }}
          />
        </div>
      )}
      <div className={styles.row}>
        {channelCarries(channel, 'image') && (
          <>
            <IconButton
              label="Attach an image"
              appearance="subtle"
              icon={<AttachRegular />}
              onClick={() => fileInput.current?.click()}
            />
            <input
              ref={fileInput}
              className={styles.hidden}
              type="file"
              accept={IMAGE_MIME_TYPES.join(',')}
              data-testid="image-input"
              tabIndex={-1}
              onChange={(e) => {
                void chooseFile(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
          </>
        )}
        {channelCarries(channel, 'template') && (
          <IconButton
            label="Send a template"
            appearance="subtle"
            icon={<DocumentTextRegular />}
            onClick={() => setPickingTemplate(true)}
          />
        )}
        <Textarea
          className={styles.text}
          aria-label={image ? 'Caption' : 'Message'}
          aria-describedby={counterId}
          placeholder={image ? 'Add a caption (optional)' : 'Type a message'}
          resize="vertical"
          value={text}
          onChange={(_, data) => setText(data.value)}
          onKeyDown={onKeyDown}
        />
        <IconButton
          label="Send"
          appearance="primary"
          icon={<SendRegular />}
          disabled={!canSend}
          onClick={() => void send()}
        />
      </div>
      <div className={styles.footer}>
        <Caption1>{uploading ? 'Uploading image…' : 'Enter to send, Shift+Enter for a new line'}</Caption1>
        <Caption1 id={counterId} className={mergeClasses(over && styles.over)}>
          {text.length.toLocaleString('en')} / {limit.toLocaleString('en')}
          {over ? ' — too long' : ''}
          {channel === 'sms' && text.length > 0 && !over && ` · ${segmentsLabel(text)}`}
        </Caption1>
      </div>
      {pickingTemplate && (
        <Suspense fallback={null}>
          <TemplatePicker onCancel={() => setPickingTemplate(false)} onSend={sendTemplate} />
        </Suspense>
      )}
    </div>
  );
}

/** What an SMS costs (product.md §8), by the rule the server sends with: "2 SMS segments (UCS-2)". */
export function segmentsLabel(text: string): string {
  const s = smsSegments(text);
  return `${s.segments} SMS segment${s.segments === 1 ? '' : 's'}${s.encoding === 'ucs2' ? ' (Unicode)' : ''}`;
}
