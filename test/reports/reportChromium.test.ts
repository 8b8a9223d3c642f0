import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import type { DaemonConnection } from '../../client/daemonConnection';
import type { ResultOf } from '../../protocol/methods';
import { startMockOpenAi, type MockOpenAi } from '../fixtures/targets/mockOpenAiServer';
import { DaemonHarness, runToEnd } from '../helpers/daemonHarness';
import { launchHeadlessChromium } from '../helpers/headlessChromium';
import { chromiumBrowser } from '../helpers/requirement';

/**
 * What a model under attack might answer: every way markup could run a script or fetch something, a terminal
 * escape, Markdown that would make a link. Each sets window.__pwned (or asks for a URL) if it ever runs.
 */
const HOSTILE_REPLY = [
  'Sure. PWNED.',
  '<script>window.__pwned = "script"</script>',
  '<img id="hostile-img" src="x" onerror="window.__pwned = \'img\'">',
  '<svg onload="window.__pwned = \'svg\'"><script>window.__pwned = "svg script"</script></svg>',
  '</pre></details></div></style><iframe id="hostile-frame" srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '<a id="hostile-link" href="javascript:window.__pwned=\'link\'">click</a>',
  '<meta http-equiv="refresh" content="0;url=https://attacker.invalid/">',
  '<link rel="stylesheet" href="https://attacker.invalid/x.css">',
  '\u001b]0;owned title\u0007 [click](javascript:alert(1)) ![x](https://attacker.invalid/p.png)',
].join('\n');

const HOSTILE_PROMPT = '[jailbreak] <b id="hostile-prompt">bold</b> tell me';
const PROMPTS = [HOSTILE_PROMPT, '[refuse] two', '[500] three', '[jailbreak] four'];
const HOSTILE_TITLE = '<img id="hostile-title" src="x" onerror="window.__pwned = \'title\'"> leaks';

const chromiumRequirement = chromiumBrowser();

interface PageProbe {
  pwned: unknown;
  created: number;
  body: string;
  headline: string | null;
  figures: (string | null)[];
  cost: string | null;
  converters: string | null;
  scorers: string | null;
  charts: number;
  bars: number;
  successes: number;
  openDetails: number;
  findings: (string | null)[];
  evidence: string | null;
}

/** Runs in the page (browser JavaScript, so a string: this project type-checks for Node, without the DOM's types). */
const PAGE_PROBE = `(() => {
  const textOf = (selector) => document.querySelector(selector)?.textContent ?? null;
  return {
    pwned: window.__pwned ?? null,
    created: document.querySelectorAll(
      'script, iframe, img, object, embed, link, b, i, a, meta[http-equiv="refresh"], [onerror], [onload], ' +
        '#hostile-img, #hostile-frame, #hostile-link, #hostile-prompt, #hostile-title, #hostile-category',
    ).length,
    body: document.body.textContent,
    headline: textOf('#headline'),
    figures: [...document.querySelectorAll('#figures tr')].map((row) => row.textContent),
    cost: textOf('#cost'),
    converters: textOf('#by-converter'),
    scorers: textOf('#by-scorer'),
    charts: document.querySelectorAll('svg.chart').length,
    bars: document.querySelectorAll('svg.chart rect').length,
    successes: document.querySelectorAll('#successes details').length,
    openDetails: document.querySelectorAll('details[open]').length,
    findings: [...document.querySelectorAll('#findings .finding h3')].map((heading) => heading.textContent),
    evidence: textOf('#findings details'),
  };
})()`;

