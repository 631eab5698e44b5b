/**
 * The best `limit` rows seen so far, in a binary heap whose root is the worst kept row, so a new
 * candidate costs O(1) when it loses and O(log k) when it enters: no full sort of every survivor.
 * Order: higher score first, then lower id (string order), which makes every ranking deterministic.
 */
export class TopK {
  private readonly rows: number[] = [];
  private readonly scores: number[] = [];

  /** `floor`: a score rows below it cannot reach the caller's list with (it has a k-th this good). */
  constructor(
    private readonly limit: number,
    private readonly idOf: (row: number) => string,
    private readonly floor = Number.NEGATIVE_INFINITY,
  ) {}

  /** a ranks before b */
  private better(scoreA: number, rowA: number, scoreB: number, rowB: number): boolean {
    return scoreA > scoreB || (scoreA === scoreB && this.idOf(rowA) < this.idOf(rowB));
  }

  /** Score a newcomer must reach to be considered (the floor until k rows are kept). */
  threshold(): number {
    return this.rows.length < this.limit ? this.floor : Math.max(this.floor, this.scores[0]!);
  }

  /**
   * Offer the score stored at `scores[at]`; taking it from an array instead of an argument keeps the
   * hot loop free of boxed numbers (see RowScratch in constraints.ts).
   */
  offerFrom(row: number, scores: Float64Array, at: number): void {
    this.offer(row, scores[at]!);
  }

  offer(row: number, score: number): void {
    const n = this.rows.length;
    if (n < this.limit) {
      this.rows.push(row);
      this.scores.push(score);
      this.siftUp(n);
    } else if (n > 0 && this.better(score, row, this.scores[0]!, this.rows[0]!)) {
      this.rows[0] = row;
      this.scores[0] = score;
      this.siftDown(0);
    }
  }

  /** The kept rows, best first. */
  sorted(): number[] {
    return this.sortedEntries().map((o) => o.row);
  }

  /** The kept rows with their scores, best first. */
  sortedEntries(): { row: number; score: number }[] {
    const order = this.rows.map((row, i) => ({ row, score: this.scores[i]! }));
    order.sort((a, b) => (this.better(a.score, a.row, b.score, b.row) ? -1 : 1));
    return order;
  }

  // Min-heap on "goodness": a parent is never better than its children.
  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.better(this.scores[parent]!, this.rows[parent]!, this.scores[i]!, this.rows[i]!)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const n = this.rows.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < n && this.better(this.scores[worst]!, this.rows[worst]!, this.scores[l]!, this.rows[l]!))
        worst = l;
      if (r < n && this.better(this.scores[worst]!, this.rows[worst]!, this.scores[r]!, this.rows[r]!))
        worst = r;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }

  private swap(a: number, b: number): void {
    const row = this.rows[a]!;
    const score = this.scores[a]!;
    this.rows[a] = this.rows[b]!;
    this.scores[a] = this.scores[b]!;
    this.rows[b] = row;
    this.scores[b] = score;
  }
}
