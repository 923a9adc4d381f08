/** An outcome that is drawn but not yet due: its prediction's index, its label and when it arrives. */
export interface PendingOutcome {
  readonly at: number;
  readonly index: number;
  readonly label: 0 | 1;
}

/**
 * The outcomes still to come, as a binary min-heap on arrival time (ties by prediction index,
 * so the order is fully determined). It holds exactly the outcomes not yet emitted, which is
 * all the generator keeps in memory.
 */
export class PendingOutcomes {
  private readonly heap: PendingOutcome[] = [];

  get size(): number {
    return this.heap.length;
  }

  peek(): PendingOutcome | undefined {
    return this.heap[0];
  }

  push(outcome: PendingOutcome): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(outcome);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(outcome, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = outcome;
  }

  pop(): PendingOutcome | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && before(heap[right]!, heap[left]!) ? right : left;
      if (!before(heap[child]!, last)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}

function before(a: PendingOutcome, b: PendingOutcome): boolean {
  return a.at < b.at || (a.at === b.at && a.index < b.index);
}