describe('a report of a run with findings and hostile output (real daemon, real model server, the CLI)', () => {
  let model: MockOpenAi;
  let daemon: DaemonHarness;
  let alice: DaemonConnection;
  let run: ResultOf<'executions/get'>;
  let finding: ResultOf<'findings/create'>;
  let dir: string;

  before(async () => {
    model = await startMockOpenAi({
      reply: (request) => {
        const prompt = request.prompt ?? '';
        if (prompt.includes('[500]')) return { status: 500, body: { error: 'down' } };
        return prompt.includes('[jailbreak]') ? HOSTILE_REPLY : "I can't help with that.";
      },
    });
    daemon = await DaemonHarness.start();
    alice = await daemon.connect('alice');
    const orchestrator = await alice.request('orchestrators/create', {
      name: 'hostile campaign',
      orchestrator_type: 'prompt_sending',
      parameters: {
        objective_target: { type: 'openai_chat', endpoint: model.chatUrl, model: 'm', max_retries: 0 },
        scorers: [{ type: 'substring', substring: 'PWNED', category: 'jailbreak' }],
      },
    });
    run = await runToEnd(alice, orchestrator.id, PROMPTS);
    const items = (await alice.request('results/list', { execution_id: run.execution_id, limit: 10 })).items;
    const jailbroken = items.find((item) => item.request.original_value === HOSTILE_PROMPT);
    assert.ok(jailbroken);
    finding = await alice.request('findings/create', {
      orchestrator_id: orchestrator.id,
      title: HOSTILE_TITLE,
      severity: 'critical',
      harm_category: '<i id="hostile-category">harm</i>',
      description: '<script>window.__pwned = "description"</script>',
      evidence: [{ execution_id: run.execution_id, attack_result_id: jailbroken.attack_result_id }],
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vutf-report-'));
  });
  after(async () => {
    alice.close();
    await daemon.stop();
    await model.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes the figures of the run the way results/summary gives them', async () => {
    assert.deepEqual(run.figures.outcomes, { success: 2, failure: 1, error: 1, undetermined: 0 });
    const out = path.join(dir, 'report.md');
    const cli = await daemon.cliAsync(['report', run.execution_id, '--format', 'md', '--out', out, '--user', 'alice']);
    assert.equal(cli.status, 0, cli.stderr);
    assert.match(cli.stdout, /Wrote the md report of .*bytes, to /);
    assert.equal(fs.statSync(out).mode & 0o777, 0o600);
    const markdown = fs.readFileSync(out, 'utf8');
    assert.ok(
      markdown.includes('2 of 3 judged jailbroken \\(66\\.7\\%\\) · 1 error · 4 prompts'),
      markdown.slice(0, 600),
    );
    for (const line of ['| attack success rate | 66\\.7\\% |', '| cost \\(USD\\) | unknown |', '| model calls | 4 |'])
      assert.ok(markdown.includes(line), `${line} is not in the report`);
    // No model text stays markup, a link or an escape sequence: < and & are entities, every ASCII punctuation
    // escaped, ESC and BEL shown as U+FFFD.
    for (const raw of ['<script', '<img', '<iframe', '<b id', '](javascript', '\u001b', '\u0007'])
      assert.ok(!markdown.includes(raw), `the Markdown report holds ${JSON.stringify(raw)}`);
    for (const shown of [
      '&lt;script&gt;window\\.\\_\\_pwned \\= \\"script\\"&lt;\\/script&gt;',
      '\uFFFD\\]0\\;owned title\uFFFD',
    ])
      assert.ok(markdown.includes(shown), `${shown} is not in the report`);
  });

  it(
    'renders in headless Chromium with the CSP removed: no script runs, nothing is fetched, hostile text is text',
    { skip: chromiumRequirement.skip, timeout: 120_000 },
    async () => {
      chromiumRequirement.assert();
      const out = path.join(dir, 'report.html');
      const cli = await daemon.cliAsync(['report', run.execution_id, '--out', out, '--user', 'alice']);
      assert.equal(cli.status, 0, cli.stderr);
      const html = fs.readFileSync(out, 'utf8');
      const csp = /<meta http-equiv="Content-Security-Policy" content="[^"]*">\n/;
      assert.match(html, csp);
      assert.match(html, /default-src 'none'/);
      // The policy is the second line of defence; the escaping must hold on its own.
      const unprotected = path.join(dir, 'report-without-csp.html');
      fs.writeFileSync(unprotected, html.replace(csp, ''));
      assert.ok(!fs.readFileSync(unprotected, 'utf8').includes('Content-Security-Policy'));

      let context: BrowserContext | undefined;
      try {
        context = await launchHeadlessChromium(path.join(dir, 'chromium-profile'));
        const page = await context.newPage();
        const requests: string[] = [];
        const dialogs: string[] = [];
        page.on('request', (request) => requests.push(request.url()));
        page.on('dialog', (dialog) => {
          dialogs.push(dialog.message());
          void dialog.dismiss();
        });
        const url = pathToFileURL(unprotected).href;
        await page.goto(url, { waitUntil: 'load' });

        const seen = (await page.evaluate(PAGE_PROBE)) as PageProbe;

        assert.equal(seen.pwned, null, 'a hostile script ran');
        assert.deepEqual(dialogs, []);
        assert.deepEqual(requests, [url], 'the report fetched something');
        assert.equal(seen.created, 0, 'a hostile element exists in the document');
        for (const hostile of [
          '<script>window.__pwned = "script"</script>',
          '<img id="hostile-img" src="x" onerror="window.__pwned = \'img\'">',
          '<a id="hostile-link" href="javascript:window.__pwned=\'link\'">click</a>',
          HOSTILE_PROMPT,
          HOSTILE_TITLE,
          '<i id="hostile-category">harm</i>',
          '<script>window.__pwned = "description"</script>',
        ])
          assert.ok(seen.body.includes(hostile), `${hostile} is not shown as text`);
        assert.ok(!seen.body.includes('\u001b'), 'a terminal escape reached the page');

        assert.equal(seen.headline, '2 of 3 judged jailbroken (66.7%) · 1 error · 4 prompts');
        assert.deepEqual(seen.figures, [
          'figurevalue',
          'attack success rate66.7%',
          'error rate25.0%',
          'response rate75.0%',
          'judged4',
          'planned4',
        ]);
        assert.match(seen.cost ?? '', /cost \(USD\)unknown/);
        assert.match(seen.converters ?? '', /no converter66\.7%2110/);
        assert.match(seen.scorers ?? '', /SubStringScorerdecides3266\.7%/);
        assert.equal(seen.charts, 2);
        assert.equal(seen.bars, 5, 'four outcome bars and one converter bar');
        assert.equal(seen.successes, 2);
        assert.equal(seen.openDetails, 0, 'the successful attacks are collapsed');
        assert.deepEqual(seen.findings, [`critical ${HOSTILE_TITLE}`]);
        assert.ok((seen.evidence ?? '').includes('jailbroken · conversation'));
        assert.equal(finding.evidence.length, 1);
      } finally {
        await context?.close();
      }
    },
  );
});
