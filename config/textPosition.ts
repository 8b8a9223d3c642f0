export interface SourcePosition {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 units as VS Code counts them. */
  column: number;
}

/** The line and column of an offset in `text`. */
export function positionAt(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
