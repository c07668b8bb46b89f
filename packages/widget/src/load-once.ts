/**
 * Wraps a loader (an `import()` of a lazy chunk) so it runs once per page, shared by every widget on it;
 * a failed load (offline, blocked) is tried again on the next call.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | null = null;
  return () =>
    (loaded ??= load().catch((error: unknown) => {
      loaded = null;
      throw error;
    }));
}
