import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/configError.js';
import { loadConfig, parseConfig } from '../../src/config/loadConfig.js';
import { exitCodeFor } from '../../src/errors.js';

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'fairwatch-config-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function writeConfig(name: string, text: string): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, text);
  return path;
}

/** The ConfigError `run` throws. */
function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const EXAMPLE = `# fairwatch.yaml as the README shows it
server:
  listen: 127.0.0.1:8080
  store: ./fairwatch.db
  bucket: 1m
retention:
  raw_events: 30d
privacy:
  min_cell_size: 10
models:
  - name: loans
    threshold: 0.5
    attributes: [segment, sex]
    intersections: [[segment, sex]]
    references: {segment: s01}
    min_samples: 30
slos:
  - name: loans-fpr-segment
    model: loans
    attribute: segment
    metric: fpr
    kind: difference
    compare: reference
    band: [-0.05, 0.05]
    window: 1h
    runbook_url: https://runbooks.example.com/fpr
    receivers: [oncall]
    alerts:
      - severity: page
        long_window: 1h
        short_window: 5m
        burn_rate: 14.4
      - severity: ticket
        long_window: 6h
        short_window: 30m
        burn_rate: 6
receivers:
  - name: oncall
    type: webhook
    url: http://127.0.0.1:9000/hook
    secret_env: FAIRWATCH_HOOK_SECRET
alerting:
  repeat_interval: 4h
`;

describe('loadConfig', () => {
  it('reads a YAML file into the validated configuration', async () => {
    const path = await writeConfig('example.yaml', EXAMPLE);
    const config = loadConfig(path, { FAIRWATCH_HOOK_SECRET: 'hunter2' });
    expect(config.server.listen).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(config.server.publicUrl).toBe('http://127.0.0.1:8080');
    expect(config.models[0]).toEqual({
      name: 'loans',
      threshold: 0.5,
      attributes: ['segment', 'sex'],
      intersections: [['segment', 'sex']],
      references: { segment: 's01' },
      minSamples: 30,
    });
    expect(config.slos[0]).toMatchObject({
      name: 'loans-fpr-segment',
      band: [-0.05, 0.05],
      windowMs: 3_600_000,
      objective: 0.99,
      receivers: ['oncall'],
    });
    expect(config.receivers[0]).toMatchObject({
      secret: 'hunter2',
      secretEnv: 'FAIRWATCH_HOOK_SECRET',
    });
  });

  it('reports an unset secret_env variable at its path and line', async () => {
    const path = await writeConfig('unset-env.yaml', EXAMPLE);
    const error = configError(() => loadConfig(path, {}));
    expect(error.issues).toEqual([
      {
        code: 'unset_env',
        path: 'receivers[0].secret_env',
        message: 'environment variable `FAIRWATCH_HOOK_SECRET` is not set',
        line: 41,
        column: 17,
      },
    ]);
    expect(error.message).toBe(
      `invalid configuration ${path} (1 issue):\n` +
        '  receivers[0].secret_env: environment variable `FAIRWATCH_HOOK_SECRET` is not set (line 41:17)',
    );
  });

  it('is a config error: exit code 2, and a cause when the file cannot be read', () => {
    const path = join(directory, 'missing.yaml');
    const error = configError(() => loadConfig(path, {}));
    expect(error.code).toBe('config');
    expect(exitCodeFor(error.code)).toBe(2);
    expect(error.issues.map((issue) => [issue.code, issue.path, issue.line])).toEqual([
      ['unreadable_file', path, null],
    ]);
    expect(error.issues[0]?.message).toMatch(/^cannot read the configuration: ENOENT/);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('reports a YAML syntax error as one issue at file:line:col', async () => {
    const path = await writeConfig(
      'syntax.yaml',
      'models:\n  - name: loans\n    attributes: [segment, sex\n',
    );
    const error = configError(() => loadConfig(path, {}));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({
      code: 'yaml_syntax',
      path: `${path}:4:1`,
      line: 4,
      column: 1,
    });
    expect(error.message).toMatch(
      new RegExp(`\\n  ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:1: `),
    );
  });

  it('reports a key given twice as a YAML error with its line', () => {
    const error = configError(() =>
      parseConfig(
        'models:\n  - name: loans\n    name: fraud\n    attributes: [sex]\n',
        'dup.yaml',
        {},
      ),
    );
    expect(error.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['yaml_syntax', 'dup.yaml:3:5'],
    ]);
  });

  it('reports every validation issue on its own line as path: message, with its line', () => {
    const text = [
      'server:',
      '  bucket: 7m',
      'models:',
      '  - name: loans',
      '    treshold: 0.5',
      '    attributes: [segment, segment]',
      'slos:',
      '  - name: fpr',
      '    model: loans',
      '    attribute: segment',
      '    kind: difference',
      '    compare: reference',
      '',
    ].join('\n');
    const error = configError(() => parseConfig(text, 'fairwatch.yaml', {}));
    expect(error.message.split('\n')).toEqual([
      'invalid configuration fairwatch.yaml (4 issues):',
      '  server.bucket: must divide 1h evenly (such as 10s, 1m, 5m, 15m or 1h), got 7m (line 2:11)',
      '  models[0].treshold: unknown key `treshold`; did you mean `threshold`? (line 5:5)',
      '  models[0].attributes[1]: attribute `segment` is listed twice (line 6:27)',
      '  slos[0].metric: `metric` is required (line 8:5)',
    ]);
  });

  it('locates a key with nothing after it at the key', () => {
    const error = configError(() =>
      parseConfig('models:\n  - name:\n    attributes: [sex]\n', 'f.yaml', {}),
    );
    expect(error.issues).toEqual([
      {
        code: 'missing',
        path: 'models[0].name',
        message: '`name` is required',
        line: 2,
        column: 5,
      },
    ]);
  });

  it('reads a file of nothing but comments as an empty configuration', () => {
    const error = configError(() => parseConfig('# nothing yet\n', 'empty.yaml', {}));
    expect(error.issues).toEqual([
      {
        code: 'missing',
        path: 'models',
        message: 'at least one model is required',
        line: null,
        column: null,
      },
    ]);
  });

  it('reports a document that is a list at the root', () => {
    const error = configError(() => parseConfig('- models\n', 'list.yaml', {}));
    expect(error.message).toBe(
      'invalid configuration list.yaml (1 issue):\n  (root): expected a mapping, got a list (line 1:1)',
    );
  });
});
