import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type Loaded } from './client.js';

/** How often the views refresh: live enough for on-call, light on the server. */
export const REFRESH_MS = 5_000;

/**
 * The latest result of `load`, run again every REFRESH_MS while the page is visible, at once when
 * `key` changes (what to load) or `refresh` changes (after an action such as acknowledging). A
 * failed refresh keeps the last good data on screen; a failed first load shows the error.
 * `key` null means "nothing to load yet".
 */
export function usePolling<T>(key: string | null, load: () => Promise<T>, refresh = 0): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const loadRef = useRef(load);
  loadRef.current = load;
  const shownKey = useRef<string | null>(null);
  useEffect(() => {
    // A new key shows "loading"; a refresh of the same key keeps the data (and the state of the
    // components showing it, such as an action's message) until the answer replaces it.
    if (shownKey.current !== key) {
      shownKey.current = key;
      setLoaded({ state: 'loading' });
    }
    if (key === null) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async (): Promise<void> => {
      if (document.visibilityState !== 'hidden') {
        try {
          const data = await loadRef.current();
          if (!cancelled) setLoaded({ state: 'ok', data, at: Date.now() });
        } catch (error) {
          if (cancelled) return;
          const status = error instanceof ApiError ? error.status : null;
          const text = error instanceof Error ? error.message : String(error);
          setLoaded((previous) =>
            previous.state === 'ok' ? previous : { state: 'error', error: text, status },
          );
        }
      }
      if (!cancelled) timer = setTimeout(() => void run(), REFRESH_MS);
    };
    void run();
    return () => {
      cancelled = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [key, refresh]);
  return loaded;
}
