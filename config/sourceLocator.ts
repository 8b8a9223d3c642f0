import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { PathSegment } from './jsonPath';
import type { SourcePosition } from './textPosition';

export type SourceLocator = (segments: readonly PathSegment[]) => SourcePosition | undefined;

/**
 * Finds where a JSONPath sits in a config's text, so a validation message can say "line 7, column 9". JSON is
 * a subset of YAML 1.2, so one reader serves both formats. The text is only re-read when an error needs it.
 * A path that runs past the document (a missing field) lands on the deepest part that exists.
 */
export function sourceLocator(text: string): SourceLocator {
  let cached: { contents: Node | null; lineCounter: LineCounter } | undefined;
  const load = () => {
    if (cached === undefined) {
      const lineCounter = new LineCounter();
      const document = parseDocument(text, { lineCounter, prettyErrors: false });
      cached = { contents: document.contents, lineCounter };
    }
    return cached;
  };

  return (segments) => {
    const { contents, lineCounter } = load();
    let node: unknown = contents;
    let offset = isNodeWithRange(node) ? node.range[0] : undefined;
    for (const segment of segments) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (pair === undefined) break;
        // The key, not the value: it names the field, and an unknown field has nothing else to point at.
        offset = isNodeWithRange(pair.key) ? pair.key.range[0] : offset;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
        node = node.items[segment];
        offset = isNodeWithRange(node) ? node.range[0] : offset;
      } else {
        break;
      }
    }
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
}

function isNodeWithRange(value: unknown): value is { range: [number, number, number] } {
  return typeof value === 'object' && value !== null && 'range' in value && Array.isArray(value.range);
}
