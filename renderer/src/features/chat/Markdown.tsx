import { memo } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { CodeBlock } from './CodeBlock.js';
import { splitStreamingMarkdown } from './splitStreamingMarkdown.js';
import { hasFencedCode, useHighlighter } from './useHighlighter.js';

const remarkPlugins = [remarkGfm];
const plain: [] = [];

const components: Components = {
  pre: ({ node, children }) => <CodeBlock node={node}>{children}</CodeBlock>,
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noreferrer noopener" />,
};

/**
 * A message's Markdown (GFM tables, lists, code). Raw HTML is not rendered.
 * Syntax highlighting waits until the reply is complete: re-highlighting a
 * growing code block on every delta costs more than it shows.
 */
export const Markdown = memo(function Markdown({ text, streaming }: { text: string; streaming: boolean }) {
  if (!streaming) return <MarkdownBlock text={text} highlight />;
  // While streaming, only the growing tail is parsed again on each delta.
  const [settled, tail] = splitStreamingMarkdown(text);
  return (
    <>
      {settled && <MarkdownBlock text={settled} highlight={false} />}
      <MarkdownBlock text={tail} highlight={false} />
    </>
  );
});

const MarkdownBlock = memo(function MarkdownBlock({ text, highlight }: { text: string; highlight: boolean }) {
  const highlighted = useHighlighter(highlight && hasFencedCode(text));
  return (
    <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={highlighted ?? plain} components={components}>
      {text}
    </ReactMarkdown>
  );
});
