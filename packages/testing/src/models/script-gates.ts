/**
 * Named gates a scripted answer can wait at (`ModelScript.waitAt`) until the test opens them, so a test
 * can observe an answer mid-stream for as long as it needs, whatever the machine's load.
 */
export interface ScriptGates {
  /** Resolves once `name` is opened (at once if it already is); rejects when `signal` aborts. */
  wait(name: string, signal?: AbortSignal): Promise<void>;
  /** Opens `name`, before or after something waits at it. */
  open(name: string): void;
}

/** A fresh set of gates, all closed. */
export function createScriptGates(): ScriptGates {
  const gates = new Map<string, { opened: Promise<void>; open: () => void }>();
  const gate = (name: string) => {
    let entry = gates.get(name);
    if (!entry) {
      let open!: () => void;
      const opened = new Promise<void>((resolve) => {
        open = resolve;
      });
      entry = { opened, open };
      gates.set(name, entry);
    }
    return entry;
  };
  return {
    wait(name, signal) {
      signal?.throwIfAborted();
      const { opened } = gate(name);
      if (!signal) return opened;
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        opened.then(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        });
      });
    },
    open(name) {
      gate(name).open();
    },
  };
}
