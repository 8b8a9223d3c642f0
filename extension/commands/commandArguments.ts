import * as vscode from 'vscode';
import { isOrchestratorFile } from '../orchestratorConfig/orchestratorFile';
import type { Execution, OrchestratorItem } from '../tree/orchestratorStore';

/**
 * Commands are invoked from the palette (no argument), the tree (a node), CodeLens (a Uri) or tests (an id).
 * These guards turn whatever came in into what the command needs.
 */
function hasKind(value: unknown, kind: string): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind;
}

export function executionFromArgument(value: unknown): Execution | string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (hasKind(value, 'execution') || hasKind(value, 'summary')) return value.execution as Execution;
  return undefined;
}

export function orchestratorFromArgument(value: unknown): OrchestratorItem | undefined {
  return hasKind(value, 'orchestrator') ? (value.orchestrator as OrchestratorItem) : undefined;
}

export function uriFromArgument(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  // A workspace config row of the tree, or an orchestrator row whose file is in this workspace.
  if (hasKind(value, 'config') || hasKind(value, 'orchestrator')) {
    const config = value.config as { uri?: unknown } | undefined;
    if (config?.uri instanceof vscode.Uri) return config.uri;
  }
  if (typeof value === 'string' && isOrchestratorFile(value)) return vscode.Uri.file(value);
  return undefined;
}
