/**
 * Min-cost circulation by successive shortest paths with node potentials (Dijkstra on reduced costs).
 *
 * The network has one terminal node T standing for both source and sink (merging them is the usual
 * circulation view: flow value is free, cost is minimised). Units enter one at a time through an entry
 * edge T → u of capacity 1 (u is a participant). For each new unit we look for the cheapest path
 * u → … → T in the residual network: it ends either at a supervisor's edge into T (one more placement)
 * or at another participant's entry edge taken in reverse (that participant is displaced, and the path
 * has already moved everyone else). The unit is pushed only when the cycle T → u → … → T has NEGATIVE
 * cost, i.e. it raises the total score; an assignment that lowers the total is never made.
 *
 * Why this is exact: before u arrives the flow is optimal, so the residual network has no negative
 * cycle. Any better flow differs by cycles; all but the one using the new capacity-1 edge T → u existed
 * before and cost ≥ 0. So the optimum is the current flow plus the cheapest cycle through T → u, which
 * is exactly what one Dijkstra finds. Rooting each search at the newcomer instead of at a super source
 * keeps it local: it only explores the slots and rivals that the newcomer can actually reach.
 *
 * Costs are integers (scores × 10⁶), so every distance and potential is an exact double and the result
 * does not depend on rounding. Ties are broken by node number, so the same input gives the same flow.
 */
export class FlowNetwork {
  readonly head: Int32Array;
  readonly next: Int32Array;
  readonly to: Int32Array;
  /** Residual capacity; edge e's reverse is e ^ 1. */
  readonly cap: Int32Array;
  readonly cost: Float64Array;
  private edgeCount = 0;

  constructor(
    readonly nodeCount: number,
    maxEdges: number,
  ) {
    this.head = new Int32Array(nodeCount).fill(-1);
    this.next = new Int32Array(2 * maxEdges);
    this.to = new Int32Array(2 * maxEdges);
    this.cap = new Int32Array(2 * maxEdges);
    this.cost = new Float64Array(2 * maxEdges);
  }

  /** Adds u → v and its residual twin; returns the forward edge id. */
  addEdge(u: number, v: number, capacity: number, cost: number): number {
    const e = this.edgeCount;
    this.edgeCount += 2;
    this.link(e, u, v, capacity, cost);
    this.link(e + 1, v, u, 0, -cost);
    return e;
  }

  /** Units flowing on a forward edge. */
  flow(e: number): number {
    return this.cap[e ^ 1]!;
  }

  private link(e: number, u: number, v: number, capacity: number, cost: number): void {
    this.to[e] = v;
    this.cap[e] = capacity;
    this.cost[e] = cost;
    this.next[e] = this.head[u]!;
    this.head[u] = e;
  }
}

export class IncrementalMinCostFlow {
  private readonly potential: Float64Array;
  private readonly dist: Float64Array;
  private readonly prevEdge: Int32Array;
  private readonly touched: number[] = [];
  private readonly heapKey: number[] = [];
  private readonly heapNode: number[] = [];
  /** Dijkstra searches run and units pushed: for benchmarks. */
  searches = 0;
  augmentations = 0;

  constructor(
    private readonly net: FlowNetwork,
    private readonly terminal: number,
  ) {
    // With no flow yet, every edge not leaving a unit node costs 0: zero potentials are feasible.
    this.potential = new Float64Array(net.nodeCount);
    this.dist = new Float64Array(net.nodeCount).fill(Number.POSITIVE_INFINITY);
    this.prevEdge = new Int32Array(net.nodeCount).fill(-1);
  }

