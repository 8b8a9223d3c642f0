import * as vscode from 'vscode';

/** The line where a prompt is written (as a JSON string, or its first line as is), for the gutter and messages. */
export function rangeOf(text: string, value: string): vscode.Range | undefined {
  const candidates = [JSON.stringify(value), JSON.stringify(value).slice(1, -1), value.split('\n')[0]!.trim()].filter(
    (c) => c !== '' && c !== '""',
  );
  for (const candidate of candidates) {
    const offset = text.indexOf(candidate);
    if (offset < 0) continue;
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    const column = offset - (before.lastIndexOf('\n') + 1);
    return new vscode.Range(line, column, line, column + candidate.length);
  }
  return undefined;
}
