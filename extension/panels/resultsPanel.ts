import * as vscode from 'vscode';
import { isMethodNotFound, type DaemonClient } from '../daemonClient';
import {
  DEFAULT_FILTERS,
  isResultsPanelFromWebview,
  listParameters,
  RESULTS_PAGE_SIZE,
  type Execution,
  type RenderedResults,
  type RenderedThread,
  type ResultsFilters,
  type ResultsPanelFromWebview,
  type ResultsPanelToWebview,
} from '../../webview/shared/resultsPanelMessages';
import type { LabelOutcome } from '../../domain/attackOutcome';
import { WebviewPanelHost } from './webviewPanelHost';
import { RenderedReports } from './renderedReports';
import { exportResults } from '../commands/exportResults';
import { pursuesObjectives } from '../../domain/runUnit';
import {
  isFindingsFromWebview,
  type FindingsFromWebview,
  type FindingsToWebview,
} from '../../webview/shared/findingMessages';
import { ResultsFindings } from './resultsFindings';

/** The static markup of the panel (exported for the webview tests, which render it as VS Code would). */
export const BODY = `
<header class="toolbar">
  <h1 id="title">Results</h1>
  <span id="status" class="badge">…</span>
  <span class="spacer"></span>
  <button id="refresh" type="button" class="secondary">Refresh</button>
  <button id="compare" type="button" class="secondary" title="Compare this execution with another one">Compare with…</button>
  <button id="export-csv" type="button" class="secondary">Export CSV</button>
  <button id="export-jsonl" type="button" class="secondary">Export JSONL</button>
  <button id="export-report" type="button" class="secondary" title="One self-contained HTML or Markdown report of this run, with its findings">Export report…</button>
</header>
<main>
<p id="headline" class="headline"></p>
<p id="summary" class="summary-line muted"></p>
<p id="usage" class="summary-line muted"></p>
<div id="error" class="error" role="alert" hidden></div>
<div id="notice" class="notice" role="status" hidden></div>
<div id="charts" class="charts">
  <div><h2>Attack success rate by converter chain</h2><div id="chart-converters-wrap" class="chart-box"><canvas id="chart-converters" aria-label="Attack success rate by converter chain" role="img"></canvas></div><table id="chart-converters-table" class="chart-table"></table></div>
  <div><h2>What each scorer flagged</h2><div id="chart-scorers-wrap" class="chart-box"><canvas id="chart-scorers" aria-label="Share of scores that flagged a jailbreak, by scorer" role="img"></canvas></div><table id="chart-scorers-table" class="chart-table"></table></div>
</div>
<p id="chart-note" class="muted" hidden></p>
<section id="trend" class="trend" aria-labelledby="trend-title">
  <h2 id="trend-title">Trend of this orchestrator's runs</h2>
  <div id="trend-charts" class="charts" hidden>
    <div><div id="chart-trend-wrap" class="chart-box trend-box"><canvas id="chart-trend" role="img" aria-label="Attack success rate and error rate per execution, oldest first"></canvas></div></div>
    <div><table id="chart-trend-table" class="chart-table"></table></div>
  </div>
  <p id="trend-note" class="muted" hidden></p>
</section>
<section id="findings-section" class="findings-section" aria-labelledby="findings-title">
  <h2 id="findings-title">Findings <span id="findings-count" class="muted"></span></h2>
  <p class="muted">Filed under this orchestrator. <em>Add to finding</em> on a result below files a new finding with it as evidence, or adds it to one of these.</p>
  <div id="finding-error" class="error" role="alert" hidden></div>
  <div id="finding-form-box" class="finding-form-box" hidden></div>
  <ul id="findings" class="findings"></ul>
  <p id="findings-note" class="muted" hidden></p>
</section>
<section id="objectives" hidden>
<h2 id="objectives-title">Objectives</h2>
<p class="muted">Multi-turn red teaming: click an objective to read its conversation.</p>
<table class="results objectives"><colgroup><col class="col-objective"><col class="col-status"><col class="col-turns"></colgroup>
<thead><tr><th scope="col">Objective</th><th scope="col">Outcome</th><th scope="col">Turns</th></tr></thead><tbody id="objective-rows"></tbody></table>
</section>
<h2>Prompts and responses</h2>
<div id="filter-bar" class="filter-bar" role="search" aria-label="Filter results">
  <label>Outcome <select id="filter-outcome"></select></label>
  <label class="grow">Search <input id="filter-search" type="search" maxlength="1000" placeholder="text in the prompt or the response"></label>
  <label>Sort <select id="filter-sort"></select></label>
</div>
<div class="pager"><button id="prev" type="button" class="secondary">‹ Previous</button><span id="page-info" class="muted" aria-live="polite"></span><button id="next" type="button" class="secondary">Next ›</button></div>
<table class="results"><colgroup><col class="col-prompt"><col class="col-converted"><col class="col-response"><col class="col-scores"><col class="col-verdict"></colgroup>
<thead><tr><th scope="col">Prompt</th><th scope="col">Converted prompt</th><th scope="col">Response</th><th scope="col">Scores</th><th scope="col">Outcome</th></tr></thead><tbody id="rows"></tbody></table>
</main>`;

