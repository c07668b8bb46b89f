/** Saves a blob as a file through the browser's download (no new tab, nothing left behind). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The download has started from the click; the URL is released on the next task.
  setTimeout(() => URL.revokeObjectURL(url));
}

/** A file name from a conversation title: no path separators or characters file systems refuse. */
export function exportFileName(title: string | null, ext: string): string {
  const base = (title ?? '')
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .trim()
    .slice(0, 80);
  return `${base || 'conversation'}.${ext}`;
}
