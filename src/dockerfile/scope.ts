// The ARG/ENV variables in scope at each instruction of a stage. Every ARG/ENV adds one entry to a history the
// stage shares, and an instruction keeps a view of it up to its own point: copying the scope at each ARG/ENV, as
// this once did, made a file of n ARG/ENV lines cost n² (4,000 pairs: 6 s).

interface History {
  /** Versions at which the variable was set, ascending. */
  at: number[];
  value: (string | null)[];
  /** Set by ENV (else by ARG, which takes the name out of the environment). */
  env: boolean[];
}

export class StageScope {
  private readonly history = new Map<string, History>();
  private version = 0;
  private last: { version: number; vars: VarsView; envNames: EnvView } | undefined;
  /** The scope as it changes: an ARG's later words see its earlier ones. */
  readonly live: ReadonlyMap<string, string | null> = new VarsView(this, Infinity);

  set(name: string, value: string | null, isEnv: boolean): void {
    this.version++;
    const h = this.history.get(name);
    if (h) {
      h.at.push(this.version);
      h.value.push(value);
      h.env.push(isEnv);
    } else this.history.set(name, { at: [this.version], value: [value], env: [isEnv] });
  }

  /** What an instruction sees: the scope as it is now, whatever later ARG/ENV lines do. */
  snapshot(): { vars: ReadonlyMap<string, string | null>; envNames: ReadonlySet<string> } {
    if (this.last?.version !== this.version) {
      this.last = { version: this.version, vars: new VarsView(this, this.version), envNames: new EnvView(this, this.version) };
    }
    return this.last;
  }

  /** The variable's history, or undefined when it was never set in this stage. */
  historyOf(name: string): History | undefined {
    return this.history.get(name);
  }

  /** The variable's history and the index of its binding at `version`, or undefined when it is not set then. */
  binding(name: string, version: number): { h: History; i: number } | undefined {
    const h = this.history.get(name);
    if (!h) return undefined;
    const i = bindingIndex(h, version);
    return i < 0 ? undefined : { h, i };
  }

  names(): IterableIterator<string> {
    return this.history.keys();
  }
}

/** The index of the last binding at or before `version`, -1 when none. */
function bindingIndex(h: History, version: number): number {
  const at = h.at;
  if (at[at.length - 1] <= version) return at.length - 1; // the common case: the latest binding
  let lo = 0;
  let hi = at.length - 1;
  let i = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (at[mid] <= version) { i = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return i;
}

/** The variables at one version, in the order a Map would keep them (first set first). */
class VarsView implements ReadonlyMap<string, string | null> {
  constructor(private readonly scope: StageScope, private readonly version: number) {}

  // get, has: called for every variable reference; no allocation
  get(name: string): string | null | undefined {
    const h = this.scope.historyOf(name);
    if (!h) return undefined;
    const i = bindingIndex(h, this.version);
    return i < 0 ? undefined : h.value[i];
  }

  has(name: string): boolean {
    const h = this.scope.historyOf(name);
    return !!h && bindingIndex(h, this.version) >= 0;
  }

  get size(): number {
    let n = 0;
    for (const _ of this.keys()) n++;
    return n;
  }

  *entries(): MapIterator<[string, string | null]> {
    for (const name of this.scope.names()) {
      const b = this.scope.binding(name, this.version);
      if (b) yield [name, b.h.value[b.i]];
    }
  }

  *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<string | null> {
    for (const [, v] of this.entries()) yield v;
  }

  forEach(fn: (value: string | null, key: string, map: ReadonlyMap<string, string | null>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }

  [Symbol.iterator](): MapIterator<[string, string | null]> {
    return this.entries();
  }
}

/** The names ENV set at one version, in the order a Set would keep them (an ARG takes a name out, ENV puts it at the end). */
class EnvView implements ReadonlySet<string> {
  constructor(private readonly scope: StageScope, private readonly version: number) {}

  has(name: string): boolean {
    const h = this.scope.historyOf(name);
    if (!h) return false;
    const i = bindingIndex(h, this.version);
    return i >= 0 && h.env[i];
  }

  get size(): number {
    return this.ordered().length;
  }

  private ordered(): string[] {
    const found: { name: string; since: number }[] = [];
    for (const name of this.scope.names()) {
      const b = this.scope.binding(name, this.version);
      if (!b || !b.h.env[b.i]) continue;
      let j = b.i;
      while (j > 0 && b.h.env[j - 1]) j--; // an ENV of a name already in the environment keeps its place
      found.push({ name, since: b.h.at[j] });
    }
    return found.sort((a, b) => a.since - b.since).map((f) => f.name);
  }

  *values(): SetIterator<string> {
    yield* this.ordered();
  }

  keys(): SetIterator<string> {
    return this.values();
  }

  *entries(): SetIterator<[string, string]> {
    for (const n of this.ordered()) yield [n, n];
  }

  forEach(fn: (value: string, key: string, set: ReadonlySet<string>) => void): void {
    for (const n of this.ordered()) fn(n, n, this);
  }

  [Symbol.iterator](): SetIterator<string> {
    return this.values();
  }
}
