// The static markup of the results panel's trend and findings sections (the webview fills them in, as text).

/** `title`: static text of ours, never a name from the daemon (the page's markup is not escaped). */
export function trendBody(title: string): string {
  return `
<section id="trend" class="trend" aria-labelledby="trend-title">
  <h2 id="trend-title">${title}</h2>
  <div id="trend-charts" class="charts" hidden>
    <div><div id="chart-trend-wrap" class="chart-box trend-box"><canvas id="chart-trend" role="img" aria-label="Attack success rate and error rate per execution, oldest first"></canvas></div></div>
    <div><table id="chart-trend-table" class="chart-table"></table></div>
  </div>
  <p id="trend-note" class="muted" hidden></p>
</section>`;
}

export const FINDINGS_BODY = `
<section id="findings-section" class="findings-section" aria-labelledby="findings-title">
  <h2 id="findings-title">Findings <span id="findings-count" class="muted"></span></h2>
  <p class="muted">Filed under this orchestrator. <em>Add to finding</em> on a result below files a new finding with it as evidence, or adds it to one of these.</p>
  <div id="finding-error" class="error" role="alert" hidden></div>
  <div id="finding-form-box" class="finding-form-box" hidden></div>
  <ul id="findings" class="findings"></ul>
  <p id="findings-note" class="muted" hidden></p>
</section>`;
