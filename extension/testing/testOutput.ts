import { neutraliseControls } from '../../domain/controlText';

/**
 * VS Code's Test Results view is a terminal (xterm.js): a run's output is interpreted there, escape sequences
 * included, and a test's message is shown beside it. What the extension puts there quotes prompts, answers,
 * rationales and errors that a model or a server under attack wrote, so each goes through domain/controlText.ts:
 * newlines and tabs stay, every other control character (and bidi override) shows as U+FFFD.
 */
export function testMessageText(text: string): string {
  return neutraliseControls(text, { keepLines: true });
}

/** One entry for TestRun.appendOutput: neutralised, and with the CRLF line ends a terminal needs. */
export function testOutputLine(text: string): string {
  return `${testMessageText(text).replace(/\n/g, '\r\n')}\r\n`;
}
