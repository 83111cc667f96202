// dockerfile-ast uses only Position.create and Range.create from this 28 KB package; the bundle gets these instead.
export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

export const Position = {
  create: (line: number, character: number): Position => ({ line, character }),
};

export const Range = {
  create(a: number | Position, b: number | Position, c?: number, d?: number): Range {
    if (typeof a === 'number') return { start: { line: a, character: b as number }, end: { line: c!, character: d! } };
    return { start: a, end: b as Position };
  },
};
