import { describe, expect, it } from 'vitest';
import { logGamma, regularizedGammaQ } from '../../src/inference/gamma.js';
import { expectClose, hasNumbers, readCases } from './fixtureCases.js';

const logGammaCases = readCases('logGamma.json', (value) =>
  hasNumbers(value, ['x', 'logGamma', 'exact']),
);
const upperGammaCases = readCases('regularizedGammaQ.json', (value) =>
  hasNumbers(value, ['a', 'x', 'q', 'exact']),
);

describe('logGamma', () => {
  it('matches log |Gamma(x)| to 1e-14 relative for positive x, including next to the zeros at 1 and 2', () => {
    for (const { x, exact } of logGammaCases.filter((item) => item.x > 0)) {
      expectClose(logGamma(x), exact, { relative: 1e-14 }, `logGamma(${x})`);
    }
  });

  it('matches log |Gamma(x)| for negative x to 1e-14 absolute', () => {
    // The reflection formula subtracts two logarithms of similar size; its error is absolute,
    // which is what matters once the value is exponentiated.
    for (const { x, exact } of logGammaCases.filter((item) => item.x < 0)) {
      expectClose(logGamma(x), exact, { relative: 1e-14, absolute: 1e-14 }, `logGamma(${x})`);
    }
  });

  it('agrees with scipy.special.gammaln', () => {
    for (const { x, logGamma: reference } of logGammaCases) {
      expectClose(logGamma(x), reference, { relative: 1e-14, absolute: 1e-14 }, `logGamma(${x})`);
    }
  });

  it('is exactly zero at 1 and 2 and log of a factorial at the integers', () => {
    expect(logGamma(1)).toBe(0);
    expect(logGamma(2)).toBe(0);
    expectClose(logGamma(11), Math.log(3628800), { relative: 1e-15 }, 'log 10!');
  });

  it('returns Infinity at the poles and for infinite input, NaN for NaN', () => {
    expect(logGamma(0)).toBe(Infinity);
    expect(logGamma(-3)).toBe(Infinity);
    expect(logGamma(Infinity)).toBe(Infinity);
    expect(logGamma(-Infinity)).toBe(Infinity);
    expect(logGamma(NaN)).toBeNaN();
  });
});

describe('regularizedGammaQ', () => {
  it('matches the 50-digit upper regularized gamma function', () => {
    // The prefactor exp(a log x - x - logGamma(a)) loses ~eps * (a log x + x) absolute in its
    // exponent: about 1e-12 relative at a = 2000, x = 40000. Tolerance scales with that.
    for (const { a, x, exact } of upperGammaCases) {
      const exponentSize = Math.abs(a * Math.log(x)) + x + Math.abs(logGamma(a));
      const relative = Math.max(1e-13, 8 * Number.EPSILON * exponentSize);
      expectClose(regularizedGammaQ(a, x), exact, { relative }, `Q(${a}, ${x})`);
    }
  });

  it('agrees with scipy.special.gammaincc to 1e-9', () => {
    for (const { a, x, q } of upperGammaCases) {
      expectClose(regularizedGammaQ(a, x), q, { relative: 1e-9 }, `Q(${a}, ${x})`);
    }
  });

  it('is 1 at x = 0, 0 at x = Infinity, and e^-x for a = 1', () => {
    expect(regularizedGammaQ(2.5, 0)).toBe(1);
    expect(regularizedGammaQ(2.5, Infinity)).toBe(0);
    expectClose(regularizedGammaQ(1, 700), Math.exp(-700), { relative: 1e-13 }, 'Q(1, 700)');
  });

  it('returns NaN outside its domain', () => {
    expect(regularizedGammaQ(0, 1)).toBeNaN();
    expect(regularizedGammaQ(-1, 1)).toBeNaN();
    expect(regularizedGammaQ(1, -1)).toBeNaN();
    expect(regularizedGammaQ(NaN, 1)).toBeNaN();
    expect(regularizedGammaQ(1, NaN)).toBeNaN();
  });
});
