import { neutraliseControls } from '../../domain/controlText';

/**
 * A prompt, an answer or any text the CLI did not write itself, on one terminal line: whitespace runs folded,
 * every character a terminal would act on shown as U+FFFD (domain/controlText.ts, the rule the extension's Test
 * Explorer output follows too), long texts cut with an ellipsis.
 */
export function oneLine(text: string, max = 120): string {
  const flat = neutraliseControls(text.replace(/\s+/g, ' ').trim());
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The same, never cut: names, ids and error messages a person must read whole. */
export function safeText(text: string): string {
  return oneLine(text, Number.POSITIVE_INFINITY);
}
