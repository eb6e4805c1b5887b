/**
 * Names the format of a file that is not GGUF, from its first bytes, so the
 * refusal can say what the user actually picked: the usual mistakes are a
 * Hugging Face safetensors or PyTorch checkpoint, an HTML error page saved by
 * a failed download, a Git LFS pointer, or a pre-GGUF llama.cpp model.
 */
export function describeForeignFile(head: Buffer): string | null {
  const ascii = head.toString('latin1');
  const text = ascii.replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  if (head.length >= 10 && head.readUInt32LE(4) === 0 && ascii.slice(8, 10) === '{"') {
    return 'a safetensors file (convert it to GGUF with llama.cpp\'s convert_hf_to_gguf.py)';
  }
  if (ascii.startsWith('PK\x03\x04')) return 'a ZIP archive (PyTorch checkpoints are ZIP files; convert them to GGUF first)';
  if (head[0] === 0x80 && head[1] !== undefined && head[1] >= 2 && head[1] <= 5) return 'a Python pickle (a PyTorch checkpoint; convert it to GGUF first)';
  if (text.startsWith('<!doctype html') || text.startsWith('<html') || text.startsWith('<head')) {
    return 'an HTML page (a download that saved an error or sign-in page instead of the model)';
  }
  if (text.startsWith('version https://git-lfs')) return 'a Git LFS pointer (the model itself was never downloaded)';
  if (text.startsWith('{') || text.startsWith('[')) return 'a JSON document';
  if (['lmgg', 'fmgg', 'tjgg', 'algg'].includes(ascii.slice(0, 4))) return 'a model in the old GGML/GGJT format (llama.cpp now needs GGUF)';
  if (ascii.startsWith('\x7fELF') || ascii.startsWith('MZ')) return 'a program';
  return null;
}
