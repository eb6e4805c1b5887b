import { describe, expect, it } from 'vitest';
import { hasFencedCode, loadHighlighter } from './useHighlighter.js';

describe('hasFencedCode', () => {
  it.each(['```ts\nconst x = 1;\n```', 'Here:\n\n```\ncode\n```', '   ~~~py\nx\n~~~', 'text\n  ```js\nx\n  ```'])('finds a fence in %j', (text) => {
    expect(hasFencedCode(text)).toBe(true);
  });

  it.each(['plain text', 'inline `code` only', 'a ``` in the middle of a line', '    ```indented four spaces is code, not a fence'])('finds none in %j', (text) => {
    expect(hasFencedCode(text)).toBe(false);
  });
});

describe('loadHighlighter', () => {
  it('loads rehype-highlight once and hands out the same plugin list', async () => {
    const [a, b] = await Promise.all([loadHighlighter(), loadHighlighter()]);
    expect(a).toBe(b);
    expect(a).toHaveLength(1);
    expect(typeof a[0]).toBe('function');
    expect(await loadHighlighter()).toBe(a);
  });
});
