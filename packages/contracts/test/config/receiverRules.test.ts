import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/index.js';
import { issuesOf, onlyIssue, validConfig, withReceiver, withTop } from './configFixtures.js';

describe('receivers', () => {
  it('reads a webhook with an inline secret', () => {
    expect(validConfig(withReceiver({})).receivers).toEqual([
      {
        name: 'oncall',
        type: 'webhook',
        url: 'http://127.0.0.1:9000/hook',
        secret: 's3cret',
        secretEnv: null,
        maxAttempts: 5,
        timeoutMs: 10_000,
      },
    ]);
  });

  it('requires a unique name, a type and an http(s) URL', () => {
    onlyIssue(withReceiver({ name: undefined }), 'receivers[0].name', 'missing');
    onlyIssue(withReceiver({ type: 'email' }), 'receivers[0].type', 'invalid_value');
    onlyIssue(withReceiver({ type: undefined }), 'receivers[0].type', 'missing');
    onlyIssue(
      withReceiver({ url: 'mailto:oncall@example.com' }),
      'receivers[0].url',
      'invalid_format',
    );
    onlyIssue(withReceiver({ url: undefined }), 'receivers[0].url', 'missing');
    const twice = withTop({
      receivers: [
        { name: 'am', type: 'alertmanager', url: 'http://am:9093' },
        { name: 'am', type: 'alertmanager', url: 'http://am2:9093' },
      ],
    });
    onlyIssue(twice, 'receivers[1].name', 'duplicate');
  });

  it('checks max_attempts and timeout', () => {
    onlyIssue(withReceiver({ max_attempts: 0 }), 'receivers[0].max_attempts', 'too_small');
    onlyIssue(withReceiver({ timeout: 'soon' }), 'receivers[0].timeout', 'invalid_format');
  });

  it('needs exactly one of secret and secret_env for a webhook', () => {
    expect(
      onlyIssue(withReceiver({ secret: undefined }), 'receivers[0].secret', 'missing'),
    ).toContain('`secret` or `secret_env`');
    onlyIssue(
      withReceiver({ secret_env: 'HOOK_SECRET' }),
      'receivers[0].secret_env',
      'inconsistent',
    );
    onlyIssue(withReceiver({ secret: '' }), 'receivers[0].secret', 'missing');
  });

  it('reads the secret from the environment variable secret_env names', () => {
    const raw = withReceiver({ secret: undefined, secret_env: 'HOOK_SECRET' });
    const result = validateConfig(raw, { env: { HOOK_SECRET: 'from-env' } });
    expect(result.ok && result.config.receivers[0]).toMatchObject({
      secret: 'from-env',
      secretEnv: 'HOOK_SECRET',
    });
  });

  it('reports an unset or empty secret_env variable at its path', () => {
    const raw = withReceiver({ secret: undefined, secret_env: 'HOOK_SECRET' });
    expect(issuesOf(raw, {})).toEqual([
      {
        code: 'unset_env',
        path: 'receivers[0].secret_env',
        message: 'environment variable `HOOK_SECRET` is not set',
      },
    ]);
    expect(issuesOf(raw, { HOOK_SECRET: '' })[0]?.message).toBe(
      'environment variable `HOOK_SECRET` is empty',
    );
    expect(issuesOf(raw, { HOOK_SECRET: undefined })[0]?.code).toBe('unset_env');
  });

  it('does not take an inherited property for an environment variable', () => {
    const raw = withReceiver({ secret: undefined, secret_env: 'constructor' });
    expect(issuesOf(raw, {})[0]?.code).toBe('unset_env');
  });

  it('reports secret_env as unreadable when no environment is given', () => {
    const raw = withReceiver({ secret: undefined, secret_env: 'HOOK_SECRET' });
    const result = validateConfig(raw);
    expect(result.ok ? [] : result.issues.map((issue) => [issue.path, issue.code])).toEqual([
      ['receivers[0].secret_env', 'unset_env'],
    ]);
  });

  it('rejects a secret_env that is not a variable name', () => {
    onlyIssue(
      withReceiver({ secret: undefined, secret_env: '$HOOK_SECRET' }),
      'receivers[0].secret_env',
      'invalid_format',
    );
  });

  it('takes no secret for an alertmanager receiver', () => {
    onlyIssue(
      withReceiver({ type: 'alertmanager', secret: undefined, secret_env: 'X' }),
      'receivers[0].secret_env',
      'inconsistent',
    );
    onlyIssue(withReceiver({ type: 'alertmanager' }), 'receivers[0].secret', 'inconsistent');
  });
});
