import { memo, useMemo } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { Citation } from '../documents/Citation.js';
import { CITATION_PREFIX, remarkCitations } from '../documents/remarkCitations.js';
import { CodeBlock } from './CodeBlock.js';
import { splitStreamingMarkdown } from './splitStreamingMarkdown.js';
import { hasFencedCode, useHighlighter } from './useHighlighter.js';

const remarkPlugins = [remarkGfm];
const plain: [] = [];

const components: Components = {
  pre: ({ node, children }) => <CodeBlock node={node}>{children}</CodeBlock>,
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noreferrer noopener" />,
};

const withCitations: Components = {
  ...components,
  a: ({ node: _node, href, children, ...props }) =>
    href?.startsWith(CITATION_PREFIX) ? (
      <Citation n={Number(href.slice(CITATION_PREFIX.length))}>{children}</Citation>
    ) : (
      <a href={href} {...props} target="_blank" rel="noreferrer noopener">
        {children}
      </a>
    ),
};

interface MarkdownProps {
  text: string;
  streaming: boolean;
  /** A reply with sources: how many; "[n]" for n up to it links to source n. */
  citations?: number;
}

/**
 * A message's Markdown (GFM tables, lists, code). Raw HTML is not rendered.
 * Syntax highlighting waits until the reply is complete: re-highlighting a
 * growing code block on every delta costs more than it shows.
 */
export const Markdown = memo(function Markdown({ text, streaming, citations = 0 }: MarkdownProps) {
  if (!streaming) return <MarkdownBlock text={text} highlight citations={citations} />;
  // While streaming, only the growing tail is parsed again on each delta.
  const [settled, tail] = splitStreamingMarkdown(text);
  return (
    <>
      {settled && <MarkdownBlock text={settled} highlight={false} />}
      <MarkdownBlock text={tail} highlight={false} />
    </>
  );
});

const MarkdownBlock = memo(function MarkdownBlock({ text, highlight, citations = 0 }: { text: string; highlight: boolean; citations?: number }) {
  const highlighted = useHighlighter(highlight && hasFencedCode(text));
  const plugins = useMemo(() => (citations > 0 ? [remarkGfm, remarkCitations(citations)] : remarkPlugins), [citations]);
  return (
    <ReactMarkdown remarkPlugins={plugins} rehypePlugins={highlighted ?? plain} components={citations > 0 ? withCitations : components}>
      {text}
    </ReactMarkdown>
  );
});
