/**
 * A real Alertmanager (Debian's prometheus-alertmanager) as a child process, routing every
 * alert to one webhook receiver at once (group_wait and group_interval 1 s) and sending
 * resolutions too, so a test sees what Alertmanager does with fairwatch's alerts within seconds.
 */
import { writeFile } from 'node:fs/promises';
import { expect } from 'vitest';
import type { TestServer } from '../test/receivers/receiverTestKit.js';
import type { TempDir } from '../test/service/serviceFixtures.js';
import { webhookDelivery, type WebhookDelivery } from './alertmanagerApi.js';
import { startChildService, waitUntilReady, type ChildService } from './childService.js';
import { freePort } from './freePort.js';
import { requiredExecutable } from './requiredExecutable.js';

export interface AlertmanagerUnderTest {
  readonly url: string;
  readonly service: ChildService;
}

/** Starts Alertmanager with its config and data in `dir`, posting to `{webhookUrl}/alertmanager`. */
export async function startAlertmanager(
  dir: TempDir,
  webhookUrl: string,
): Promise<AlertmanagerUnderTest> {
  const executable = requiredExecutable('prometheus-alertmanager');
  const config = dir.file('alertmanager.yml');
  await writeFile(
    config,
    `route:
  receiver: test-hook
  group_by: [alertname, model, version]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: test-hook
    webhook_configs:
      - url: ${webhookUrl}/alertmanager
        send_resolved: true
`,
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const service = startChildService('alertmanager', executable, [
    `--config.file=${config}`,
    `--storage.path=${dir.file('alertmanager-data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    // Empty: no cluster (gossip) listener, so no second port and no peers to wait for.
    '--cluster.listen-address=',
  ]);
  await waitUntilReady(service, `${url}/-/ready`);
  return { url, service };
}

/** Every body Alertmanager's webhook receiver POSTed to `hook` so far, in order. */
export function webhookDeliveries(hook: TestServer): WebhookDelivery[] {
  return hook.requests.map((request) => {
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/alertmanager');
    return webhookDelivery(request.raw);
  });
}
