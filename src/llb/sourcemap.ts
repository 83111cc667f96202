// Source maps: which lines of which file (e.g. a Dockerfile) each op came from.
import type { Definition, Range } from './ops.js';
import type { State } from './state.js';
import type { SourceLocation } from './vertex.js';

/** A file that ops point into; `source` is the LLB it was read from (a State, marshaled with the rest, or a ready Definition). */
export class SourceMap {
  readonly data: Uint8Array;

  constructor(
    readonly filename: string,
    data: Uint8Array | string,
    readonly source?: State | Definition,
  ) {
    this.data = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  }

  /** A location to pass in an op's `sourceLocations`. */
  location(ranges: Range[]): SourceLocation {
    return { sourceMap: this, ranges };
  }

  /** Shorthand for a Dockerfile instruction: one range per line, lines 1-based, character 0. */
  lines(first: number, last = first): SourceLocation {
    const ranges: Range[] = [];
    for (let line = first; line <= last; line++) ranges.push({ start: { line }, end: { line } });
    return this.location(ranges);
  }
}
