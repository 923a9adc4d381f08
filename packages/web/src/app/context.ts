import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Route } from './route.js';

export interface AppState {
  readonly route: Route;
  /** Shows another view: pushes the new route onto the browser history. */
  readonly navigate: (route: Route) => void;
  /** Bumped after an action so every view reloads at once. */
  readonly refresh: number;
  readonly afterAction: () => void;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (state === null) throw new Error('useApp outside the dashboard app');
  return state;
}
