/**
 * Instant queries against a real Prometheus's HTTP API (`GET /api/v1/query`), the response
 * validated rather than cast: `{"status":"success","data":{"resultType":"vector","result":
 * [{"metric":{...},"value":[<unix seconds>,"<value>"]}]}}`.
 */

export interface VectorSample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export async function queryVector(prometheusUrl: string, query: string): Promise<VectorSample[]> {
  const url = `${prometheusUrl}/api/v1/query?query=${encodeURIComponent(query)}`;
  const response = await fetch(url);
  const body: unknown = await response.json();
  if (!isRecord(body) || body['status'] !== 'success') {
    throw new Error(`query ${query} failed (${response.status}): ${JSON.stringify(body)}`);
  }
  const data = body['data'];
  if (!isRecord(data) || data['resultType'] !== 'vector' || !Array.isArray(data['result'])) {
    throw new Error(`query ${query} did not return a vector: ${JSON.stringify(body)}`);
  }
  return data['result'].map((entry: unknown): VectorSample => {
    const metric = isRecord(entry) ? entry['metric'] : undefined;
    const value = isRecord(entry) ? entry['value'] : undefined;
    if (!isRecord(metric) || !Array.isArray(value) || typeof value[1] !== 'string') {
      throw new Error(`query ${query}: not a vector sample: ${JSON.stringify(entry)}`);
    }
    const labels: Record<string, string> = {};
    for (const [name, labelValue] of Object.entries(metric)) labels[name] = String(labelValue);
    return { labels, value: Number(value[1]) };
  });
}

/** The value of a query that must return exactly one sample; throws (to be polled) otherwise. */
export async function queryScalar(prometheusUrl: string, query: string): Promise<number> {
  const samples = await queryVector(prometheusUrl, query);
  if (samples.length !== 1) {
    throw new Error(`query ${query} returned ${samples.length} samples, not 1`);
  }
  return samples[0]!.value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
