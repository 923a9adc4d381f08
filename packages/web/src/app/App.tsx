import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { REFRESH_MS } from '../api/usePolling.js';
import { DebugView } from '../views/DebugView.js';
import { ExecutiveView } from '../views/ExecutiveView.js';
import { OnCallView } from '../views/OnCallView.js';
import { AppContext, type AppState } from './context.js';
import { formatRoute, parseRoute, withRoute, type Route, type ViewName } from './route.js';

const VIEW_TITLES: Record<ViewName, string> = {
  executive: 'Executive',
  oncall: 'On-call',
  debug: 'Debug',
};

export function App() {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  const [refresh, setRefresh] = useState(0);
  useEffect(() => {
    const onHash = (): void => {
      setRoute(parseRoute(location.hash));
    };
    addEventListener('hashchange', onHash);
    return () => {
      removeEventListener('hashchange', onHash);
    };
  }, []);
  useEffect(() => {
    document.title = `fairwatch · ${VIEW_TITLES[route.view]}${route.model === null ? '' : ` · ${route.model}`}`;
  }, [route]);
  const navigate = useCallback((next: Route) => {
    location.hash = formatRoute(next);
  }, []);
  const afterAction = useCallback(() => {
    setRefresh((n) => n + 1);
  }, []);
  const state = useMemo<AppState>(
    () => ({ route, navigate, refresh, afterAction }),
    [route, navigate, refresh, afterAction],
  );
  return (
    <AppContext.Provider value={state}>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <span class="brand">fairwatch</span>
        <nav aria-label="Views">
          {(Object.keys(VIEW_TITLES) as ViewName[]).map((view) => (
            <a
              key={view}
              href={formatRoute(withRoute(route, { view }))}
              aria-current={route.view === view ? 'page' : undefined}
            >
              {VIEW_TITLES[view]}
            </a>
          ))}
        </nav>
        <span class="live" role="status" aria-live="polite">
          live: refreshes every {REFRESH_MS / 1000} s
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        {route.view === 'executive' && <ExecutiveView />}
        {route.view === 'oncall' && <OnCallView />}
        {route.view === 'debug' && <DebugView />}
      </main>
    </AppContext.Provider>
  );
}
