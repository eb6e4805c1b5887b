import type { Block, ReadOutcome } from '../Block.js';

/** Elements whose content is never document text: code that runs, styling, site chrome. */
const DROPPED = ['script', 'style', 'noscript', 'template', 'svg', 'nav', 'footer', 'iframe', 'form', 'button', 'select'];
const BLOCK_TAGS = new Set([
  'p', 'div', 'li', 'ul', 'ol', 'tr', 'table', 'section', 'article', 'main', 'header', 'aside', 'blockquote',
  'dd', 'dt', 'dl', 'figure', 'figcaption', 'br', 'hr', 'body', 'html', 'caption', 'details', 'summary', 'td', 'th',
]);
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', mdash: '—', ndash: '–', hellip: '…', copy: '©',
  reg: '®', trade: '™', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', laquo: '«', raquo: '»', middot: '·', times: '×', rarr: '→', larr: '←',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return NAMED[body.toLowerCase()] ?? m;
  });
}

/** Blanks an element out but keeps its newlines, so line numbers of what follows stay true. */
function blankOut(html: string, tag: string): string {
  const re = new RegExp(`<${tag}\\b[^>]*>[\\s\\S]*?</${tag}\\s*>`, 'gi');
  return html.replace(re, (m) => m.replace(/[^\n]/g, ''));
}

/**
 * HTML (and the HTML mammoth makes of a .docx): the text and headings, in
 * order, without scripts, styles or navigation. h1-h6 set the heading path;
 * block elements end paragraphs; <pre> stays one code block. Line ranges
 * refer to the HTML source.
 */
export function readHtml(source: string): ReadOutcome {
  let html = source.replace(/<!--[\s\S]*?-->/g, (m) => m.replace(/[^\n]/g, ''));
  for (const tag of DROPPED) html = blankOut(html, tag);
  const titleMatch = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html);
  const title = titleMatch ? decodeEntities(titleMatch[1]!.replace(/\s+/g, ' ').trim()) || null : null;
  html = blankOut(html, 'title');

  const blocks: Block[] = [];
  const path: string[] = [];
  let buffer = '';
  let from = 1;
  let line = 1;
  let heading: { level: number; text: string } | null = null;
  let pre: { text: string; from: number } | null = null;
  let firstH1: string | null = null;
  const flush = (): void => {
    const text = buffer.replace(/[ \t\f\v\u00a0]+/g, ' ').replace(/ *\n */g, ' ').trim();
    if (text) blocks.push({ text, headings: [...path], lineFrom: from, lineTo: line, kind: 'text' });
    buffer = '';
  };
  const token = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|([^<]+|<)/g;
  let m: RegExpExecArray | null;
  while ((m = token.exec(html))) {
    const [whole, closing, rawTag, text] = m;
    const startLine = line;
    for (let k = 0; k < whole.length; k++) if (whole.charCodeAt(k) === 10) line++;
    if (text !== undefined) {
      const decoded = decodeEntities(text);
      if (pre) pre.text += decoded;
      else if (heading) heading.text += decoded;
      else {
        if (!buffer.trim()) from = startLine;
        buffer += decoded;
      }
      continue;
    }
    const tag = rawTag!.toLowerCase();
    const level = /^h[1-6]$/.test(tag) ? Number(tag[1]) : 0;
    if (tag === 'pre') {
      if (!closing) {
        flush();
        pre = { text: '', from: startLine };
      } else if (pre) {
        if (pre.text.trim()) blocks.push({ text: pre.text.replace(/^\n/, ''), headings: [...path], lineFrom: pre.from, lineTo: line, kind: 'code' });
        pre = null;
      }
    } else if (level) {
      if (!closing) {
        flush();
        heading = { level, text: '' };
      } else if (heading) {
        const text = heading.text.replace(/\s+/g, ' ').replace(/[¶#]\s*$/, '').trim();
        path.length = Math.min(path.length, heading.level - 1);
        while (path.length < heading.level - 1) path.push('');
        path.push(text);
        if (heading.level === 1) firstH1 ??= text;
        heading = null;
      }
    } else if (BLOCK_TAGS.has(tag) && !pre && !heading) {
      flush();
    } else if (!pre && !heading) {
      buffer += tag === 'td' || tag === 'th' ? ' ' : '';
    }
  }
  flush();
  return { ok: true, title: title ?? firstH1, blocks: blocks.map((b) => ({ ...b, headings: b.headings.filter(Boolean) })) };
}
