/**
 * Saves a downloaded file: an object URL and a temporary anchor with `download`, clicked, then let go. The file is
 * fetched with the member's token first (a plain link to the API would go without it and be refused). Browsers and
 * Teams on the desktop and the web save it; Teams on phones and tablets ignores `download` in its webview
 * (docs/tab.md, "Compliance").
 */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  document.body.append(anchor);
  try {
    anchor.click();
  } finally {
    anchor.remove();
    // Revoked once the download has had time to start: revoking at once can cancel it in some browsers.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
