import { describe, expect, it } from 'vitest';
import { formatConfigIssues, formatConfigPath, parseConfigPath } from '../../src/index.js';
import type { ConfigPathSegment } from '../../src/index.js';

describe('config paths', () => {
  it.each<[ConfigPathSegment[], string]>([
    [[], ''],
    [['server'], 'server'],
    [['server', 'listen'], 'server.listen'],
    [['slos', 2, 'band', 0], 'slos[2].band[0]'],
    [['models', 0, 'intersections', 1], 'models[0].intersections[1]'],
    [['models', 0, 'references', 'age band'], 'models[0].references["age band"]'],
    [['models', 0, 'references', 'a"b.c'], 'models[0].references["a\\"b.c"]'],
    [['models', 0, 'references', '1st'], 'models[0].references["1st"]'],
  ])('writes %j as %s and reads it back', (segments, path) => {
    expect(formatConfigPath(segments)).toBe(path);
    expect(parseConfigPath(path)).toEqual(segments);
  });

  it.each(['.server', 'server..listen', 'slos[x]', 'slos[1', 'fairwatch.yaml:3:5', 'a b'])(
    'does not read %j as a path',
    (text) => {
      expect(parseConfigPath(text)).toBeNull();
    },
  );

  it('lists every issue on its own line as path: message', () => {
    expect(
      formatConfigIssues([
        { code: 'invalid_type', path: '', message: 'expected a mapping, got a list' },
        { code: 'too_big', path: 'models[0].threshold', message: 'must be in [0, 1], got 2' },
      ]),
    ).toBe('(root): expected a mapping, got a list\nmodels[0].threshold: must be in [0, 1], got 2');
  });
});
