/**
 * What a webview reported it drew (the editor tests read panels through this, since a canvas or an iframe cannot be
 * asserted from the extension host), and promises waiting for a drawing that matches.
 */
export class RenderedReports<T> {
  private last: T | undefined;
  private waiters: { accept: (rendered: T) => boolean; resolve: (rendered: T) => void }[] = [];

  get latest(): T | undefined {
    return this.last;
  }

  report(rendered: T): void {
    this.last = rendered;
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.accept(rendered)) return true;
      waiter.resolve(rendered);
      return false;
    });
  }

  /** The first drawing `accept` takes: the latest one if it does (unless `fresh`), else one still to come. */
  when(accept: (rendered: T) => boolean, fresh = false): Promise<T> {
    if (!fresh && this.last !== undefined && accept(this.last)) return Promise.resolve(this.last);
    return new Promise((resolve) => this.waiters.push({ accept, resolve }));
  }
}
