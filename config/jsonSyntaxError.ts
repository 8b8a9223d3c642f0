/** Where a JSON text first goes wrong and why, in words that say how to fix it. */
export interface JsonSyntaxError {
  offset: number;
  message: string;
}

class SyntaxProblem {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

const whitespace = new Set([' ', '\t', '\n', '\r']);
const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const escapes = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const hexDigits = /^[0-9a-fA-F]{4}$/;

function startsValue(character: string | undefined): boolean {
  return character !== undefined && /^["{[\-0-9tfn]$/.test(character);
}

/**
 * A small JSON (RFC 8259) reader that only looks for the first error. `JSON.parse` is used to read configs, but
 * its messages differ between Node versions, some give no position at all, and some quote the surrounding
 * text, which may hold a secret; this one is consulted only after `JSON.parse` has failed.
 */
class JsonScanner {
  private offset = 0;

  constructor(private readonly text: string) {}

  scanDocument(): void {
    this.skipWhitespace();
    if (this.offset === this.text.length)
      throw new SyntaxProblem(0, 'the file is empty; expected a JSON object ({…}).');
    this.scanValue();
    this.skipWhitespace();
    if (this.offset < this.text.length) {
      throw new SyntaxProblem(
        this.offset,
        'unexpected text after the end of the JSON value; a file holds exactly one value.',
      );
    }
  }

  private peek(): string | undefined {
    return this.text[this.offset];
  }

  private skipWhitespace(): void {
    while (this.offset < this.text.length && whitespace.has(this.text[this.offset] as string)) this.offset++;
  }

  private fail(expected: string): never {
    const found = this.peek();
    if (found === undefined) throw new SyntaxProblem(this.offset, `the file ends too early; expected ${expected}.`);
    if (found === '/' && (this.text[this.offset + 1] === '/' || this.text[this.offset + 1] === '*')) {
      throw new SyntaxProblem(
        this.offset,
        'JSON does not allow comments; remove it (or write the config as .orchestrator.yaml, where # comments are fine).',
      );
    }
    if (found === "'")
      throw new SyntaxProblem(
        this.offset,
        `JSON strings use double quotes ("), not single quotes; expected ${expected}.`,
      );
    throw new SyntaxProblem(this.offset, `unexpected ${JSON.stringify(found)}; expected ${expected}.`);
  }

  private scanValue(): void {
    this.skipWhitespace();
    const character = this.peek();
    if (character === '{') return this.scanObject();
    if (character === '[') return this.scanArray();
    if (character === '"') return this.scanString();
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.offset)) {
        this.offset += literal.length;
        return;
      }
    }
    numberPattern.lastIndex = this.offset;
    const number = numberPattern.exec(this.text);
    if (number !== null && number[0].length > 0) {
      this.offset += number[0].length;
      return;
    }
    this.fail('a value (a "string", a number, {…}, […], true, false or null)');
  }

  private scanObject(): void {
    this.offset++; // {
    this.skipWhitespace();
    if (this.peek() === '}') {
      this.offset++;
      return;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.peek() !== '"') {
        if (this.peek() === '}')
          throw new SyntaxProblem(
            this.offset,
            'a trailing comma before "}" is not allowed in JSON; remove the last ",".',
          );
        this.fail('a property name in double quotes');
      }
      this.scanString();
      this.skipWhitespace();
      if (this.peek() !== ':') this.fail('":" after the property name');
      this.offset++;
      this.scanValue();
      this.skipWhitespace();
      if (this.peek() === ',') {
        this.offset++;
        continue;
      }
      if (this.peek() === '}') {
        this.offset++;
        return;
      }
      if (this.peek() === '"')
        throw new SyntaxProblem(
          this.offset,
          'a "," is missing before this property (after the value that ends the previous one).',
        );
      this.fail('"," or "}" after a property value');
    }
  }

  private scanArray(): void {
    this.offset++; // [
    this.skipWhitespace();
    if (this.peek() === ']') {
      this.offset++;
      return;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.peek() === ']')
        throw new SyntaxProblem(
          this.offset,
          'a trailing comma before "]" is not allowed in JSON; remove the last ",".',
        );
      this.scanValue();
      this.skipWhitespace();
      if (this.peek() === ',') {
        this.offset++;
        continue;
      }
      if (this.peek() === ']') {
        this.offset++;
        return;
      }
      if (startsValue(this.peek())) throw new SyntaxProblem(this.offset, 'a "," is missing before this list item.');
      this.fail('"," or "]" after a list item');
    }
  }

  private scanString(): void {
    const start = this.offset;
    this.offset++; // "
    while (this.offset < this.text.length) {
      const character = this.text[this.offset] as string;
      if (character === '"') {
        this.offset++;
        return;
      }
      if (character === '\\') {
        const escape = this.text[this.offset + 1];
        if (escape === 'u') {
          if (!hexDigits.test(this.text.slice(this.offset + 2, this.offset + 6))) {
            throw new SyntaxProblem(
              this.offset,
              'invalid \\u escape in a string; it takes exactly four hex digits, e.g. \\u00e9.',
            );
          }
          this.offset += 6;
          continue;
        }
        if (escape === undefined || !escapes.has(escape)) {
          throw new SyntaxProblem(
            this.offset,
            'invalid escape in a string; write a backslash as \\\\ (valid escapes: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX).',
          );
        }
        this.offset += 2;
        continue;
      }
      if (character < ' ') {
        throw new SyntaxProblem(
          this.offset,
          'a line break or tab inside a string must be escaped in JSON (\\n, \\t); or is a closing quote missing?',
        );
      }
      this.offset++;
    }
    throw new SyntaxProblem(start, 'this string is never closed; a closing double quote (") is missing.');
  }
}

/** The first syntax error in `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  try {
    new JsonScanner(text).scanDocument();
    return undefined;
  } catch (error) {
    if (error instanceof SyntaxProblem) return { offset: error.offset, message: error.message };
    // Nesting deep enough to exhaust the stack: say so rather than crash; JSON.parse had failed anyway.
    if (error instanceof RangeError) return { offset: 0, message: 'the JSON is nested too deeply to read.' };
    throw error;
  }
}
