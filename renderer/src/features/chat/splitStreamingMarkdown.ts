/**
 * Splits a reply that is still streaming into the part whose Markdown can no
 * longer change (every block before the last blank line outside a code fence)
 * and the tail that is still growing. The settled part is parsed once per
 * new block instead of once per delta, so a long reply stays cheap to stream.
 */
export function splitStreamingMarkdown(text: string): [settled: string, tail: string] {
  let cut = -1;
  let inFence = false;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const end = text.indexOf('\n', lineStart);
    const lineEnd = end === -1 ? text.length : end;
    const line = text.slice(lineStart, lineEnd);
    if (/^\s{0,3}(```|~~~)/.test(line)) inFence = !inFence;
    else if (!inFence && line.trim() === '' && lineStart > 0) cut = lineStart;
    if (end === -1) break;
    lineStart = end + 1;
  }
  return cut === -1 ? ['', text] : [text.slice(0, cut), text.slice(cut)];
}
