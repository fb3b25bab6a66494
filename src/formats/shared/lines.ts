/**
 * Source lines, for every format: parsers turn offsets into line numbers, and extraction quotes the exact
 * text of the lines an attribute is written on (evidence, fixes). Each file is indexed once per stack.
 */
import type { FileSet } from '../../model/index.js';

/** Lines `start` to `end` (1-based, inclusive) of a file. */
export interface LineSpan {
  file: string;
  start: number;
  end: number;
}

/** One text's line starts: offset -> 1-based line by binary search, and a line's text without its break. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) this.starts.push(at + 1);
  }

  line(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }

  /** The line of the last character of a range that ends at `end` (exclusive): a trailing newline does not count. */
  endLine(start: number, end: number): number {
    return this.line(Math.max(start, end - 1));
  }

  /** Line `n` without its line break (`\n` or `\r\n`); undefined past the end. */
  textOf(n: number): string | undefined {
    const start = this.starts[n - 1];
    if (start === undefined) return undefined;
    const next = this.starts[n];
    if (next === undefined) return this.text.slice(start);
    const end = next - 1;
    return this.text.slice(start, end > start && this.text.charCodeAt(end - 1) === 13 ? end - 1 : end);
  }
}

/** The lines of a stack's files, each file read and indexed once. */
export class SourceLines {
  private readonly indexes = new Map<string, LineIndex | undefined>();

  constructor(private readonly files: FileSet) {}

  /** Line `n` (1-based) of a file, without its line break; undefined past the end or when the file cannot be read. */
  line(file: string, n: number): string | undefined {
    let index = this.indexes.get(file);
    if (index === undefined && !this.indexes.has(file)) {
      const text = this.files.read(file);
      index = text === undefined ? undefined : new LineIndex(text);
      this.indexes.set(file, index);
    }
    return index?.textOf(n);
  }

  /** The exact text of a span's lines (as many as there are). */
  text(span: LineSpan): string {
    const out: string[] = [];
    for (let n = span.start; n <= span.end; n++) {
      const text = this.line(span.file, n);
      if (text === undefined) break;
      out.push(text);
    }
    return out.join('\n');
  }
}
