// Renders a panel of the extension in headless Chromium as VS Code would: the extension's own page (its body, its
// Content-Security-Policy with a nonce, its stylesheet and bundled script) served over loopback HTTP, the
// --vscode-* variables of a real VS Code theme on the <html> element (test/fixtures/vscodeThemes, captured from
// code-server), and a fake of what only VS Code has: `acquireVsCodeApi` and the host at the other end of it.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';
import type { BrowserContext, Page } from 'playwright-core';
import { launchHeadlessChromium } from '../helpers/headlessChromium';

const REPO = path.resolve(__dirname, '..', '..');
const FAKE_VSCODE = path.join(__dirname, 'fakeVscodeModule.ts');
export const THEMES = ['dark', 'light', 'high-contrast', 'high-contrast-light'] as const;
export type Theme = (typeof THEMES)[number];

export type PanelName = 'resultsPanel' | 'comparePanel' | 'debugPanel';

interface ExtensionPages {
  resultsBody: string;
  compareBody: string;
  debugBody: string;
  webviewHtml(
    webview: { cspSource: string; asWebviewUri(uri: { path: string }): { toString(): string } },
    extensionUri: { path: string; toString(): string },
    page: { title: string; script: string; body: string },
  ): string;
}

/** The panels' pages and scripts, built from the sources now (not from a dist/ that may be stale). */
export async function buildPanels(dir: string): Promise<ExtensionPages> {
  await Promise.all(
    (['resultsPanel', 'comparePanel', 'debugPanel'] as const).map((name) =>
      esbuild.build({
        bundle: true,
        platform: 'browser',
        format: 'iife',
        target: 'es2022',
        logLevel: 'error',
        entryPoints: [path.join(REPO, 'webview', name, 'main.ts')],
        outfile: path.join(dir, 'dist', 'webview', `${name}.js`),
      }),
    ),
  );
  fs.mkdirSync(path.join(dir, 'media'), { recursive: true });
  fs.copyFileSync(path.join(REPO, 'media', 'webview.css'), path.join(dir, 'media', 'webview.css'));
  const pages = path.join(dir, 'pages.cjs');
  await esbuild.build({
    stdin: {
      contents: [
        "export { BODY as resultsBody } from './extension/panels/resultsPanel';",
        "export { BODY as compareBody } from './extension/panels/comparePanel';",
        "export { BODY as debugBody } from './extension/panels/debugPanel';",
        "export { webviewHtml } from './extension/panels/webviewHtml';",
      ].join('\n'),
      resolveDir: REPO,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
    outfile: pages,
    mainFields: ['module', 'main'],
    external: ['@duckdb/node-api', 'bufferutil', 'utf-8-validate'],
    plugins: [
      {
        name: 'fake-vscode',
        setup(build) {
          build.onResolve({ filter: /^vscode$/ }, () => ({ path: FAKE_VSCODE }));
        },
      },
    ],
  });
  return createRequire(__filename)(pages) as ExtensionPages;
}

export interface PanelServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves the built files under `dir` on 127.0.0.1, as VS Code serves a webview's local resources. */
export async function servePanels(dir: string): Promise<PanelServer> {
  const types: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html' };
  const server = http.createServer((request, response) => {
    const file = path.join(dir, path.normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)));
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    response.end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Writes the page the extension would give VS Code for that panel, and answers its URL. */
export function writePanelPage(
  dir: string,
  origin: string,
  pages: ExtensionPages,
  panel: PanelName,
  title: string,
): string {
  const body = { resultsPanel: pages.resultsBody, comparePanel: pages.compareBody, debugPanel: pages.debugBody }[panel];
  const root = '/extension';
  const html = pages.webviewHtml(
    { cspSource: origin, asWebviewUri: (uri) => ({ toString: () => `${origin}${uri.path.slice(root.length)}` }) },
    { path: root, toString: () => `file://${root}` },
    { title, script: `${panel}.js`, body },
  );
  fs.writeFileSync(path.join(dir, `${panel}.html`), html);
  return `${origin}/${panel}.html`;
}

export function launchBrowser(profileDir: string): Promise<BrowserContext> {
  return launchHeadlessChromium(profileDir, { width: 1280, height: 900 });
}

interface ThemeFixture {
  bodyClass: string;
  variables: Record<string, string>;
}

export function themeFixture(theme: Theme): ThemeFixture {
  return JSON.parse(
    fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'vscodeThemes', `${theme}.json`), 'utf8'),
  ) as ThemeFixture;
}

