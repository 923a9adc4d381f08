import { getJson } from '../api/client.js';
import { ingestHealth } from '../api/debugTypes.js';
import { usePolling } from '../api/usePolling.js';
import { useApp } from '../app/context.js';
import { formatCount, formatTime } from '../format.js';
import { LoadState } from './LoadState.js';

/** What the service accepted and refused since it started, and what it still waits for. */
export function IngestHealth() {
  const { refresh } = useApp();
  const loaded = usePolling('/v1/ingest', () => getJson('/v1/ingest', ingestHealth), refresh);
  return (
    <LoadState loaded={loaded} what="ingestion health">
      {(data) => {
        const reasons = Object.entries(data.events).flatMap(([kind, counts]) =>
          Object.entries(counts.rejected_by_reason).map(([reason, count]) => ({
            kind,
            reason,
            count,
          })),
        );
        const requests = Object.entries(data.rejected_requests);
        return (
          <div class="grid">
            <table class="data">
              <caption>Events since the service started</caption>
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">Ingested</th>
                  <th scope="col">Duplicates</th>
                  <th scope="col">Held (outcome before its prediction)</th>
                  <th scope="col">Rejected</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(data.events).map(([kind, counts]) => (
                  <tr key={kind}>
                    <th scope="row">{kind}</th>
                    <td>{formatCount(counts.ingested)}</td>
                    <td>{formatCount(counts.duplicates)}</td>
                    <td>{formatCount(counts.held)}</td>
                    <td>{formatCount(counts.rejected)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table class="data">
              <caption>Rejections by reason since the service started</caption>
              <thead>
                <tr>
                  <th scope="col">What</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Count</th>
                </tr>
              </thead>
              <tbody>
                {reasons.length === 0 && requests.length === 0 && (
                  <tr>
                    <td colSpan={3}>nothing rejected</td>
                  </tr>
                )}
                {reasons.map((row) => (
                  <tr key={`${row.kind}-${row.reason}`}>
                    <td>{row.kind}</td>
                    <td>{row.reason}</td>
                    <td>{formatCount(row.count)}</td>
                  </tr>
                ))}
                {requests.map(([reason, count]) => (
                  <tr key={`request-${reason}`}>
                    <td>whole requests</td>
                    <td>{reason}</td>
                    <td>{formatCount(count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table class="data">
              <caption>Waiting for labels</caption>
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col">Pending labels</th>
                  <th scope="col">Newest prediction</th>
                </tr>
              </thead>
              <tbody>
                {data.models.map((model) => (
                  <tr key={model.model}>
                    <th scope="row">{model.model}</th>
                    <td>{formatCount(model.pending_labels)}</td>
                    <td>{model.last_event_ts === null ? '—' : formatTime(model.last_event_ts)}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">held outcomes</th>
                  <td colSpan={2}>
                    {formatCount(data.held_outcomes)} waiting for their prediction
                  </td>
                </tr>
                <tr>
                  <th scope="row">store</th>
                  <td colSpan={2}>
                    {formatCount(data.store.retained_predictions)} raw predictions,{' '}
                    {(data.store.bytes / 2 ** 20).toFixed(0)} MB
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
        );
      }}
    </LoadState>
  );
}
