import * as vscode from 'vscode';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { isOrchestratorFile } from './orchestratorFile';
import { checkConfigText, type CheckedIssue } from './configCheck';

/** Typing pauses this long before a check: the reader is fast, but a diagnostic per keystroke flickers. */
const CHECK_DEBOUNCE_MS = 400;

/**
 * Problems-panel diagnostics for orchestrator configs: checked on open, on change (debounced) and on save, with the
 * daemon's own `config/` model (configCheck), so the squiggle says what a launch would answer.
 */
export class ConfigDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('violentutf');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      this.collection,
      vscode.workspace.onDidOpenTextDocument((document) => this.check(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.checkSoon(event.document)),
      vscode.workspace.onDidSaveTextDocument((document) => this.check(document)),
      vscode.workspace.onDidCloseTextDocument((document) => {
        // A closed file keeps its problems only while it exists; the tree lists it with its error anyway.
        this.cancel(document.uri);
      }),
    ];
    for (const document of vscode.workspace.textDocuments) this.check(document);
  }

  /** The issues published for a document, now (tests read the collection through this as well). */
  check(document: vscode.TextDocument): readonly vscode.Diagnostic[] {
    if (document.uri.scheme !== 'file' || !isOrchestratorFile(document.uri.path)) return [];
    this.cancel(document.uri);
    const { issues } = checkConfigText(document.getText(), document.uri.fsPath);
    const diagnostics = issues.map((issue) => diagnosticOf(document, issue));
    this.collection.set(document.uri, diagnostics);
    return diagnostics;
  }

  private checkSoon(document: vscode.TextDocument): void {
    if (document.uri.scheme !== 'file' || !isOrchestratorFile(document.uri.path)) return;
    this.cancel(document.uri);
    this.timers.set(
      document.uri.toString(),
      setTimeout(() => this.check(document), CHECK_DEBOUNCE_MS),
    );
  }

  private cancel(uri: vscode.Uri): void {
    const timer = this.timers.get(uri.toString());
    if (timer) clearTimeout(timer);
    this.timers.delete(uri.toString());
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function diagnosticOf(document: vscode.TextDocument, issue: CheckedIssue): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(rangeOf(document, issue), issue.message, vscode.DiagnosticSeverity.Error);
  diagnostic.source = 'ViolentUTF';
  if (issue.path) diagnostic.code = issue.path;
  return diagnostic;
}

/** The value the issue names (JSON), else the token at its line and column, else the first line. */
function rangeOf(document: vscode.TextDocument, issue: CheckedIssue): vscode.Range {
  if (issue.segments && issue.segments.length > 0 && document.uri.path.toLowerCase().endsWith('.json')) {
    const root = parseTree(document.getText());
    const node = root ? findNodeAtLocation(root, issue.segments) : undefined;
    if (node) return new vscode.Range(document.positionAt(node.offset), document.positionAt(node.offset + node.length));
  }
  if (issue.line !== undefined) {
    const line = Math.min(Math.max(0, issue.line - 1), document.lineCount - 1);
    const position = new vscode.Position(line, Math.max(0, (issue.column ?? 1) - 1));
    const word = document.getWordRangeAtPosition(position, /[^\s:,{}[\]]+/);
    return word ?? document.lineAt(line).range;
  }
  return document.lineAt(0).range;
}
