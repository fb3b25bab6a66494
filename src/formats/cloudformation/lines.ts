/** Offset -> 1-based line, by binary search over line starts (both parsers report offsets). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** The line of the last character of a range that ends at `end` (exclusive): a trailing newline does not count. */
  endLine(start: number, end: number): number {
    return this.line(Math.max(start, end - 1));
  }
}
