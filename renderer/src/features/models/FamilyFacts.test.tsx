import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FamilyFacts } from './FamilyFacts.js';

afterEach(cleanup);

const family = { architecture: 'qwen3', chatWrapper: 'JinjaTemplate', templateFallback: null, thinking: 'hybrid' as const, tools: true, trainedContext: 40960, contextUsed: 8192, licence: 'Apache-2.0', catalogId: 'qwen3-4b' };
const fact = (key: string) => screen.getByTestId('model-family').querySelector(`[data-fact="${key}"] dd`)!.textContent;

describe('FamilyFacts', () => {
  it('shows the chat wrapper, thinking, tools, both contexts and the licence', () => {
    render(<FamilyFacts family={family} />);
    expect(fact('wrapper')).toBe('JinjaTemplate');
    expect(fact('thinking')).toMatch(/by default/);
    expect(fact('tools')).toBe('Yes');
    expect(fact('trained')).toMatch(/40,960/);
    expect(fact('used')).toMatch(/8,192/);
    expect(fact('licence')).toBe('Apache-2.0');
    expect(screen.queryByTestId('model-template-fallback')).toBeNull();
  });

  it('says when the template is not used and replies fall back to plain text', () => {
    render(<FamilyFacts family={{ ...family, chatWrapper: 'Plain', templateFallback: 'its chat template is not used (boom); replies use plain text', contextUsed: null }} />);
    expect(fact('wrapper')).toBe('Plain');
    expect(screen.getByTestId('model-template-fallback').textContent).toMatch(/boom/);
    expect(fact('used')).toMatch(/once loaded/i);
  });
});
