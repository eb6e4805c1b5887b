import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExtraProps } from 'react-markdown';
import { useCopy } from './useCopy.js';

type HastNode = NonNullable<ExtraProps['node']> | { type: string; value?: string; children?: unknown[] };

function textOf(node: HastNode | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return (node as { value: string }).value;
  const children = (node as { children?: HastNode[] }).children ?? [];
  return children.map(textOf).join('');
}

function languageOf(node: ExtraProps['node']): string | null {
  const code = node?.children.find((c) => c.type === 'element' && c.tagName === 'code');
  const className: unknown = code && code.type === 'element' ? code.properties.className : undefined;
  const classes: string[] = Array.isArray(className) ? className.map(String) : typeof className === 'string' ? className.split(' ') : [];
  const lang = classes.find((c) => c.startsWith('language-'));
  return lang ? lang.slice('language-'.length) : null;
}

/** A fenced code block with its language and a Copy button (copies the raw code). */
export function CodeBlock({ node, children }: { node: ExtraProps['node']; children: ReactNode }) {
  const { t } = useTranslation();
  const language = languageOf(node);
  const { copied, copy } = useCopy();
  return (
    <div className="code-block" data-testid="code-block">
      <div className="code-block-header">
        <span className="code-block-lang">{language ?? t('chat.code.plainText')}</span>
        <button type="button" className="code-copy" onClick={() => copy(textOf(node).replace(/\n$/, ''))} data-testid="code-copy-button" aria-label={language ? t('chat.code.copyLanguage', { language }) : t('chat.code.copy')}>
          {copied ? t('chat.copied') : t('chat.code.copyShort')}
        </button>
      </div>
      <pre>{children}</pre>
    </div>
  );
}