  /**
   * Offer one unit through `entryEdge` (T → u). Returns true when it was pushed round a negative-cost
   * cycle (the total cost went down), false when no such cycle exists (u stays out).
   */
  offerUnit(entryEdge: number): boolean {
    const { net, potential, terminal } = this;
    const u = net.to[entryEdge]!;
    // Potential of the newcomer: as high as needed to make its out-edges' reduced costs ≥ 0.
    let pu = Number.NEGATIVE_INFINITY;
    for (let e = net.head[u]!; e !== -1; e = net.next[e]!) {
      if (net.cap[e]! > 0) pu = Math.max(pu, potential[net.to[e]!]! - net.cost[e]!);
    }
    if (pu === Number.NEGATIVE_INFINITY) return false;
    potential[u] = pu;

    this.searches++;
    const reached = this.shortestPathsFrom(u);
    let pushed = false;
    if (reached) {
      const d = this.dist[terminal]!;
      const cycleCost = d - potential[u]! + potential[terminal]!;
      if (cycleCost < 0) {
        this.updatePotentials(d);
        this.pushAlongPath(u, entryEdge);
        this.augmentations++;
        pushed = true;
      }
    }
    for (const v of this.touched) {
      this.dist[v] = Number.POSITIVE_INFINITY;
      this.prevEdge[v] = -1;
    }
    this.touched.length = 0;
    return pushed;
  }

  /** Dijkstra on reduced costs from `source`, stopping when the terminal is settled. */
  private shortestPathsFrom(source: number): boolean {
    const { net, potential, dist, prevEdge, terminal } = this;
    this.heapKey.length = 0;
    this.heapNode.length = 0;
    dist[source] = 0;
    this.touched.push(source);
    this.push(0, source);
    while (this.heapKey.length > 0) {
      const key = this.heapKey[0]!;
      const v = this.pop();
      if (key > dist[v]!) continue; // stale entry
      if (v === terminal) return true;
      const pv = potential[v]!;
      for (let e = net.head[v]!; e !== -1; e = net.next[e]!) {
        if (net.cap[e]! <= 0) continue;
        const w = net.to[e]!;
        const nd = key + net.cost[e]! + pv - potential[w]!;
        if (nd < dist[w]!) {
          if (dist[w] === Number.POSITIVE_INFINITY) this.touched.push(w);
          dist[w] = nd;
          prevEdge[w] = e;
          this.push(nd, w);
        }
      }
    }
    return false;
  }

  /**
   * π(v) += min(dist(v), D): keeps every reduced cost the searches use non-negative, and makes the
   * edges of the path just found (and their reverses) exactly zero.
   */
  private updatePotentials(d: number): void {
    const { potential, dist } = this;
    for (let v = 0; v < potential.length; v++) {
      const dv = dist[v]!;
      potential[v] = potential[v]! + Math.min(dv, d);
    }
  }

  private pushAlongPath(source: number, entryEdge: number): void {
    const { net, prevEdge } = this;
    for (let v = this.terminal; v !== source; ) {
      const e = prevEdge[v]!;
      net.cap[e]!--;
      net.cap[e ^ 1]!++;
      v = net.to[e ^ 1]!;
    }
    net.cap[entryEdge]!--;
    net.cap[entryEdge ^ 1]!++;
  }

  // Binary min-heap on (key, node); ties by node number so the search order is deterministic.
  private push(key: number, node: number): void {
    const keys = this.heapKey;
    const nodes = this.heapNode;
    let i = keys.length;
    keys.push(key);
    nodes.push(node);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent]!;
      if (pk < key || (pk === key && nodes[parent]! <= node)) break;
      keys[i] = pk;
      nodes[i] = nodes[parent]!;
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  private pop(): number {
    const keys = this.heapKey;
    const nodes = this.heapNode;
    const top = nodes[0]!;
    const lastKey = keys.pop()!;
    const lastNode = nodes.pop()!;
    const n = keys.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const r = child + 1;
      if (r < n && (keys[r]! < keys[child]! || (keys[r] === keys[child] && nodes[r]! < nodes[child]!)))
        child = r;
      const ck = keys[child]!;
      if (ck > lastKey || (ck === lastKey && nodes[child]! >= lastNode)) break;
      keys[i] = ck;
      nodes[i] = nodes[child]!;
      i = child;
    }
    keys[i] = lastKey;
    nodes[i] = lastNode;
    return top;
  }
}
