import type * as vscode from 'vscode';
import { isMethodNotFound, type DaemonClient } from '../daemonClient';
import {
  isComparePanelFromWebview,
  type ComparePanelFromWebview,
  type ComparePanelToWebview,
  type RenderedComparison,
  type ResultsComparison,
} from '../../webview/shared/comparePanelMessages';
import { WebviewPanelHost } from './webviewPanelHost';
import { RenderedReports } from './renderedReports';

/** The static markup of the panel (exported for the webview tests, which render it as VS Code would). */
export const BODY = `
<header class="toolbar">
  <h1 id="title">Compare executions</h1>
  <span class="spacer"></span>
  <button id="pick" type="button" class="secondary" title="Pick two other executions">Compare other…</button>
  <button id="swap" type="button" class="secondary" title="Swap base and head">Swap</button>
  <button id="refresh" type="button" class="secondary">Refresh</button>
</header>
<main>
<p id="loading" class="muted" role="status">Comparing…</p>
<div id="error" class="error" role="alert" hidden></div>
<div id="content" hidden>
<div class="compare-rates">
  <div class="rate-card"><div class="muted">Base <button id="open-base" type="button" class="link" aria-label="Open the base's results">results</button></div><div id="base-rate" class="rate"></div><div id="base-outcomes" class="outcomes-line"></div><div id="base-run" class="muted run-line"></div></div>
  <div class="rate-card"><div class="muted">Head <button id="open-head" type="button" class="link" aria-label="Open the head's results">results</button></div><div id="head-rate" class="rate"></div><div id="head-outcomes" class="outcomes-line"></div><div id="head-run" class="muted run-line"></div></div>
  <div class="rate-card"><div class="muted">Delta (head − base)</div><div id="delta" class="rate"></div><div class="muted run-line">attack success rate: jailbroken among the judged prompts (errors and undetermined left out)</div></div>
</div>
<h2>Prompts</h2>
<table class="facts totals"><tbody>
  <tr><th scope="row">Newly jailbroken</th><td><span id="total-newly_jailbroken" class="count worse"></span> not jailbroken in base (held, error or undetermined), jailbroken in head</td></tr>
  <tr><th scope="row">Newly held</th><td><span id="total-newly_held" class="count better"></span> jailbroken in base, held in head</td></tr>
  <tr><th scope="row">Changed otherwise</th><td><span id="total-changed" class="count"></span> e.g. held in base, an error in head: not evidence either way</td></tr>
  <tr><th scope="row">Unchanged</th><td><span id="total-unchanged" class="count"></span> the same outcome on both sides</td></tr>
  <tr><th scope="row">Only in base</th><td><span id="total-missing_in_head" class="count"></span> not sent in head</td></tr>
  <tr><th scope="row">Only in head</th><td><span id="total-missing_in_base" class="count"></span> not sent in base</td></tr>
</tbody></table>
<h2>Deltas</h2>
<div class="charts">
  <div id="converters-box"><h3 class="muted">Attack success rate by converter chain</h3><div id="chart-converters-wrap" class="chart-box"><canvas id="chart-converters" role="img"></canvas></div><table id="chart-converters-table" class="chart-table"></table></div>
  <div id="scorers-box"><h3 class="muted">Flagged jailbroken, by scorer</h3><div id="chart-scorers-wrap" class="chart-box"><canvas id="chart-scorers" role="img"></canvas></div><table id="chart-scorers-table" class="chart-table"></table></div>
</div>
<p id="chart-note" class="muted" hidden>Neither run has judged results by converter or scorer.</p>
<section id="trend" class="trend" aria-labelledby="trend-title">
  <h2 id="trend-title">Trend of the head's orchestrator</h2>
  <div id="trend-charts" class="charts" hidden>
    <div><div id="chart-trend-wrap" class="chart-box trend-box"><canvas id="chart-trend" role="img" aria-label="Attack success rate and error rate per execution, oldest first"></canvas></div></div>
    <div><table id="chart-trend-table" class="chart-table"></table></div>
  </div>
  <p id="trend-note" class="muted" hidden></p>
</section>
<h2>Changed prompts <span id="changed-count" class="muted"></span></h2>
<table class="results compare"><colgroup><col class="col-change"><col class="col-prompt-wide"><col class="col-outcome"><col class="col-outcome"></colgroup>
<thead><tr><th scope="col">Change</th><th scope="col">Prompt</th><th scope="col">Base</th><th scope="col">Head</th></tr></thead><tbody id="rows"></tbody></table>
<p id="no-changes" class="muted" hidden>No prompt changed its outcome.</p>
</div>
</main>`;

export interface ComparePanelHost {
  /** Opens the results panel of one side. */
  showResults(executionId: string): unknown;
  /** Asks for two other executions and opens their comparison. */
  pickAgain(): unknown;
}

/**
 * Two executions side by side, from `results/compare`: the attack success rates, each side's outcomes and the
 * delta, the prompt totals, the deltas by converter and by scorer as bars, and the prompts whose outcome changed (newly jailbroken first).
 * One panel per (base, head) pair; it refreshes when either execution changes.
 */
