import { HearthError } from '../../../contract/index.js';

export interface HfUri {
  owner: string;
  repo: string;
  /** Path inside the repository, '/'-separated (usually just the file name). */
  filePath: string;
  /** Branch, tag or full commit hash; 'main' when the URI names none. */
  revision: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;
const REVISION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
export const DEFAULT_HF_ENDPOINT = 'https://huggingface.co';

/** `hf:owner/repo/path/file.gguf` with an optional `#revision` (node-llama-cpp's URI form). */
export function parseHfUri(uri: string): HfUri {
  const bad = (why: string) => new HearthError('INVALID_PARAMS', `"${uri}" is not a usable hf: URI: ${why}. Use hf:owner/repo/file.gguf (optionally #revision).`);
  if (!uri.startsWith('hf:')) throw bad('it does not start with hf:');
  const [body = '', revision = 'main', ...rest] = uri.slice(3).split('#');
  if (rest.length > 0) throw bad('it has more than one #');
  const [owner = '', repo = '', ...segments] = body.split('/');
  if (!NAME.test(owner) || !NAME.test(repo)) throw bad('the owner or repository name is missing or has characters Hugging Face does not use');
  if (segments.length === 0) throw bad('it names no file');
  for (const s of segments) {
    if (s === '' || s === '.' || s === '..' || s.includes('\\')) throw bad(`the path segment "${s}" is not allowed`);
  }
  if (!REVISION.test(revision)) throw bad(`the revision "${revision}" has characters a branch or commit does not`);
  return { owner, repo, filePath: segments.join('/'), revision };
}

/** Where Hugging Face serves the file: `<endpoint>/<owner>/<repo>/resolve/<revision>/<path>`. */
export function hfResolveUrl(hf: HfUri, endpoint: string = DEFAULT_HF_ENDPOINT): string {
  const base = endpoint.replace(/\/+$/, '');
  const path = hf.filePath.split('/').map(encodeURIComponent).join('/');
  return `${base}/${hf.owner}/${hf.repo}/resolve/${encodeURIComponent(hf.revision)}/${path}`;
}

/** The same URI for a sibling file (another part of a split model). */
export function withFileName(hf: HfUri, fileName: string): HfUri {
  const dir = hf.filePath.split('/').slice(0, -1);
  return { ...hf, filePath: [...dir, fileName].join('/') };
}

export function fileNameOf(hf: HfUri): string {
  return hf.filePath.split('/').at(-1)!;
}
