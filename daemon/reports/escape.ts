import { neutraliseControls } from '../../domain/controlText';

/**
 * Everything a report shows that it did not write itself (prompts, answers, rationales, names, titles) is hostile:
 * a model under attack writes markup, Markdown and terminal escapes on purpose. Each format has one escaper here,
 * and the renderers pass every such text through it; terminal controls and bidi overrides become U+FFFD first,
 * so a report read in a terminal (`cat report.md`) cannot be made to lie either.
 */

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Safe as element text and inside a quoted attribute value. */
export function escapeHtml(text: string): string {
  return neutraliseControls(text, { keepLines: true }).replace(/[&<>"']/g, (char) => HTML_ENTITIES[char]);
}

/**
 * Safe as Markdown inline text: CommonMark lets any ASCII punctuation be escaped with a backslash, so every one is
 * (no emphasis, link, heading, list, table cell or code span can start), and & < > become entities so that no raw
 * HTML or autolink can form either. Newlines stay; callers that need one line (a table cell) fold them.
 */
export function escapeMarkdown(text: string): string {
  return neutraliseControls(text, { keepLines: true }).replace(/[!-/:-@[-`{-~]/g, (char) =>
    char === '&' ? '&amp;' : char === '<' ? '&lt;' : char === '>' ? '&gt;' : `\\${char}`,
  );
}

/** A long text cut for the report, saying how much was left out (the full text stays in memory and exports). */
export function clipped(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
