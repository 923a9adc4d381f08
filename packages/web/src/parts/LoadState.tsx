import type { ComponentChildren } from 'preact';
import type { Loaded } from '../api/client.js';

interface Props<T> {
  readonly loaded: Loaded<T>;
  readonly what: string;
  readonly children: (data: T) => ComponentChildren;
}

/** Shows the data when it is there, and says plainly what is loading or what failed. */
export function LoadState<T>({ loaded, what, children }: Props<T>) {
  if (loaded.state === 'loading')
    return (
      <p class="muted" aria-busy="true">
        Loading {what}…
      </p>
    );
  if (loaded.state === 'error') {
    return (
      <p class="error" role="alert">
        Could not load {what}: {loaded.error}
      </p>
    );
  }
  return <>{children(loaded.data)}</>;
}
