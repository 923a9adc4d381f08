import { getJson } from '../api/client.js';
import { ingestHealth } from '../api/debugTypes.js';
import { usePolling } from '../api/usePolling.js';
import { useApp } from '../app/context.js';
import { LoadState } from './LoadState.js';

/** What the service accepted and refused, and what it still waits for. */
export function IngestHealth() {
  const { refresh } = useApp();
  const loaded = usePolling('/v1/ingest', () => getJson('/v1/ingest', ingestHealth), refresh);
  return (
    <LoadState loaded={loaded} what="ingestion health">
      {(data) => <pre>{JSON.stringify(data, null, 2)}</pre>}
    </LoadState>
  );
}
