import { z } from 'zod';
import examplesFile from '../../../models/routing/examples.json' with { type: 'json' };
import lexiconFile from '../../../models/routing/lexicon.json' with { type: 'json' };

/** domain -> phrases. */
export type PhraseSets = Record<string, string[]>;

const Phrases = z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/), z.array(z.string().min(1).max(1000)));

function parse(data: unknown, source: string): PhraseSets {
  const withoutComments = Object.fromEntries(Object.entries(data as Record<string, unknown>).filter(([key]) => !key.startsWith('$')));
  const parsed = Phrases.safeParse(withoutComments);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${source} is invalid at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

let examples: PhraseSets | undefined;
let lexicon: PhraseSets | undefined;

/** The example phrases shipped per built-in profile (models/routing/examples.json). */
export function shippedExamples(): PhraseSets {
  examples ??= parse(examplesFile, 'models/routing/examples.json');
  return examples;
}

/** Domain vocabulary shipped beside the examples (models/routing/lexicon.json). */
export function shippedLexicon(): PhraseSets {
  lexicon ??= parse(lexiconFile, 'models/routing/lexicon.json');
  return lexicon;
}
