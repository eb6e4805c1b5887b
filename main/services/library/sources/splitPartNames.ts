const SPLIT = /^(.*)-(\d{5})-of-(\d{5})\.gguf$/i;

/**
 * A GGUF split by llama.cpp's gguf-split is named `<base>-00001-of-0000N.gguf`
 * per part. Given any part's name, returns every part's name in order (one
 * name for an ordinary file), so naming any part downloads the whole model.
 */
export function splitPartNames(fileName: string): string[] {
  const match = SPLIT.exec(fileName);
  if (!match) return [fileName];
  const [, base, , countText] = match;
  const count = Number(countText);
  if (count < 1 || count > 512) return [fileName];
  const ext = fileName.slice(-5);
  return Array.from({ length: count }, (_, i) => `${base}-${String(i + 1).padStart(5, '0')}-of-${countText}${ext}`);
}
