import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/sample/seededRandom.js';
import { PendingOutcomes, type PendingOutcome } from '../../src/simulate/pendingOutcomes.js';

describe('PendingOutcomes', () => {
  it('pops in arrival order, ties by prediction index', () => {
    const random = seededRandom(5);
    const heap = new PendingOutcomes();
    const all: PendingOutcome[] = [];
    for (let index = 0; index < 2000; index++) {
      const outcome: PendingOutcome = { at: Math.floor(random() * 300), index, label: 1 };
      all.push(outcome);
      heap.push(outcome);
    }
    expect(heap.size).toBe(2000);
    const popped: PendingOutcome[] = [];
    for (let o = heap.pop(); o !== undefined; o = heap.pop()) popped.push(o);
    expect(popped).toEqual([...all].sort((a, b) => a.at - b.at || a.index - b.index));
    expect(heap.size).toBe(0);
    expect(heap.peek()).toBeUndefined();
  });

  it('interleaves pushes and pops', () => {
    const heap = new PendingOutcomes();
    heap.push({ at: 5, index: 0, label: 0 });
    heap.push({ at: 3, index: 1, label: 1 });
    expect(heap.pop()?.index).toBe(1);
    heap.push({ at: 4, index: 2, label: 0 });
    expect(heap.peek()?.index).toBe(2);
    expect(heap.pop()?.index).toBe(2);
    expect(heap.pop()?.index).toBe(0);
    expect(heap.pop()).toBeUndefined();
  });
});
