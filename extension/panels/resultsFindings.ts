import * as vscode from 'vscode';
import { isMethodNotFound, type DaemonClient } from '../daemonClient';
import type {
  FindingEdit,
  FindingsFromWebview,
  FindingsToWebview,
  NewFinding,
  RenderedFindings,
} from '../../webview/shared/findingMessages';
import type { Execution } from '../../webview/shared/resultsPanelMessages';
import { RenderedReports } from './renderedReports';

export interface FindingsPanelPort {
  post(message: FindingsToWebview): void;
  /** The run the panel shows now (it is read again after every change). */
  execution(): Execution;
  track(...disposables: vscode.Disposable[]): void;
  refreshSoon(refresh: () => Promise<void>): void;
}

/**
 * The findings and the trend of a results panel: the orchestrator's findings from `findings/list` (filed, edited,
 * deleted through findings/create|update|delete), its executions over time from `results/trend`, and the report
 * export. The webview never talks to the daemon; every change comes back as a `findings/changed` notification,
 * which redraws this panel and any other showing the same orchestrator.
 */
export class ResultsFindings {
  private readonly rendered = new RenderedReports<RenderedFindings>();

  constructor(
    private readonly client: DaemonClient,
    private readonly port: FindingsPanelPort,
  ) {
    port.track(
      client.onNotification('findings/changed', ({ orchestrator_id }) => {
        if (orchestrator_id === port.execution().orchestrator_id) port.refreshSoon(() => this.loadFindings());
      }),
    );
  }

  async load(): Promise<void> {
    await Promise.all([this.loadFindings(), this.loadTrend()]);
  }

  private async loadFindings(): Promise<void> {
    try {
      const { findings } = await this.client.request('findings/list', {
        orchestrator_id: this.port.execution().orchestrator_id,
      });
      this.port.post({ type: 'findings', findings, unavailable: null });
    } catch (error) {
      const unavailable = isMethodNotFound(error)
        ? 'This daemon has no findings yet; restart it to use the bundled one.'
        : (error as Error).message;
      this.port.post({ type: 'findings', findings: [], unavailable });
    }
  }

  private async loadTrend(): Promise<void> {
    try {
      const trend = await this.client.request('results/trend', {
        orchestrator_id: this.port.execution().orchestrator_id,
      });
      this.port.post({ type: 'trend', trend, unavailable: null });
    } catch (error) {
      const unavailable = isMethodNotFound(error)
        ? 'This daemon has no trends yet; restart it to use the bundled one.'
        : (error as Error).message;
      this.port.post({ type: 'trend', trend: null, unavailable });
    }
  }

  async handle(message: FindingsFromWebview): Promise<void> {
    const execution = this.port.execution();
    try {
      switch (message.type) {
        case 'createFinding':
          await this.client.request('findings/create', {
            orchestrator_id: execution.orchestrator_id,
            title: message.title.trim(),
            severity: message.severity,
            ...(message.harm_category.trim() === '' ? {} : { harm_category: message.harm_category.trim() }),
            ...(message.description.trim() === '' ? {} : { description: message.description }),
            evidence: [{ execution_id: execution.execution_id, attack_result_id: message.attack_result_id }],
          });
          break;
        case 'addEvidence':
          await this.client.request('findings/update', {
            finding_id: message.finding_id,
            add_evidence: [{ execution_id: execution.execution_id, attack_result_id: message.attack_result_id }],
          });
          break;
        case 'updateFinding':
          await this.client.request('findings/update', {
            finding_id: message.finding_id,
            title: message.title.trim(),
            severity: message.severity,
            description: message.description.trim() === '' ? null : message.description,
          });
          break;
        case 'deleteFinding':
          if (!(await confirmDelete())) return;
          await this.client.request('findings/delete', { finding_id: message.finding_id });
          break;
        case 'exportReport': {
          const file = await vscode.commands.executeCommand<string | undefined>(
            'violentutf.exportReport',
            execution.execution_id,
          );
          if (file) this.port.post({ type: 'reportExported', file });
          return;
        }
        case 'findingsRendered':
          this.rendered.report(message.rendered);
          return;
      }
    } catch (error) {
      this.port.post({ type: 'findingFailed', message: (error as Error).message });
      return;
    }
    // Not waiting for the notification: the person who pressed Save sees the change at once.
    await this.loadFindings();
  }

  /** Resolves once the webview reports a drawing that `accept` takes (the one shown now included). */
  whenRendered(accept: (rendered: RenderedFindings) => boolean): Promise<RenderedFindings> {
    return this.rendered.when(accept);
  }

  pressAddToFinding(attackResultId: string, finding: NewFinding | { finding_id: string }): void {
    this.port.post({ type: 'pressAddToFinding', attack_result_id: attackResultId, finding });
  }

  pressEditFinding(findingId: string, edit: FindingEdit): void {
    this.port.post({ type: 'pressEditFinding', finding_id: findingId, edit });
  }

  focus(findingId: string): void {
    this.port.post({ type: 'focusFinding', finding_id: findingId });
  }
}

async function confirmDelete(): Promise<boolean> {
  const choice = await vscode.window.showWarningMessage(
    'Delete this finding?',
    { modal: true, detail: 'Its evidence links go with it; the results they point at stay.' },
    'Delete',
  );
  return choice === 'Delete';
}
