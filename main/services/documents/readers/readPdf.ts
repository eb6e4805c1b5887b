import type { Block, ReadOutcome } from '../Block.js';

/**
 * A PDF's text page by page (unpdf's build of pdf.js, no canvas needed).
 * Every block keeps its 1-based page number; paragraphs follow blank lines
 * where pdf.js marks them. An encrypted PDF is reported, not guessed at.
 */
export async function readPdf(bytes: Uint8Array): Promise<ReadOutcome> {
  const { getDocumentProxy, extractText } = await import('unpdf');
  let pdf;
  try {
    pdf = await getDocumentProxy(new Uint8Array(bytes));
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    if (name === 'PasswordException') return { ok: false, reason: 'encrypted: the PDF needs a password' };
    return { ok: false, reason: `not a readable PDF (${(error as Error).message})` };
  }
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    let title: string | null = null;
    try {
      const meta = (await pdf.getMetadata()) as { info?: { Title?: unknown } };
      title = typeof meta.info?.Title === 'string' && meta.info.Title.trim() ? meta.info.Title.trim() : null;
    } catch {
      // A PDF without readable metadata still has its text.
    }
    const blocks: Block[] = [];
    text.forEach((pageText, index) => {
      for (const para of pageText.split(/\n\s*\n/)) {
        const body = para.replace(/[ \t]+/g, ' ').trim();
        if (body) blocks.push({ text: body, headings: [], page: index + 1, kind: 'text' });
      }
    });
    return { ok: true, title, blocks };
  } finally {
    await pdf.destroy();
  }
}
