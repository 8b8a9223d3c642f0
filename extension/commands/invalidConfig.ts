import * as vscode from 'vscode';
import { findNodeAtLocation, parseTree, type Segment } from 'jsonc-parser';
import { InvalidConfigError } from '../../domain/errors';
import { ErrorCode } from '../../protocol/errors';

/** Where an InvalidConfig error (from the config reader or the daemon) points: a line, or a JSON path. */
export interface ConfigErrorLocation {
  line?: number;
  column?: number;
  segments?: Segment[];
}

/** `data.issues[0]` of InvalidConfig carries `segments` and, when the value came from a file, `line`/`column`. */
export function configErrorLocation(error: unknown): ConfigErrorLocation | undefined {
  // Read locally (the config reader's InvalidConfigError) or answered by the daemon (an RPC error of that code).
  const { code, data } = (error ?? {}) as { code?: unknown; data?: unknown };
  if (!(error instanceof InvalidConfigError) && code !== ErrorCode.InvalidConfig) return undefined;
  if (typeof data !== 'object' || data === null) return undefined;
  const record = data as { issues?: unknown; line?: unknown; column?: unknown };
  const first = Array.isArray(record.issues)
    ? (record.issues[0] as { segments?: unknown; line?: unknown; column?: unknown } | undefined)
    : undefined;
  const line = typeof first?.line === 'number' ? first.line : typeof record.line === 'number' ? record.line : undefined;
  const column =
    typeof first?.column === 'number' ? first.column : typeof record.column === 'number' ? record.column : undefined;
  const segments = Array.isArray(first?.segments)
    ? first.segments.filter((s): s is string | number => typeof s === 'string' || typeof s === 'number')
    : undefined;
  return { line, column, segments };
}

function rangeOfSegments(document: vscode.TextDocument, segments: Segment[]): vscode.Range | undefined {
  if (document.languageId !== 'json' && document.languageId !== 'jsonc') return undefined;
  const root = parseTree(document.getText());
  if (!root) return undefined;
  // The daemon validates `parameters` alone, so its paths may be relative to that member of the file.
  for (const candidate of [segments, ['parameters', ...segments]]) {
    for (let length = candidate.length; length > 0; length -= 1) {
      const node = findNodeAtLocation(root, candidate.slice(0, length));
      if (node)
        return new vscode.Range(document.positionAt(node.offset), document.positionAt(node.offset + node.length));
    }
  }
  return undefined;
}

/** Puts the cursor on the value the config reader or the daemon rejected. */
export async function revealConfigError(document: vscode.TextDocument, location: ConfigErrorLocation): Promise<void> {
  let range: vscode.Range | undefined;
  if (location.line !== undefined) {
    const position = new vscode.Position(Math.max(0, location.line - 1), Math.max(0, (location.column ?? 1) - 1));
    range = new vscode.Range(position, position);
  } else if (location.segments) {
    range = rangeOfSegments(document, location.segments);
  }
  if (!range) return;
  const editor = await vscode.window.showTextDocument(document);
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
