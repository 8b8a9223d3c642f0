/**
 * Characters a terminal acts on instead of showing: C0 controls (ESC starts every escape sequence: OSC 52 writes
 * the clipboard, OSC 0 the window title, CSI moves the cursor; CR and BS overwrite what was shown), DEL, C1 controls
 * (U+009B is a one-character CSI in some terminals) and the bidirectional overrides that make a text read
 * differently from what it holds. Prompts, answers, rationales and error texts are written by models and servers
 * under attack, so none of these may reach a terminal from them: the `vutf` CLI's output and VS Code's Test
 * Results view (a terminal too) both pass such text through here.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** The same without newline and tab, for text that keeps its lines. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Shown in place of each such character, so the reader sees that something was there. */
export const REPLACEMENT = '\uFFFD';

/**
 * `text` with every character a terminal would act on replaced by U+FFFD. With `keepLines`, newline and tab stay
 * and a CRLF counts as one newline (a lone CR, which returns the cursor over what was written, does not stay).
 */
export function neutraliseControls(text: string, options: { keepLines?: boolean } = {}): string {
  if (!options.keepLines) return text.replace(UNSAFE, REPLACEMENT);
  return text.replace(/\r\n/g, '\n').replace(UNSAFE_BUT_LINES, REPLACEMENT);
}