/**
 * One panel per execution: the headline and status from `executions/get`, a filtered, sorted, paged table from
 * `results/list` (the daemon filters; this host keeps the page-start cursors), charts from `results/summary`, a
 * reviewer's labels through `results/label` / `results/unlabel` and, for multi-turn runs, the objectives from
 * `results/objectives` with each one's thread from `results/conversation`. The webview never talks to the daemon.
 * Refreshes itself when that execution changes; exports fetch every page, so the file has all results.
 */
export class ResultsPanel implements vscode.Disposable {
  private static readonly open = new Map<string, ResultsPanel>();
  private readonly host: WebviewPanelHost<
    ResultsPanelToWebview | FindingsToWebview,
    ResultsPanelFromWebview | FindingsFromWebview
  >;
  /** The orchestrator's findings, the trend of its runs and the report export. */
  readonly findings: ResultsFindings;
  /** Where each page seen so far starts (`results/list` cursors; the first page has none), and the one shown. */
  private readonly pageStarts: (string | undefined)[] = [undefined];
  private pageIndex = 0;
  private nextPageStart: string | null = null;
  private filters: ResultsFilters = DEFAULT_FILTERS;
  /** What the webview reports it shows of the header and the table, and of each thread it opened. */
  private readonly renderedResults = new RenderedReports<RenderedResults>();
  private readonly renderedThreads = new RenderedReports<RenderedThread>();
  /** The run's orchestrator type, asked once: only an attack (not prompt_sending) has objectives to show. */
  private orchestratorType: Promise<string | undefined> | undefined;

  static show(extensionUri: vscode.Uri, client: DaemonClient, execution: Execution): ResultsPanel {
    const existing = ResultsPanel.open.get(execution.execution_id);
    if (existing) {
      existing.host.panel.reveal();
      return existing;
    }
    const created = new ResultsPanel(extensionUri, client, execution);
    ResultsPanel.open.set(execution.execution_id, created);
    return created;
  }

  static forExecution(executionId: string): ResultsPanel | undefined {
    return ResultsPanel.open.get(executionId);
  }

