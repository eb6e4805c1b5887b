import type { ReadOutcome } from '../Block.js';
import { readHtml } from './readHtml.js';

/** The OLE compound-file signature: what Word writes for a password-protected .docx (and for old .doc). */
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

/**
 * A .docx through mammoth's HTML (Word's heading styles become h1-h6), then
 * the HTML reader. Line numbers of generated HTML mean nothing to a user, so
 * they are dropped.
 */
export async function readDocx(bytes: Uint8Array): Promise<ReadOutcome> {
  if (OLE.every((b, i) => bytes[i] === b)) return { ok: false, reason: 'encrypted or legacy Word file: save it as an unprotected .docx' };
  const mammoth = (await import('mammoth')).default;
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (error) {
    return { ok: false, reason: `not a readable .docx (${(error as Error).message})` };
  }
  const read = readHtml(html);
  if (!read.ok) return read;
  return { ...read, blocks: read.blocks.map(({ lineFrom: _f, lineTo: _t, ...b }) => b) };
}
