export interface SnippetPart {
  text: string;
  match: boolean;
}

/** "a [[b]] c" -> [a ][b (match)][ c]; an unclosed [[ is shown as text. */
export function splitSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = snippet;
  while (rest.length > 0) {
    const open = rest.indexOf('[[');
    const close = open >= 0 ? rest.indexOf(']]', open + 2) : -1;
    if (open < 0 || close < 0) {
      parts.push({ text: rest, match: false });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open), match: false });
    parts.push({ text: rest.slice(open + 2, close), match: true });
    rest = rest.slice(close + 2);
  }
  return parts;
}
