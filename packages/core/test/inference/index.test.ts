import { describe, expect, it } from 'vitest';
import * as inference from '../../src/inference/index.js';

describe('inference public surface', () => {
  it('exports exactly the documented functions', () => {
    expect(Object.keys(inference).sort()).toEqual([
      'aucInterval',
      'benjaminiHochberg',
      'binnedAuc',
      'chiSquareHomogeneityTest',
      'chiSquareSurvival',
      'compareProportions',
      'fisherExactTest',
      'logGamma',
      'logRatioInterval',
      'newcombeDifferenceInterval',
      'normalCdf',
      'normalQuantile',
      'normalSurvival',
      'regularizedGammaQ',
      'twoProportionZTest',
      'twoSidedZ',
      'wilsonInterval',
    ]);
  });
});
