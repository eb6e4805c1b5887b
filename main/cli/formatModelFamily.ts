import type { ModelFamily } from '../contract/index.js';

const THINKING = { hybrid: 'yes, by default (can be switched off)', always: 'yes, always', none: 'no' } as const;

/** The lines `hearth models info` prints about a model's family: what helps choose it. */
export function familyLines(family: ModelFamily): Array<[string, string]> {
  const unknown = 'not stated';
  return [
    ['family', family.architecture],
    ['chat wrapper', family.templateFallback ? `${family.chatWrapper} (fallback: ${family.templateFallback})` : (family.chatWrapper ?? 'resolved when loaded')],
    ['thinks', family.thinking ? THINKING[family.thinking] : unknown],
    ['tools', family.tools === null ? unknown : family.tools ? 'yes' : 'no'],
    ['trained context', `${family.trainedContext} tokens`],
    ['context used', family.contextUsed === null ? 'decided when loaded' : `${family.contextUsed} tokens`],
    ['licence', family.licence ?? 'not stated (see the model page)'],
  ];
}
