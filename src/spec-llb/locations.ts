// Where in gofile.yaml each op comes from: the lines of the spec key that decided it, so BuildKit's
// errors and progress point at the spec the user wrote rather than at a Dockerfile they never saw.
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { SourceLocation, SourceMap } from '../llb/index.js';

/** Keys in order of preference, e.g. `['builder', 'go']`; `copy.1` is an item; `path` (required) is the fallback. */
export type Locate = (...keys: string[]) => SourceLocation[] | undefined;

export function specLocator(sm: SourceMap, text: string): Locate {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const root = doc.contents;
  const lineOf = (offset: number) => lines.linePos(offset).line;
  const span = (key: string): [number, number] | undefined => {
    if (!isMap(root)) return undefined;
    const [top, index] = key.split('.');
    const pair = root.items.find((p) => (p.key as { value?: unknown } | null)?.value === top);
    if (!pair) return undefined;
    let start = (pair.key as Node).range![0];
    let value = pair.value as Node | null;
    if (index !== undefined) {
      if (!isSeq(value) || !value.items[Number(index)]) return undefined;
      value = value.items[Number(index)] as Node;
      start = value.range![0];
    }
    const end = value?.range ? Math.max(start, value.range[1] - 1) : start;
    return [lineOf(start), lineOf(end)];
  };
  return (...keys) => {
    for (const k of [...keys, 'path']) {
      const s = span(k);
      if (s) return [sm.lines(s[0], s[1])];
    }
    return undefined;
  };
}
