/** The few mdast shapes the plugin touches (remark's own types are not a direct dependency). */
interface MdNode {
  type: string;
  value?: string;
  url?: string;
  children?: MdNode[];
}

/** Citations point here: a link the Markdown renderer turns into a jump to source n (never a navigation; a fragment, since react-markdown drops unknown schemes). */
export const CITATION_PREFIX = '#hearth-source-';

const CITE = /\[(\d{1,3})\]/g;
/** Text under these is left as written: code, and links the model wrote itself. */
const SKIP = new Set(['link', 'linkReference', 'inlineCode', 'code', 'definition']);

function split(value: string, count: number): MdNode[] | null {
  const out: MdNode[] = [];
  let last = 0;
  for (const match of value.matchAll(CITE)) {
    const n = Number(match[1]);
    if (n < 1 || n > count) continue;
    if (match.index > last) out.push({ type: 'text', value: value.slice(last, match.index) });
    out.push({ type: 'link', url: `${CITATION_PREFIX}${n}`, children: [{ type: 'text', value: match[0] }] });
    last = match.index + match[0].length;
  }
  if (out.length === 0) return null;
  if (last < value.length) out.push({ type: 'text', value: value.slice(last) });
  return out;
}

function walk(node: MdNode, count: number): void {
  if (!node.children || SKIP.has(node.type)) return;
  node.children = node.children.flatMap((child) => {
    if (child.type === 'text' && child.value) return split(child.value, count) ?? [child];
    walk(child, count);
    return [child];
  });
}

/** A remark plugin: "[2]" in a reply's text becomes a link to its source 2, for n from 1 to `count`. */
export function remarkCitations(count: number) {
  return () => (tree: MdNode) => walk(tree, count);
}