export class ComparePanel implements vscode.Disposable {
  private static readonly open = new Map<string, ComparePanel>();
  private readonly host: WebviewPanelHost<ComparePanelToWebview, ComparePanelFromWebview>;
  /** What the webview reports it drew. */
  private readonly rendered = new RenderedReports<RenderedComparison>();
  /** The trend table's rows as the webview drew them. */
  private readonly renderedTrend = new RenderedReports<string[][]>();
  /** The last `results/compare` answer sent to the webview. */
  comparison: ResultsComparison | null = null;
  error: string | null = null;

  static show(
    extensionUri: vscode.Uri,
    client: DaemonClient,
    host: ComparePanelHost,
    baseId: string,
    headId: string,
  ): ComparePanel {
    const existing = ComparePanel.open.get(key(baseId, headId));
    if (existing) {
      existing.host.panel.reveal();
      void existing.load();
      return existing;
    }
    const created = new ComparePanel(extensionUri, client, host, baseId, headId);
    ComparePanel.open.set(key(baseId, headId), created);
    return created;
  }

  private constructor(
    extensionUri: vscode.Uri,
    private readonly client: DaemonClient,
    private readonly commands: ComparePanelHost,
    private baseId: string,
    private headId: string,
  ) {
    this.host = new WebviewPanelHost({
      viewType: 'violentutf.compare',
      title: 'Compare executions',
      script: 'comparePanel.js',
      body: BODY,
      extensionUri,
      accepts: isComparePanelFromWebview,
      onMessage: (message) => this.onMessage(message),
      onDispose: () => {
        if (ComparePanel.open.get(key(this.baseId, this.headId)) === this)
          ComparePanel.open.delete(key(this.baseId, this.headId));
      },
    });
    this.host.track(
      client.onNotification('executions/changed', ({ execution }) => {
        if (execution.execution_id === this.baseId || execution.execution_id === this.headId)
          this.host.refreshSoon(() => this.load());
      }),
    );
  }

  get baseExecutionId(): string {
    return this.baseId;
  }

  get headExecutionId(): string {
    return this.headId;
  }

  /** Resolves with what the webview draws next (or drew already for the current comparison). */
  whenRendered(): Promise<RenderedComparison> {
    return this.rendered.when(
      (rendered) =>
        this.comparison !== null &&
        rendered.base_execution_id === this.baseId &&
        rendered.head_execution_id === this.headId,
    );
  }

  private async onMessage(message: ComparePanelFromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
      case 'refresh':
        await this.load();
        return;
      case 'swap': {
        ComparePanel.open.delete(key(this.baseId, this.headId));
        [this.baseId, this.headId] = [this.headId, this.baseId];
        const other = ComparePanel.open.get(key(this.baseId, this.headId));
        if (other && other !== this) other.dispose();
        ComparePanel.open.set(key(this.baseId, this.headId), this);
        await this.load();
        return;
      }
      case 'pick':
        this.commands.pickAgain();
        return;
      case 'openResults':
        this.commands.showResults(message.side === 'base' ? this.baseId : this.headId);
        return;
      case 'rendered':
        this.rendered.report(message.rendered);
        return;
      case 'trendRendered':
        this.renderedTrend.report(message.rows);
        return;
    }
  }

  async load(): Promise<void> {
    this.host.post({ type: 'loading', base: this.baseId, head: this.headId });
    try {
      const comparison = await this.client.request('results/compare', {
        base_execution_id: this.baseId,
        head_execution_id: this.headId,
      });
      this.comparison = comparison;
      this.error = null;
      this.host.panel.title =
        comparison.base.orchestrator_name === comparison.head.orchestrator_name
          ? `Compare: ${comparison.head.orchestrator_name}`
          : `Compare: ${comparison.base.orchestrator_name} → ${comparison.head.orchestrator_name}`;
      this.host.post({ type: 'comparison', comparison });
      void this.loadTrend();
    } catch (error) {
      this.error = isMethodNotFound(error)
        ? 'This daemon cannot compare executions yet (results/compare is missing); restart it to use the bundled one.'
        : (error as Error).message;
      this.host.post({ type: 'error', message: this.error });
    }
  }

  /** Resolves with the trend table's rows once the webview drew one that `accept` takes. */
  whenTrendRendered(accept: (rows: string[][]) => boolean): Promise<string[][]> {
    return this.renderedTrend.when(accept);
  }

  /** The head's orchestrator over time: is this run better or worse than the ones before it? */
  private async loadTrend(): Promise<void> {
    try {
      const head = await this.client.request('executions/get', { execution_id: this.headId });
      const trend = await this.client.request('results/trend', { orchestrator_id: head.orchestrator_id });
      this.host.post({ type: 'trend', trend, unavailable: null });
    } catch (error) {
      const unavailable = isMethodNotFound(error)
        ? 'This daemon has no trends yet; restart it to use the bundled one.'
        : (error as Error).message;
      this.host.post({ type: 'trend', trend: null, unavailable });
    }
  }

  dispose(): void {
    this.host.dispose();
  }
}

function key(baseId: string, headId: string): string {
  return `${baseId}\u0000${headId}`;
}