/** A fake of VS Code's side of a webview: it records what the page posts and hands each message to `answer`. */
export type FakeHost = (
  message: { type: string } & Record<string, unknown>,
  post: (message: unknown) => Promise<void>,
) => Promise<void> | void;

export interface PanelPage {
  page: Page;
  /** Everything the page posted to its (fake) host, in order. */
  posted: ({ type: string } & Record<string, unknown>)[];
  /** Sends a message to the page as the extension host does (a MessageEvent on window). */
  post(message: unknown): Promise<void>;
  setTheme(theme: Theme): Promise<void>;
}

/** Opens a panel's page with a fake host; the page's first message ('ready') reaches `host` as in VS Code. */
export async function openPanel(
  context: BrowserContext,
  url: string,
  host: FakeHost,
  theme: Theme = 'dark',
): Promise<PanelPage> {
  const page = await context.newPage();
  const posted: PanelPage['posted'] = [];
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  // Browser code goes in as strings: this project type-checks for Node, without the DOM's types.
  const post = async (message: unknown): Promise<void> => {
    await page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`);
  };
  await page.exposeFunction('__fakeVsCodeHost', async (message: { type: string } & Record<string, unknown>) => {
    posted.push(message);
    await host(message, post);
  });
  // Runs before the page's own script, outside its CSP, as VS Code's injected API and theme do.
  await page.addInitScript(`(() => {
    const { bodyClass, variables } = ${JSON.stringify(themeFixture(theme))};
    const theme = () => {
      for (const [name, value] of Object.entries(variables)) document.documentElement.style.setProperty(name, value);
      if (document.body) document.body.classList.add(bodyClass);
      else document.addEventListener('DOMContentLoaded', () => document.body.classList.add(bodyClass));
    };
    if (document.documentElement) theme();
    else new MutationObserver((_, observer) => {
      if (!document.documentElement) return;
      observer.disconnect();
      theme();
    }).observe(document, { childList: true });
    const send = window.__fakeVsCodeHost;
    let state;
    window.acquireVsCodeApi = () => ({
      postMessage: (message) => void send(message),
      getState: () => state,
      setState: (next) => { state = next; },
    });
  })()`);
  const panel: PanelPage = {
    page,
    posted,
    post,
    setTheme: async (theme) => {
      const { bodyClass, variables } = themeFixture(theme);
      await page.evaluate(`(() => {
        const html = document.documentElement;
        html.removeAttribute('style');
        for (const [name, value] of Object.entries(${JSON.stringify(variables)})) html.style.setProperty(name, value);
        document.body.classList.remove('vscode-dark', 'vscode-light', 'vscode-high-contrast', 'vscode-high-contrast-light');
        document.body.classList.add(${JSON.stringify(bodyClass)});
      })()`);
    },
  };
  await page.goto(url, { waitUntil: 'load' });
  if (errors.length > 0) throw new Error(`the page failed: ${errors.join('; ')}`);
  return panel;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

const AXE_SOURCE = fs.readFileSync(path.join(REPO, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/**
 * axe-core's WCAG 2.x A/AA and best-practice rules on the page as it is now. It is evaluated through the
 * debugging protocol, as a browser extension would inject it: the page's CSP (no script without its nonce) stays.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return (await page.evaluate(`(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target, failureSummary: node.failureSummary })),
    }));
  })()`)) as AxeViolation[];
}

/** Only serious and critical ones fail a test; the rest are printed so they are seen. */
export function seriousOnes(violations: AxeViolation[]): AxeViolation[] {
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help}\n${violation.nodes
          .slice(0, 6)
          .map((node) => `    ${node.target.join(' ')} — ${(node.failureSummary ?? '').split('\n').join(' ')}`)
          .join('\n')}`,
    )
    .join('\n');
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** One piece of text a canvas drew, as its ink's box in the canvas's own pixels. */
export interface DrawnText {
  canvas: string;
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
  /** Drawn at an angle (chart.js tilts tick labels that would not fit side by side). */
  rotated: boolean;
}

