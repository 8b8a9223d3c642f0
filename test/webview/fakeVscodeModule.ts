// A fake of the `vscode` module, for what cannot run outside VS Code: the webview tests bundle the extension's
// page builder (extension/panels/webviewHtml.ts) against it. Only `Uri.joinPath` is used to build a page.
interface FakeUri {
  readonly path: string;
  toString(): string;
}

function uri(path: string): FakeUri {
  return { path, toString: () => `file://${path}` };
}

export const Uri = {
  file: (path: string): FakeUri => uri(path),
  joinPath: (base: FakeUri, ...parts: string[]): FakeUri => uri([base.path, ...parts].join('/')),
};
