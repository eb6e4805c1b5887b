export interface DescribedTarget {
  /** Lowercase host name or address, IPv6 without brackets. */
  host: string;
  port: number | null;
  /** The URL as the log shows it: no credentials, no query or fragment (signed CDN URLs carry tokens there). */
  display: string;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443, 'ftp:': 21 };
/** node-llama-cpp's `hf:owner/repo/file` URIs resolve against Hugging Face unless an endpoint is configured. */
const HF_HOST = 'huggingface.co';

export function normalizeHost(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

/** Host, port and a loggable form of a URL a service is about to fetch. Never throws. */
export function describeTarget(url: string | URL): DescribedTarget {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    const text = String(url).slice(0, 200);
    return { host: text.split(/[/?#]/, 1)[0]!.toLowerCase() || '(invalid URL)', port: null, display: text };
  }
  if (parsed.protocol === 'hf:') {
    return { host: HF_HOST, port: 443, display: `hf:${parsed.pathname}` };
  }
  const host = normalizeHost(parsed.hostname);
  const port = parsed.port ? Number(parsed.port) : (DEFAULT_PORTS[parsed.protocol] ?? null);
  const display = parsed.host ? `${parsed.protocol}//${parsed.host}${parsed.pathname}` : `${parsed.protocol}${parsed.pathname}`;
  return { host: host || '(no host)', port, display };
}
