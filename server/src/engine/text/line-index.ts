/** Converts between character offsets and zero-based line/column positions. */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(private readonly content: string) {
    const starts = [0];
    for (let i = 0; i < content.length; i++) {
      const ch = content.charCodeAt(i);
      if (ch === 13 /* \r */) {
        if (content.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (ch === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): { line: number; character: number } {
    const clamped = Math.max(0, Math.min(offset, this.content.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: { line: number; character: number }): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.content.length;
    const lineStart = this.lineStarts[position.line];
    const nextStart =
      position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1] : this.content.length;
    return Math.min(lineStart + Math.max(0, position.character), nextStart);
  }
}
