/**
 * The edit a benchmark "types": a comment line inserted at a statement/tag boundary near the middle of the
 * file, at a different place each time (so each version differs and is re-parsed), on the original text.
 */
function editPoints(file: string, content: string): number[] {
  const points: number[] = [];
  const isMarkup = file.endsWith('.wxml');
  let offset = 0;
  for (const line of content.split('\n')) {
    const end = offset + line.length;
    const trimmed = line.trimEnd();
    if (isMarkup ? trimmed.endsWith('>') : /[;{,]$/.test(trimmed) && !/[`]/.test(trimmed)) points.push(end + 1);
    offset = end + 1;
  }
  const middle = points.filter((p) => p > content.length * 0.3 && p < content.length * 0.7 && p <= content.length);
  return middle.length ? middle : points.filter((p) => p <= content.length);
}

const pointCache = new Map<string, number[]>();

export function editedText(file: string, base: string, i: number): string {
  let points = pointCache.get(file);
  if (!points) pointCache.set(file, (points = editPoints(file, base)));
  const at = points.length ? points[(i * 7) % points.length] : base.length;
  const insert = file.endsWith('.wxml') ? `<!-- edit ${i} -->\n` : `// edit ${i}\n`;
  return base.slice(0, at) + insert + base.slice(at);
}
