import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { PDFDocument, PDFHexString, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { readDocument } from './readDocument.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('readDocument', () => {
  it('reads Markdown by structure: heading paths, whole code fences, line ranges', async () => {
    const md = ['# Guide', '', 'Intro text.', '', '## Install', '', 'Run the installer.', '', '```sh', 'npm i thing', '', 'echo done', '```', '', 'Setext', '------', 'Last para.'].join('\n');
    const out = await readDocument('/x/guide.md', enc(md));
    if (!out.ok) throw new Error(out.reason);
    expect(out.title).toBe('Guide');
    expect(out.blocks.map((b) => [b.headings.join('>'), b.kind, b.lineFrom, b.lineTo])).toEqual([
      ['Guide', 'text', 3, 3],
      ['Guide>Install', 'text', 7, 7],
      ['Guide>Install', 'code', 9, 13],
      ['Guide>Setext', 'text', 17, 17],
    ]);
    expect(out.blocks[2]!.text).toContain('echo done');
  });

  it('reads HTML text and headings, not scripts, styles or navigation', async () => {
    const html = `<html><head><title>Page &amp; more</title><style>.a{color:red}</style></head><body>
<nav><a href="/">Home</a> Menu words</nav>
<h1>Main</h1><p>First &lt;para&gt; here.</p><script>var secret = 1;</script>
<h2>Sub</h2>
<p>Second para.</p><pre>code  line</pre><footer>Copyright stuff</footer></body></html>`;
    const out = await readDocument('/x/a.html', enc(html));
    if (!out.ok) throw new Error(out.reason);
    expect(out.title).toBe('Page & more');
    const all = out.blocks.map((b) => b.text).join(' | ');
    expect(all).toBe('First <para> here. | Second para. | code  line');
    expect(out.blocks.map((b) => b.headings.join('>'))).toEqual(['Main', 'Main>Sub', 'Main>Sub']);
    expect(out.blocks[1]!.lineFrom).toBe(5);
    expect(all).not.toMatch(/secret|Menu|Copyright|color/);
  });

  it('reads a real PDF with its page numbers', async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    pdf.setTitle('Clinic protocols');
    for (const text of ['Hand hygiene before every patient.', 'Sterilise instruments at 134 degrees.']) {
      pdf.addPage([400, 300]).drawText(text, { x: 20, y: 250, size: 12, font });
    }
    const out = await readDocument('/x/p.pdf', await pdf.save());
    if (!out.ok) throw new Error(out.reason);
    expect(out.title).toBe('Clinic protocols');
    expect(out.blocks.map((b) => [b.page, b.text])).toEqual([
      [1, 'Hand hygiene before every patient.'],
      [2, 'Sterilise instruments at 134 degrees.'],
    ]);
  });

  it('skips a password-protected PDF as encrypted', async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    pdf.addPage([200, 200]).drawText('confidential', { x: 10, y: 100, size: 12, font });
    // The standard security handler with owner/user keys that the empty password does not open.
    const ctx = pdf.context;
    ctx.trailerInfo.Encrypt = ctx.register(ctx.obj({ Filter: 'Standard', V: 1, R: 2, P: -4, O: PDFHexString.of('11'.repeat(32)), U: PDFHexString.of('22'.repeat(32)) }));
    const id = PDFHexString.of('33'.repeat(16));
    ctx.trailerInfo.ID = ctx.obj([id, id]);
    expect(await readDocument('/x/locked.pdf', await pdf.save({ useObjectStreams: false }))).toEqual({ ok: false, reason: 'encrypted: the PDF needs a password' });
  });

  it('reads a real DOCX with Word headings as the heading path', async () => {
    const doc = new Document({
      sections: [{ children: [new Paragraph({ text: 'Contract terms', heading: HeadingLevel.HEADING_1 }), new Paragraph('Payment is due in 30 days.'), new Paragraph({ text: 'Termination', heading: HeadingLevel.HEADING_2 }), new Paragraph('Either party may end it with notice.')] }],
    });
    const out = await readDocument('/x/c.docx', new Uint8Array(await Packer.toBuffer(doc)));
    if (!out.ok) throw new Error(out.reason);
    expect(out.blocks.map((b) => [b.headings.join('>'), b.text])).toEqual([
      ['Contract terms', 'Payment is due in 30 days.'],
      ['Contract terms>Termination', 'Either party may end it with notice.'],
    ]);
    expect(out.blocks[0]!.lineFrom).toBeUndefined();
  });

  it('reads CSV in row groups with the header, code by paragraphs with lines', async () => {
    const csv = await readDocument('/x/t.csv', enc('name,age\nann,3\nbob,4\n'));
    if (!csv.ok) throw new Error(csv.reason);
    expect(csv.blocks[0]).toMatchObject({ text: 'name,age\nann,3\nbob,4', lineFrom: 2 });
    const code = await readDocument('/x/a.py', enc('def a():\n  return 1\n\n\ndef b():\n  pass\n'));
    if (!code.ok) throw new Error(code.reason);
    expect(code.blocks.map((b) => [b.kind, b.lineFrom, b.lineTo])).toEqual([
      ['code', 1, 2],
      ['code', 5, 6],
    ]);
  });

  it('skips malformed, encrypted, empty, binary and unsupported files with their reason', async () => {
    expect(await readDocument('/x/bad.json', enc('{"a": [1, 2'))).toMatchObject({ ok: false, reason: expect.stringMatching(/^malformed JSON/) });
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(await readDocument('/x/locked.docx', ole)).toMatchObject({ ok: false, reason: expect.stringMatching(/^encrypted/) });
    expect(await readDocument('/x/broken.pdf', enc('%PDF-1.7 garbage'))).toMatchObject({ ok: false, reason: expect.stringMatching(/PDF/) });
    expect(await readDocument('/x/e.txt', new Uint8Array())).toEqual({ ok: false, reason: 'empty file' });
    expect(await readDocument('/x/blank.md', enc('\n\n  \n'))).toMatchObject({ ok: false, reason: expect.stringMatching(/^no text found/) });
    expect(await readDocument('/x/bin.txt', new Uint8Array(100).fill(1))).toEqual({ ok: false, reason: 'binary content, not text' });
    expect(await readDocument('/x/img.png', enc('x'))).toMatchObject({ ok: false, reason: expect.stringMatching(/unsupported/) });
  });
});
