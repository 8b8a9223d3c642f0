/**
 * Characters a terminal acts on instead of showing: C0 controls (ESC starts every escape sequence), DEL, C1
 * controls (U+009B is a one-character CSI in some terminals) and the bidirectional overrides that make a text read
 * differently from what it holds. Prompts, answers, rationales and error texts are written by models and servers
 * under attack, so none of these may reach the terminal from them.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A prompt, an answer or any text the CLI did not write itself, on one terminal line: whitespace runs folded,
 * every character a terminal would act on shown as U+FFFD, long texts cut with an ellipsis.
 */
export function oneLine(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim().replace(UNSAFE, '\uFFFD');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The same, never cut: names, ids and error messages a person must read whole. */
export function safeText(text: string): string {
  return oneLine(text, Number.POSITIVE_INFINITY);
}