  private constructor(
    extensionUri: vscode.Uri,
    private readonly client: DaemonClient,
    private execution: Execution,
  ) {
    this.host = new WebviewPanelHost({
      viewType: 'violentutf.results',
      title: `Results: ${execution.orchestrator_name}`,
      script: 'resultsPanel.js',
      body: BODY,
      extensionUri,
      accepts: (message): message is ResultsPanelFromWebview | FindingsFromWebview =>
        isResultsPanelFromWebview(message) || isFindingsFromWebview(message),
      onMessage: (message) =>
        isFindingsFromWebview(message) ? this.findings.handle(message) : this.onMessage(message),
      onDispose: () => ResultsPanel.open.delete(this.execution.execution_id),
    });
    this.findings = new ResultsFindings(client, {
      post: (message) => this.host.post(message),
      execution: () => this.execution,
      track: (...disposables) => this.host.track(...disposables),
      refreshSoon: (refresh) => this.host.refreshSoon(refresh),
    });
    this.host.track(
      client.onNotification('executions/changed', ({ execution: changed }) => {
        if (changed.execution_id !== this.execution.execution_id) return;
        this.execution = changed;
        this.host.refreshSoon(() => this.loadAll());
      }),
      client.onNotification('executions/progress', ({ execution_id }) => {
        if (execution_id === this.execution.execution_id) this.host.refreshSoon(() => this.loadAll());
      }),
    );
  }

