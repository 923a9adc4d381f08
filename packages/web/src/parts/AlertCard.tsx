import { useState } from 'preact/hooks';
import { postJson } from '../api/client.js';
import type { Alert } from '../api/types.js';
import { useApp } from '../app/context.js';
import { formatRoute, withRoute } from '../app/route.js';
import { IntervalBar } from '../charts/IntervalBar.js';
import { cohortOf } from './CohortTable.js';
import { formatCohort, formatCount, formatEstimate, formatNumber, formatTime } from '../format.js';

const WHO_KEY = 'fairwatch.who';

/** One alert with everything on-call needs to decide, and the two actions. */
export function AlertCard({ alert }: { readonly alert: Alert }) {
  const { route, afterAction } = useApp();
  const [who, setWho] = useState(() => localStorage.getItem(WHO_KEY) ?? '');
  const [message, setMessage] = useState<string | null>(null);
  const act = async (path: string, payload: unknown, done: string): Promise<void> => {
    if (who.trim().length === 0) {
      setMessage('Enter your name first: acknowledgements and silences say who acted.');
      return;
    }
    localStorage.setItem(WHO_KEY, who.trim());
    try {
      await postJson(path, payload);
      setMessage(done);
      afterAction();
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
  };
  const cohort = cohortOf(alert.group.attributes);
  const debugLink = formatRoute(
    withRoute(route, {
      view: 'debug',
      model: alert.model,
      attribute: alert.attribute,
      version: alert.version,
      cohort,
    }),
  );
  const longest = Object.entries(alert.burnRates)
    .map(([window, rate]) => `${window}: ${formatNumber(rate, 1)}×`)
    .join(', ');
  return (
    <article
      class={`alert-card ${alert.state} ${alert.severity}`}
      aria-labelledby={`alert-${alert.fingerprint}`}
    >
      <header>
        <span class={`badge ${alert.severity}`}>{alert.severity}</span>
        <span class={`badge state-${alert.state}`}>{alert.state}</span>
        <h3 id={`alert-${alert.fingerprint}`}>
          {alert.metric} {alert.kind} for {formatCohort(alert.group.attributes)} on {alert.model}{' '}
          {alert.version}
        </h3>
      </header>
      <p>{alert.summary}</p>
      <dl class="facts">
        <dt>Gap</dt>
        <dd>
          {formatEstimate(alert.value, alert.interval)} allowed {formatNumber(alert.band[0], 2)} to{' '}
          {formatNumber(alert.band[1], 2)}
          <IntervalBar
            value={alert.value}
            ci={alert.interval}
            band={alert.band}
            measure={alert.kind}
            label={`${alert.metric} ${alert.kind}`}
          />
        </dd>
        <dt>Groups</dt>
        <dd>
          {formatCohort(alert.group.attributes)}: {alert.metric} {formatNumber(alert.group.value)}{' '}
          (n={formatCount(alert.group.n)}) vs {formatCohort(alert.comparedWith.attributes)}:{' '}
          {formatNumber(alert.comparedWith.value)} (n={formatCount(alert.comparedWith.n)})
        </dd>
        <dt>Since</dt>
        <dd>
          {alert.firedAt !== null
            ? `firing since ${formatTime(alert.firedAt)}`
            : alert.activeAt !== null
              ? `pending since ${formatTime(alert.activeAt)}`
              : '—'}
          {alert.resolvedAt !== null && `, resolved ${formatTime(alert.resolvedAt)}`}
        </dd>
        <dt>Burn rates</dt>
        <dd>
          {longest || '—'}; error budget left {formatNumber(alert.errorBudgetRemaining * 100, 0)}%
        </dd>
        <dt>Deployments</dt>
        <dd>
          {alert.recentDeployments.length === 0
            ? 'none in the last day'
            : alert.recentDeployments
                .map((d) => `${d.kind} ${d.version} at ${formatTime(d.ts)}`)
                .join('; ')}
        </dd>
        <dt>Handled</dt>
        <dd>
          {alert.acknowledgedBy !== null
            ? `acknowledged by ${alert.acknowledgedBy}`
            : 'not acknowledged'}
          {alert.silencedBy !== null && `; silenced by ${alert.silencedBy}`}
        </dd>
      </dl>
      <p class="links">
        {alert.runbookUrl !== null && (
          <a href={alert.runbookUrl} target="_blank" rel="noreferrer">
            Runbook
          </a>
        )}
        <a href={debugLink}>Debug this cohort</a>
      </p>
      {(alert.state === 'firing' || alert.state === 'pending') && (
        <div class="actions">
          <label>
            Your name
            <input
              value={who}
              onInput={(event) => {
                setWho(event.currentTarget.value);
              }}
              autocomplete="name"
            />
          </label>
          <button
            type="button"
            disabled={alert.acknowledgedBy !== null}
            onClick={() =>
              void act(`/v1/alerts/${alert.fingerprint}/ack`, { by: who.trim() }, 'Acknowledged.')
            }
          >
            Acknowledge
          </button>
          <button
            type="button"
            onClick={() =>
              void act(
                '/v1/silences',
                {
                  matchers: { fingerprint: alert.fingerprint },
                  duration: '4h',
                  createdBy: who.trim(),
                  comment: 'silenced from the dashboard',
                },
                'Silenced for 4 hours.',
              )
            }
          >
            Silence 4h
          </button>
          {message !== null && (
            <span role="status" class="action-message">
              {message}
            </span>
          )}
        </div>
      )}
    </article>
  );
}
