import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/daemonHarness';
import type * as WebviewHtml from '../../extension/panels/webviewHtml';

/**
 * Webview HTML: tested through the real builder, extension/panels/webviewHtml.ts. It imports `vscode` (for
 * Uri.joinPath), which only exists inside the editor, so a minimal stand-in is served for that one module id while
 * the builder is loaded. The two page bodies are private constants of the panels (which need much more of the
 * editor API), so those are checked from their source text, and the bundled webview scripts under dist/webview are
 * grepped for HTML built with inline handlers.
 */

interface FakeUri {
  readonly path: string;
  toString(): string;
}

const fakeUri = (p: string): FakeUri => ({ path: p, toString: () => `file://${p}` });
const fakeVscode = {
  Uri: {
    file: (p: string) => fakeUri(p),
    joinPath: (base: FakeUri, ...parts: string[]) => fakeUri(path.posix.join(base.path, ...parts)),
  },
};
const CSP_SOURCE = 'https://*.vscode-cdn.net';
const fakeWebview = {
  cspSource: CSP_SOURCE,
  asWebviewUri: (uri: FakeUri) => ({ toString: () => `https://file+.vscode-resource.vscode-cdn.net${uri.path}` }),
};

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
type BuilderModule = typeof WebviewHtml;

const INLINE_HANDLER = /<[^>]*\son[a-z]+\s*=/i;

function cspOf(html: string): Map<string, string[]> {
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  assert.ok(meta, 'a CSP meta tag');
  return new Map(
    meta[1]
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map((parts): [string, string[]] => [parts[0], parts.slice(1)]),
  );
}

function pageBody(sourceFile: string): string {
  const source = fs.readFileSync(path.join(REPO_ROOT, sourceFile), 'utf8');
  const match = /const BODY = `([^`]*)`/.exec(source);
  assert.ok(match, `${sourceFile} declares its BODY template`);
  assert.ok(!match[1].includes('${'), `${sourceFile}: BODY interpolates nothing`);
  return match[1];
}

describe('webview HTML: CSP with a nonce, no inline handlers', () => {
  const loaderHost = Module as unknown as { _load: Loader };
  const originalLoad = loaderHost._load;
  let builder: BuilderModule;

  before(() => {
    loaderHost._load = (request, parent, isMain) =>
      request === 'vscode' ? fakeVscode : originalLoad(request, parent, isMain);
    // The module must load after the fake `vscode` is in place, so it is required here, not imported above.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    builder = require('../../extension/panels/webviewHtml') as BuilderModule;
  });
  after(() => {
    loaderHost._load = originalLoad;
  });

  const pages = [
    { title: 'ViolentUTF Debug Info', script: 'debugPanel.js', body: () => pageBody('extension/panels/debugPanel.ts') },
    {
      title: 'Results <img src=x onerror=alert(1)>',
      script: 'resultsPanel.js',
      body: () => pageBody('extension/panels/resultsPanel.ts'),
    },
  ];

  for (const page of pages) {
    it(`builds ${page.script}'s page with default-src 'none', a nonce'd script and no inline handlers`, () => {
      const extensionUri = fakeUri('/ext') as unknown as Parameters<BuilderModule['webviewHtml']>[1];
      const webview = fakeWebview as unknown as Parameters<BuilderModule['webviewHtml']>[0];
      const html = builder.webviewHtml(webview, extensionUri, {
        title: page.title,
        script: page.script,
        body: page.body(),
      });
      const csp = cspOf(html);
      assert.deepEqual(csp.get('default-src'), ["'none'"]);
      const scriptSrc = csp.get('script-src') ?? [];
      assert.equal(scriptSrc.length, 1, `script-src allows exactly one source: ${scriptSrc.join(' ')}`);
      const nonce = /^'nonce-([A-Za-z0-9+/=]+)'$/.exec(scriptSrc[0])?.[1];
      assert.ok(nonce && nonce.length >= 16, `script-src is a nonce: ${scriptSrc[0]}`);
      const policy = [...csp.values()].flat().join(' ');
      assert.doesNotMatch(
        policy,
        /unsafe-inline|unsafe-eval|\*(?!\.vscode-cdn\.net)|https?:\/\/(?!\*\.vscode-cdn\.net)/,
        `no unsafe or broad sources: ${policy}`,
      );

      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      assert.equal(scripts.length, 1, 'one script tag');
      assert.ok(
        scripts.every(([, attributes]) => attributes.includes(`nonce="${nonce}"`)),
        'every script carries the nonce',
      );
      assert.ok(
        scripts.every(([, , inline]) => inline.trim() === ''),
        'no inline script text',
      );
      assert.match(
        scripts[0][1],
        new RegExp(
          `src="https://file\\+\\.vscode-resource\\.vscode-cdn\\.net/ext/dist/webview/${page.script.replace('.', '\\.')}"`,
        ),
      );
      assert.doesNotMatch(html, INLINE_HANDLER, 'no on…= attribute anywhere in the page');
      assert.doesNotMatch(html, /javascript:/i);
      assert.ok(!html.includes('<img src=x'), 'the title is escaped');

      const again = builder.webviewHtml(webview, extensionUri, {
        title: page.title,
        script: page.script,
        body: page.body(),
      });
      assert.notEqual(/'nonce-([^']+)'/.exec(again)?.[1], nonce, 'a fresh nonce per page');
    });
  }

  it('the bundled webview scripts build no markup with inline handlers', () => {
    const dir = path.join(REPO_ROOT, 'dist', 'webview');
    const bundles = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.js')) : [];
    assert.ok(bundles.length >= 2, `bundles in dist/webview (run node esbuild.mjs): ${bundles.join(', ')}`);
    for (const name of bundles) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      assert.doesNotMatch(text, /\son[a-z]+\s*=\s*\\?["']/i, `${name} writes an on…= attribute`);
      assert.doesNotMatch(text, /setAttribute\(\s*["']on[a-z]+/i, `${name} sets an on… attribute`);
    }
  });
});
