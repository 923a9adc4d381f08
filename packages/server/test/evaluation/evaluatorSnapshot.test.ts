import { describe, expect, it, vi } from 'vitest';
import { parseEvaluatorSnapshot } from '../../src/evaluation/evaluatorSnapshot.js';
import { SqliteStore } from '../../src/store/sqliteStore.js';
import { AppClient, demoConfig, startedService, tempDir } from '../service/serviceFixtures.js';

const firing = {
  state: 'firing',
  activeAt: 1000,
  firedAt: 1000,
  resolvedAt: null,
  episodes: 1,
};
const valid = {
  comparisons: [['slo|v2|s02', { recentBad: [1000, 31_000], hourlyBad: [[0, 2]] }]],
  alerts: [{ fingerprint: 'ab12', lifecycle: firing, acknowledgedBy: null }],
};

describe('parseEvaluatorSnapshot', () => {
  it('reads back what the evaluator saves', () => {
    expect(parseEvaluatorSnapshot(JSON.stringify(valid))).toEqual(valid);
  });

  it.each([
    ['{', 'it is not JSON'],
    ['[]', 'it has no comparisons and alerts lists'],
    [
      JSON.stringify({ ...valid, comparisons: [['k']] }),
      'a comparison is not a [key, history] pair',
    ],
    [
      JSON.stringify({ ...valid, comparisons: [['k', { recentBad: ['x'], hourlyBad: [] }]] }),
      'the history of comparison k is malformed',
    ],
    [JSON.stringify({ ...valid, alerts: [{}] }), 'an alert has no fingerprint'],
    [
      JSON.stringify({
        ...valid,
        alerts: [
          { fingerprint: 'ab12', lifecycle: { ...firing, state: 'on' }, acknowledgedBy: null },
        ],
      }),
      'alert ab12 is malformed',
    ],
    [
      JSON.stringify({
        ...valid,
        alerts: [
          { fingerprint: 'ab12', lifecycle: { ...firing, episodes: -1 }, acknowledgedBy: null },
        ],
      }),
      'alert ab12 is malformed',
    ],
  ])('refuses a snapshot that is not one (%#)', (text, reason) => {
    expect(parseEvaluatorSnapshot(text)).toBe(reason);
  });
});

describe('a service whose saved alert state is unreadable', () => {
  it('logs one line and starts afresh instead of crashing', async () => {
    const dir = await tempDir();
    const config = demoConfig(dir.file('store.db'));
    const store = new SqliteStore(config.server.store);
    store.saveEvaluationState('evaluator', '{"comparisons": 3}');
    store.close();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const service = startedService(config);
      expect(logged.mock.calls).toEqual([
        [
          'the saved alert state is unreadable (it has no comparisons and alerts lists); starting afresh',
        ],
      ]);
      expect(new AppClient(service).getJson('/v1/alerts')).toEqual({ alerts: [] });
      await service.close();
    } finally {
      logged.mockRestore();
      await dir.remove();
    }
  });
});
