import { byId } from '../shared/dom';
import type { FindingsFromWebview, FindingsToWebview } from '../shared/findingMessages';
import { showTrend } from '../shared/trendChart';
import { addFindingButtons, FindingForm } from './findingForm';
import { FindingsList } from './findingsList';

const TREND_IDS = { box: 'trend-charts', canvas: 'chart-trend', table: 'chart-trend-table', note: 'trend-note' };

/** The results panel's findings section, its rows' "Add to finding", the trend chart and Export report. */
export class FindingsView {
  private readonly form: FindingForm;
  private readonly list: FindingsList;
  private trendRows: string[][] = [];

  constructor(
    private readonly post: (message: FindingsFromWebview) => void,
    private readonly executionId: () => string,
  ) {
    this.form = new FindingForm({
      create: (attackResultId, finding) =>
        post({ type: 'createFinding', attack_result_id: attackResultId, ...finding }),
      addEvidence: (findingId, attackResultId) =>
        post({ type: 'addEvidence', finding_id: findingId, attack_result_id: attackResultId }),
    });
    this.list = new FindingsList({
      update: (findingId, edit) => post({ type: 'updateFinding', finding_id: findingId, ...edit }),
      remove: (findingId) => post({ type: 'deleteFinding', finding_id: findingId }),
    });
    byId('export-report').addEventListener('click', () => post({ type: 'exportReport' }));
  }

  /** After each drawing of the table: its rows get their "Add to finding" button. */
  decorateRows(rows: HTMLElement): void {
    addFindingButtons(rows, this.form);
  }

  private report(): void {
    this.post({ type: 'findingsRendered', rendered: { findings: this.list.rendered(), trend_rows: this.trendRows } });
  }

  private showError(message: string | null): void {
    const error = byId('finding-error');
    error.hidden = message === null;
    error.textContent = message ?? '';
  }

  /** true when the message was the findings' (main.ts handles the others). */
  handle(message: FindingsToWebview): boolean {
    switch (message.type) {
      case 'findings':
        // A stored change answers a Save: the form has done its job.
        if (this.form.openFor !== null && document.querySelector('#finding-save:disabled')) this.form.close();
        this.showError(null);
        this.list.render(message.findings, this.executionId(), message.unavailable);
        this.form.setFindings(message.findings);
        this.report();
        return true;
      case 'trend':
        this.trendRows = showTrend(TREND_IDS, message.trend, message.unavailable);
        this.report();
        return true;
      case 'findingFailed':
        if (this.form.openFor !== null) this.form.failed(message.message);
        else this.showError(message.message);
        return true;
      case 'focusFinding':
        this.list.focus(message.finding_id);
        return true;
      case 'pressAddToFinding': {
        const row = Array.from(document.querySelectorAll<HTMLElement>('#rows tr.result-row')).find(
          (candidate) => candidate.dataset.attackResult === message.attack_result_id,
        );
        row?.querySelector<HTMLButtonElement>('button.add-finding')?.click();
        if (row) this.form.submit(message.finding);
        return true;
      }
      case 'pressEditFinding':
        this.list.pressEdit(message.finding_id, message.edit);
        return true;
      case 'reportExported': {
        const notice = byId('notice');
        notice.hidden = false;
        notice.textContent = `Report saved to ${message.file}`;
        return true;
      }
      default:
        return false;
    }
  }
}
