/**
 * The view a URL shows. The state lives in the hash (`#/oncall?model=loans&attribute=segment`)
 * so the server serves one page, a link in an alert opens exactly its view, and the back
 * button walks through what the user looked at.
 */
export const VIEWS = ['executive', 'oncall', 'debug'] as const;
export type ViewName = (typeof VIEWS)[number];

export interface Route {
  readonly view: ViewName;
  readonly model: string | null;
  readonly attribute: string | null;
  readonly version: string | null;
  /** The cohort in focus, as attribute values: {"segment": "s02"}. */
  readonly cohort: Readonly<Record<string, string>>;
  readonly metric: string | null;
  /** A duration such as 6h; the views' default when null. */
  readonly window: string | null;
}

export const DEFAULT_ROUTE: Route = {
  view: 'executive',
  model: null,
  attribute: null,
  version: null,
  cohort: {},
  metric: null,
  window: null,
};

/** Reads a hash such as `#/debug?model=loans&cohort.segment=s02`; unknown parts are ignored. */
export function parseRoute(hash: string): Route {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const [path = '', queryText = ''] = text.split('?', 2);
  const segments = path.split('/').filter((segment) => segment.length > 0);
  const query = new URLSearchParams(queryText);
  let view: ViewName = 'executive';
  let model = query.get('model');
  const first = segments[0];
  if (first !== undefined && (VIEWS as readonly string[]).includes(first)) {
    view = first as ViewName;
  } else if (first === 'models' && segments[1] !== undefined) {
    // Links of the form #/models/{model}, as alerts sent before the dashboard existed.
    view = 'oncall';
    model = decodeURIComponent(segments[1]);
  }
  const cohort: Record<string, string> = {};
  for (const [key, value] of query) {
    if (key.startsWith('cohort.') && key.length > 'cohort.'.length)
      cohort[key.slice('cohort.'.length)] = value;
  }
  return {
    view,
    model: nonEmpty(model),
    attribute: nonEmpty(query.get('attribute')),
    version: nonEmpty(query.get('version')),
    cohort,
    metric: nonEmpty(query.get('metric')),
    window: nonEmpty(query.get('window')),
  };
}

/** The hash of a route; parseRoute(formatRoute(r)) equals r. */
export function formatRoute(route: Route): string {
  const query = new URLSearchParams();
  if (route.model !== null) query.set('model', route.model);
  if (route.attribute !== null) query.set('attribute', route.attribute);
  if (route.version !== null) query.set('version', route.version);
  for (const [name, value] of Object.entries(route.cohort)) query.set(`cohort.${name}`, value);
  if (route.metric !== null) query.set('metric', route.metric);
  if (route.window !== null) query.set('window', route.window);
  const text = query.toString();
  return `#/${route.view}${text.length > 0 ? `?${text}` : ''}`;
}

export function withRoute(route: Route, change: Partial<Route>): Route {
  return { ...route, ...change };
}

function nonEmpty(value: string | null): string | null {
  return value === null || value.length === 0 ? null : value;
}
