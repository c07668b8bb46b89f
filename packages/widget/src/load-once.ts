/**
 * Wraps a lazy `import()`: one load per page, shared by every widget on it; a failed load (offline,
 * blocked) is tried again the next time it is asked for.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | null = null;
  return () =>
    (loaded ??= load().catch((error: unknown) => {
      loaded = null;
      throw error;
    }));
}