  private async onMessage(message: ResultsPanelFromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
      case 'refresh':
        await this.loadAll();
        return;
      case 'loadPage':
        this.turnPage(message.page);
        await this.loadPage();
        return;
      case 'filter':
        // Other filters, other pages: the cursors of the old ones mean nothing now.
        this.filters = message.filters;
        this.pageStarts.length = 1;
        this.pageIndex = 0;
        await this.loadPage();
        return;
      case 'label':
        await this.label(message.attack_result_id, message.outcome, message.note);
        return;
      case 'unlabel':
        await this.label(message.attack_result_id, null, '');
        return;
      case 'rendered':
        this.renderedResults.report(message.rendered);
        return;
      case 'export':
        await this.export(message.format);
        return;
      case 'openConversation':
        await this.openConversation(message.conversation_id);
        return;
      case 'threadRendered':
        this.renderedThreads.report(message.rendered);
        return;
      case 'compare':
        // This run is the head; the command asks for the baseline.
        await vscode.commands.executeCommand('violentutf.compareExecutions', this.execution.execution_id);
        return;
    }
  }

  /** Pages are read by cursor, so a page deep in a large run costs what the first does; going back reuses its start. */
  private turnPage(page: 'first' | 'next' | 'previous'): void {
    switch (page) {
      case 'first':
        this.pageIndex = 0;
        return;
      case 'previous':
        this.pageIndex = Math.max(0, this.pageIndex - 1);
        return;
      case 'next':
        if (this.nextPageStart === null) return;
        this.pageIndex += 1;
        this.pageStarts[this.pageIndex] = this.nextPageStart;
        this.pageStarts.length = this.pageIndex + 1;
        return;
    }
  }

  async loadAll(): Promise<void> {
    try {
      this.execution = await this.client.request('executions/get', { execution_id: this.execution.execution_id });
    } catch (error) {
      this.host.post({ type: 'error', message: (error as Error).message });
    }
    this.host.post({ type: 'execution', execution: this.execution });
    await Promise.all([this.loadPage(), this.loadSummary(), this.loadObjectives(), this.findings.load()]);
  }

  /** undefined when the orchestrator is gone (deleted after the run): then its objectives, if any, tell. */
  private typeOfRun(): Promise<string | undefined> {
    this.orchestratorType ??= this.client
      .request('orchestrators/get', { orchestrator_id: this.execution.orchestrator_id })
      .then(
        (orchestrator) => orchestrator.orchestrator_type,
        () => undefined,
      );
    return this.orchestratorType;
  }

  /** Multi-turn runs answer with objectives; any other run gets the section hidden. */
  private async loadObjectives(): Promise<void> {
    const type = await this.typeOfRun();
    if (type !== undefined && !pursuesObjectives(type)) {
      this.host.post({ type: 'objectives', objectives: null });
      return;
    }
    try {
      const objectives = await this.client.request('results/objectives', { execution_id: this.execution.execution_id });
      this.host.post({ type: 'objectives', objectives: objectives.objectives.length > 0 ? objectives : null });
    } catch (error) {
      if (!isMethodNotFound(error)) this.host.post({ type: 'error', message: (error as Error).message });
      this.host.post({ type: 'objectives', objectives: null });
    }
  }

  /** Resolves once the webview reports a drawing that `accept` takes (the one shown now included). */
  whenRendered(accept: (rendered: RenderedResults) => boolean): Promise<RenderedResults> {
    return this.renderedResults.when(accept);
  }

  /** Sets the filter bar as a person would; the webview then asks for the matching page. */
  applyFilters(filters: ResultsFilters): void {
    this.host.post({ type: 'applyFilters', filters });
  }

  /** Presses a row's Mark jailbroken / Mark held, or Clear for null, with a note typed into the row first. */
  pressLabel(attackResultId: string, outcome: LabelOutcome | null, note = ''): void {
    this.host.post({ type: 'pressLabel', attack_result_id: attackResultId, outcome, note });
  }

  /** A reviewer's verdict (null: take it back); then header, charts and rows are read again, as they all change. */
  private async label(attackResultId: string, outcome: LabelOutcome | null, note: string): Promise<void> {
    const target = { execution_id: this.execution.execution_id, attack_result_id: attackResultId };
    try {
      if (outcome === null) await this.client.request('results/unlabel', target);
      else
        await this.client.request('results/label', {
          ...target,
          outcome,
          ...(note.trim() === '' ? {} : { note: note.trim() }),
        });
    } catch (error) {
      this.host.post({ type: 'labelFailed', attack_result_id: attackResultId, message: (error as Error).message });
      return;
    }
    await this.loadAll();
  }

  /** Opens an objective's thread in the page as a click on its row would; resolves with what the page drew. */
  openThread(conversationId: string): Promise<RenderedThread> {
    const rendered = this.renderedThreads.when((thread) => thread.conversation_id === conversationId, true);
    this.host.post({ type: 'expand', conversation_id: conversationId });
    return rendered;
  }

  /** The webview never talks to the daemon: it asks for a thread and gets it posted back. */
  private async openConversation(conversationId: string): Promise<void> {
    try {
      const conversation = await this.client.request('results/conversation', {
        execution_id: this.execution.execution_id,
        conversation_id: conversationId,
      });
      this.host.post({ type: 'conversation', conversation });
    } catch (error) {
      const message = isMethodNotFound(error) ? 'This daemon cannot show conversations yet.' : (error as Error).message;
      this.host.post({ type: 'conversationError', conversation_id: conversationId, message });
    }
  }

  private async loadPage(): Promise<void> {
    const cursor = this.pageStarts[this.pageIndex];
    try {
      const filters = this.filters;
      const page = await this.client.request('results/list', {
        execution_id: this.execution.execution_id,
        limit: RESULTS_PAGE_SIZE,
        ...listParameters(filters),
        ...(cursor === undefined ? {} : { cursor }),
      });
      // A filter change while this page was on its way makes it stale: the newer request posts its own page.
      if (filters !== this.filters) return;
      this.nextPageStart = page.next_cursor;
      this.host.post({ type: 'page', page, first: this.pageIndex * RESULTS_PAGE_SIZE, filters });
    } catch (error) {
      this.host.post({ type: 'error', message: (error as Error).message });
    }
  }

  private async loadSummary(): Promise<void> {
    try {
      const summary = await this.client.request('results/summary', { execution_id: this.execution.execution_id });
      this.host.post({ type: 'summary', summary, unavailable: null });
    } catch (error) {
      const unavailable = isMethodNotFound(error)
        ? 'This daemon does not compute summaries yet.'
        : (error as Error).message;
      this.host.post({ type: 'summary', summary: null, unavailable });
    }
  }

  private async export(format: 'csv' | 'jsonl'): Promise<void> {
    try {
      const exported = await exportResults(this.client, this.execution, format);
      if (exported) this.host.post({ type: 'exported', file: exported.file, rows: exported.rows });
    } catch (error) {
      this.host.post({ type: 'error', message: `Export failed: ${(error as Error).message}` });
    }
  }

  dispose(): void {
    this.host.dispose();
  }
}
