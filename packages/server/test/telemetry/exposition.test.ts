import { describe, expect, it } from 'vitest';
import {
  escapeHelp,
  escapeLabelValue,
  formatValue,
  renderExposition,
} from '../../src/telemetry/exposition.js';

describe('renderExposition', () => {
  it('escapes backslash, double quote and line feed in label values', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    const text = renderExposition([
      {
        name: 'm',
        help: 'h',
        type: 'gauge',
        samples: [{ name: 'm', labels: [['path', 'C:\\dir\\"x"\nnext']], value: 1 }],
      },
    ]);
    expect(text).toBe('# HELP m h\n# TYPE m gauge\nm{path="C:\\\\dir\\\\\\"x\\"\\nnext"} 1\n');
  });

  it('escapes backslash and line feed in HELP but leaves quotes alone', () => {
    expect(escapeHelp('a\\b "q"\nline')).toBe('a\\\\b "q"\\nline');
  });

  it('keeps label values that need no escaping, including non-ASCII, as they are', () => {
    expect(escapeLabelValue('race=Black, sex=F — ü')).toBe('race=Black, sex=F — ü');
  });

  it('formats numbers as Prometheus parses them', () => {
    expect(formatValue(Number.NaN)).toBe('NaN');
    expect(formatValue(Infinity)).toBe('+Inf');
    expect(formatValue(-Infinity)).toBe('-Inf');
    expect(formatValue(0)).toBe('0');
    expect(formatValue(-0)).toBe('0');
    expect(formatValue(0.1)).toBe('0.1');
    expect(formatValue(123456789012)).toBe('123456789012');
    expect(formatValue(5e-324)).toBe('5e-324');
  });

  it('renders nothing for no families, and HELP/TYPE alone for a family with no samples', () => {
    expect(renderExposition([])).toBe('');
    expect(renderExposition([{ name: 'x_total', help: 'x', type: 'counter', samples: [] }])).toBe(
      '# HELP x_total x\n# TYPE x_total counter\n',
    );
  });
});
