/**
 * The last few KiB a child wrote to stderr (and stray stdout lines): enough to say why it died in an error
 * message, bounded so that a chatty program cannot grow the daemon's memory.
 */
export class OutputTail {
  private text = '';

  constructor(private readonly limit: number = 4096) {}

  append(chunk: string): void {
    this.text = (this.text + chunk).slice(-this.limit);
  }

  /** For an error message: the tail, or a note that there was none. */
  describe(): string {
    const tail = this.text.trim();
    return tail === '' ? 'It wrote nothing to stderr.' : `Its stderr ended with: ${JSON.stringify(tail)}`;
  }
}
