import {
  Button,
  Dialog,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons/svg/dismiss';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/api-client.js';
import { useServices } from '../app/services.js';

const useStyles = makeStyles({
  // A fixed box: the bubble has its final size before the bytes arrive, so nothing below jumps.
  frame: {
    width: '240px',
    maxWidth: '100%',
    height: '180px',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground4,
    overflow: 'hidden',
    padding: 0,
    border: 'none',
    cursor: 'zoom-in',
  },
  thumb: { width: '100%', height: '100%', objectFit: 'cover' },
  full: { maxWidth: '100%', maxHeight: '70vh', objectFit: 'contain' },
});

// Media bytes need the Bearer token, so an <img src> cannot fetch them: fetch once, keep a blob URL.
const cache = new Map<string, Promise<string>>();

function mediaUrl(api: ApiClient, mediaId: string): Promise<string> {
  let url = cache.get(mediaId);
  if (!url) {
    url = api.mediaBlob(mediaId).then((blob) => URL.createObjectURL(blob));
    url.catch(() => cache.delete(mediaId));
    cache.set(mediaId, url);
  }
  return url;
}

export function useMediaUrl(mediaId: string | undefined): { url: string | null; failed: boolean } {
  const { api } = useServices();
  const [state, setState] = useState<{ url: string | null; failed: boolean }>({ url: null, failed: false });
  useEffect(() => {
    if (!mediaId) return;
    let live = true;
    mediaUrl(api, mediaId).then(
      (url) => live && setState({ url, failed: false }),
      () => live && setState({ url: null, failed: true }),
    );
    return () => {
      live = false;
    };
  }, [api, mediaId]);
  return state;
}

/** A thumbnail that opens a larger preview; `src` is for images not uploaded yet. */
export function MediaImage({ mediaId, src, alt }: { mediaId?: string; src?: string; alt: string }) {
  const styles = useStyles();
  const fetched = useMediaUrl(src ? undefined : mediaId);
  const url = src ?? fetched.url;
  if (fetched.failed && !src) {
    return (
      <div className={styles.frame} role="img" aria-label={`${alt} (could not be loaded)`}>
        <Text size={200}>Image unavailable</Text>
      </div>
    );
  }
  if (!url) {
    return (
      <div className={styles.frame}>
        <Spinner size="tiny" label="Loading image…" />
      </div>
    );
  }
  return (
    <Dialog>
      <DialogTrigger disableButtonEnhancement>
        <button type="button" className={styles.frame} aria-label={`Open ${alt}`}>
          <img className={styles.thumb} src={url} alt={alt} />
        </button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle
            action={
              <DialogTrigger action="close">
                <Button appearance="subtle" aria-label="Close" icon={<DismissRegular />} />
              </DialogTrigger>
            }
          >
            {alt}
          </DialogTitle>
          <DialogContent>
            <img className={styles.full} src={url} alt={alt} />
          </DialogContent>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
