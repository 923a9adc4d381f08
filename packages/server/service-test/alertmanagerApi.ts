/**
 * What a real Alertmanager says, validated rather than cast: its alert list
 * (`GET /api/v2/alerts`, the `gettableAlerts` shape) and the body its webhook receiver POSTs
 * (webhook payload version 4).
 */

export interface AlertmanagerAlertView {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly startsAt: string;
  readonly endsAt: string;
  /** `status.state` in the API list (`active`, `suppressed`, `unprocessed`), `status` in a webhook. */
  readonly state: string;
}

export interface WebhookDelivery {
  /** `firing` or `resolved`: the group's status. */
  readonly status: string;
  readonly receiver: string;
  readonly alerts: readonly AlertmanagerAlertView[];
}

/** `GET {url}/api/v2/alerts`: the alerts Alertmanager holds that have not ended. */
export async function listAlerts(alertmanagerUrl: string): Promise<AlertmanagerAlertView[]> {
  const response = await fetch(`${alertmanagerUrl}/api/v2/alerts`);
  if (response.status !== 200) throw new Error(`GET /api/v2/alerts answered ${response.status}`);
  const body: unknown = await response.json();
  if (!Array.isArray(body))
    throw new Error(`/api/v2/alerts is not a list: ${JSON.stringify(body)}`);
  return body.map((entry: unknown) => {
    const status = isRecord(entry) ? entry['status'] : undefined;
    if (!isRecord(status) || typeof status['state'] !== 'string') {
      throw new Error(`an alert without status.state: ${JSON.stringify(entry)}`);
    }
    return alertView(entry, status['state']);
  });
}

/** A webhook body Alertmanager POSTed, checked to be payload version 4. */
export function webhookDelivery(raw: Buffer): WebhookDelivery {
  const body: unknown = JSON.parse(raw.toString('utf8'));
  if (
    !isRecord(body) ||
    body['version'] !== '4' ||
    typeof body['status'] !== 'string' ||
    typeof body['receiver'] !== 'string' ||
    !Array.isArray(body['alerts'])
  ) {
    throw new Error(`not an Alertmanager webhook payload: ${raw.toString('utf8')}`);
  }
  return {
    status: body['status'],
    receiver: body['receiver'],
    alerts: body['alerts'].map((entry: unknown) => {
      const state = isRecord(entry) ? entry['status'] : undefined;
      if (typeof state !== 'string')
        throw new Error(`an alert without status: ${JSON.stringify(entry)}`);
      return alertView(entry, state);
    }),
  };
}

function alertView(entry: unknown, state: string): AlertmanagerAlertView {
  if (
    !isRecord(entry) ||
    typeof entry['startsAt'] !== 'string' ||
    typeof entry['endsAt'] !== 'string'
  ) {
    throw new Error(`not an alert: ${JSON.stringify(entry)}`);
  }
  return {
    labels: stringRecord(entry['labels'], 'labels'),
    annotations: stringRecord(entry['annotations'], 'annotations'),
    startsAt: entry['startsAt'],
    endsAt: entry['endsAt'],
    state,
  };
}

function stringRecord(value: unknown, what: string): Record<string, string> {
  if (!isRecord(value)) throw new Error(`${what} is not an object: ${JSON.stringify(value)}`);
  const out: Record<string, string> = {};
  for (const [name, text] of Object.entries(value)) {
    if (typeof text !== 'string') throw new Error(`${what}.${name} is not a string`);
    out[name] = text;
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