/**
 * From now on, every text a canvas of the page draws (`fillText`: chart.js's axis labels, the value labels beside
 * the bars) is recorded with the box its ink covers, measured by the canvas itself and mapped through its current
 * transform (rotated tick labels, the device pixel ratio), until the canvas is cleared for its next frame: the
 * record is what the canvases show. Anything a canvas draws outside itself is cut off on screen.
 */
export async function recordDrawnText(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.__drawnText = [];
    if (window.__drawnTextHooked) return;
    window.__drawnTextHooked = true;
    // A chart clears its whole canvas before each frame: what it drew before is gone from the screen.
    const clearRect = CanvasRenderingContext2D.prototype.clearRect;
    CanvasRenderingContext2D.prototype.clearRect = function (x, y, width, height) {
      const m = this.getTransform();
      const whole = x * m.a + m.e <= 0 && y * m.d + m.f <= 0 && (x + width) * m.a + m.e >= this.canvas.width &&
        (y + height) * m.d + m.f >= this.canvas.height;
      if (whole) window.__drawnText = window.__drawnText.filter((text) => text.canvas !== this.canvas.id);
      return clearRect.call(this, x, y, width, height);
    };
    const fillText = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text, x, y, maxWidth) {
      const metrics = this.measureText(text);
      let left = x - metrics.actualBoundingBoxLeft;
      let right = x + metrics.actualBoundingBoxRight;
      // A maxWidth narrower than the text squeezes it to that width.
      if (maxWidth !== undefined && right - left > maxWidth) right = left + maxWidth;
      const top = y - metrics.actualBoundingBoxAscent;
      const bottom = y + metrics.actualBoundingBoxDescent;
      const m = this.getTransform();
      const corners = [[left, top], [right, top], [left, bottom], [right, bottom]].map(([px, py]) => [
        m.a * px + m.c * py + m.e,
        m.b * px + m.d * py + m.f,
      ]);
      const xs = corners.map((corner) => corner[0]);
      const ys = corners.map((corner) => corner[1]);
      if (String(text).trim() !== '')
        window.__drawnText.push({
          canvas: this.canvas.id,
          text: String(text),
          left: Math.min(...xs),
          right: Math.max(...xs),
          top: Math.min(...ys),
          bottom: Math.max(...ys),
          width: this.canvas.width,
          height: this.canvas.height,
          rotated: Math.abs(m.b) > 1e-6 || Math.abs(m.c) > 1e-6,
        });
      return fillText.call(this, text, x, y, maxWidth);
    };
  })()`);
}

export async function drawnText(page: Page): Promise<DrawnText[]> {
  return (await page.evaluate('window.__drawnText ?? []')) as DrawnText[];
}

/** The drawn texts whose ink reaches past an edge of their canvas (half a pixel of antialiasing allowed). */
export function cutOff(texts: DrawnText[]): DrawnText[] {
  return texts.filter(
    (text) => text.left < -0.5 || text.top < -0.5 || text.right > text.width + 0.5 || text.bottom > text.height + 0.5,
  );
}

/**
 * Pairs of level texts on one canvas whose ink overlaps (a pixel of antialiasing allowed): one drawn over the other
 * can be read as neither. Tilted ones are left out: their boxes overlap where their letters do not.
 */
export function overlapping(texts: DrawnText[]): [DrawnText, DrawnText][] {
  const level = texts.filter((text) => !text.rotated);
  const pairs: [DrawnText, DrawnText][] = [];
  for (const [index, one] of level.entries())
    for (const other of level.slice(index + 1))
      if (
        one.canvas === other.canvas &&
        Math.min(one.right, other.right) - Math.max(one.left, other.left) > 1 &&
        Math.min(one.bottom, other.bottom) - Math.max(one.top, other.top) > 1
      )
        pairs.push([one, other]);
  return pairs;
}
