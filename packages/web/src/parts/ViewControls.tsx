import type { ModelInfo } from '../api/types.js';
import { useApp } from '../app/context.js';
import { withRoute } from '../app/route.js';

export const WINDOWS = ['1h', '2h', '6h', '24h', '7d'] as const;
export const METRICS = [
  'fpr',
  'tpr',
  'selection_rate',
  'ppv',
  'fnr',
  'accuracy',
  'prevalence',
] as const;

interface Props {
  readonly models: readonly ModelInfo[];
  readonly model: ModelInfo | null;
  readonly attribute: string | null;
  readonly window: string;
  readonly metric?: string;
  readonly showVersion?: boolean;
}

/** The selectors every view shares; each change is a new URL, so the view can be linked. */
export function ViewControls({
  models,
  model,
  attribute,
  window,
  metric,
  showVersion = true,
}: Props) {
  const { route, navigate } = useApp();
  const attributes = model === null ? [] : [...model.attributes, ...model.intersections];
  return (
    <form
      class="controls"
      onSubmit={(event) => {
        event.preventDefault();
      }}
      aria-label="View settings"
    >
      <label>
        Model
        <select
          value={model?.name ?? ''}
          onChange={(event) => {
            navigate(
              withRoute(route, {
                model: event.currentTarget.value,
                attribute: null,
                version: null,
                cohort: {},
              }),
            );
          }}
        >
          {models.map((m) => (
            <option key={m.name} value={m.name}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Attribute
        <select
          value={attribute ?? ''}
          onChange={(event) => {
            navigate(withRoute(route, { attribute: event.currentTarget.value, cohort: {} }));
          }}
        >
          {attributes.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      {showVersion && model !== null && (
        <label>
          Version
          <select
            value={route.version ?? ''}
            onChange={(event) => {
              navigate(
                withRoute(route, {
                  version: event.currentTarget.value === '' ? null : event.currentTarget.value,
                }),
              );
            }}
          >
            <option value="">all versions</option>
            {model.versions.map((v) => (
              <option key={v.version} value={v.version}>
                {v.version}
              </option>
            ))}
          </select>
        </label>
      )}
      {metric !== undefined && (
        <label>
          Metric
          <select
            value={metric}
            onChange={(event) => {
              navigate(withRoute(route, { metric: event.currentTarget.value }));
            }}
          >
            {(METRICS as readonly string[]).includes(metric) ? null : (
              <option value={metric}>{metric}</option>
            )}
            {METRICS.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      )}
      <WindowSelect window={window} />
    </form>
  );
}

/** The window selector; a window typed into the URL that is not in the list is kept as it is. */
export function WindowSelect({ window }: { readonly window: string }) {
  const { route, navigate } = useApp();
  return (
    <label>
      Window
      <select
        value={window}
        onChange={(event) => {
          navigate(withRoute(route, { window: event.currentTarget.value }));
        }}
      >
        {(WINDOWS as readonly string[]).includes(window) ? null : (
          <option value={window}>{window}</option>
        )}
        {WINDOWS.map((name) => (
          <option key={name} value={name}>
            last {name}
          </option>
        ))}
      </select>
    </label>
  );
}
