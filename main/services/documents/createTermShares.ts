import type { Database } from 'better-sqlite3-multiple-ciphers';

/** doc_chunks_fts's tokenizer (migration 0120): the query's words are stemmed exactly as the chunks were. */
const TOKENIZE = 'porter unicode61 remove_diacritics 2';
const SCRATCH = 'doc_scratch';

export interface TermShares {
  /** How many chunks are indexed. */
  total(): number;
  /** For each term, the share of indexed chunks that hold it (a phrase: its rarest word's share); 0 for a word no chunk holds. */
  of(terms: readonly string[]): number[];
}

/**
 * How common each query word is in the index, read from FTS5's own term
 * statistics (an fts5vocab table) after stemming the words with the index's
 * tokenizer (a scratch FTS5 table): a few index lookups per query, no scan.
 * The scratch table lives in an in-memory database attached to this
 * connection, so the user's query words never reach a file (not even a
 * temporary one), and the vocabulary view of the chunks' index is a temp
 * table: nothing is added to the database file, no migration is needed.
 */
export function createTermShares(db: Database): TermShares {
  const attached = (db.pragma('database_list') as { name: string }[]).some((d) => d.name === SCRATCH);
  if (!attached) db.exec(`ATTACH DATABASE ':memory:' AS ${SCRATCH}`);
  db.exec(`
    CREATE VIRTUAL TABLE IF NOT EXISTS ${SCRATCH}.query_words USING fts5 (word, tokenize = '${TOKENIZE}');
    CREATE VIRTUAL TABLE IF NOT EXISTS ${SCRATCH}.query_stems USING fts5vocab (query_words, instance);
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.doc_chunks_terms USING fts5vocab (main, doc_chunks_fts, row);
  `);
  const clear = db.prepare(`DELETE FROM ${SCRATCH}.query_words`);
  const add = db.prepare<[number, string]>(`INSERT INTO ${SCRATCH}.query_words (rowid, word) VALUES (?, ?)`);
  // doc: the word's row (its index + 1); one row per token of it.
  const stems = db.prepare<[], { doc: number; term: string }>(`SELECT doc, term FROM ${SCRATCH}.query_stems`);
  const chunksHolding = db.prepare<[string], { doc: number }>('SELECT doc FROM temp.doc_chunks_terms WHERE term = ?');
  const chunks = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM doc_chunks');
  const stem = db.transaction((terms: readonly string[]) => {
    clear.run();
    terms.forEach((t, i) => add.run(i + 1, t));
    const out = stems.all();
    clear.run();
    return out;
  });

  return {
    total: () => chunks.get()!.n,
    of(terms) {
      const total = chunks.get()!.n;
      if (total === 0 || terms.length === 0) return terms.map(() => 0);
      const shares = terms.map(() => Infinity);
      for (const { doc, term } of stem(terms)) {
        const holding = chunksHolding.get(term)?.doc ?? 0;
        shares[doc - 1] = Math.min(shares[doc - 1]!, holding / total);
      }
      return shares.map((s) => (Number.isFinite(s) ? s : 0));
    },
  };
}
