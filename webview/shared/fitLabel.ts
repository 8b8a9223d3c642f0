/** Measures a text's width in pixels, in the font it is drawn with. */
export type MeasureText = (text: string) => number;

/**
 * A chart's axis label as at most `maxLines` lines, none wider than `maxWidth`: wrapped between words, and what
 * still does not fit ends in "…" (the whole name is in the tooltip and in the table beside the chart). A canvas
 * cuts off whatever is drawn past its edge, as a long scorer name at the left of its chart was.
 */
export function fitLabel(label: string, maxWidth: number, measure: MeasureText, maxLines = 2): string[] {
  if (measure(label) <= maxWidth) return [label];
  // "RefusalPhraseScorer (not deciding)": the name on one line, what is said of it on the next.
  const aside = label.lastIndexOf(' (');
  if (maxLines >= 2 && aside > 0) {
    const name = label.slice(0, aside);
    const note = label.slice(aside + 1);
    if (measure(name) <= maxWidth && measure(note) <= maxWidth) return [name, note];
  }
  const words = label.split(/\s+/).filter((word) => word !== '');
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.at(-1);
    if (last !== undefined && measure(`${last} ${word}`) <= maxWidth) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  if (lines.length > maxLines) lines.splice(maxLines - 1, lines.length, lines.slice(maxLines - 1).join(' '));
  return lines.map((line) => shorten(line, maxWidth, measure));
}

/** The longest start of `line` that fits with an ellipsis after it (the line itself when it fits). */
function shorten(line: string, maxWidth: number, measure: MeasureText): string {
  if (measure(line) <= maxWidth) return line;
  const characters = [...line];
  let kept = characters.length - 1;
  while (kept > 1 && measure(`${characters.slice(0, kept).join('').trimEnd()}…`) > maxWidth) kept -= 1;
  return `${characters.slice(0, kept).join('').trimEnd()}…`;
}
