/**
 * Function words that say nothing about a message's domain. Kept out of the
 * word and bigram features so that a short message's few content words decide
 * (they stay in the text the character n-grams see only through content words).
 * Deliberately small: "write", "explain", "help", "team" and "my"-less phrases
 * carry signal and are left to the model to weigh.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are aren as at be because been before being below between both but by
  can cannot could couldn d did didn do does doesn doing don down during each few for from further had hadn has hasn have haven
  having he her here hers herself him himself his how i if in into is isn it its itself just ll m me might mine more most must
  mustn my myself no nor not now o of off on once only or other ought our ours ourselves out over own re s same shan she should
  shouldn so some such t than that the their theirs them themselves then there these they this those through to too under until
  up us ve very was wasn we were weren what when where which while who whom why will with won would wouldn y you your yours
  yourself yourselves also any anyone anything got get gets getting im ive id youre thats whats hows lets please thanks thank
  hi hey hello ok okay really actually maybe want wanted need needs needed know say said let one two
  something someone thing things way ways much many lot lots well still even ever every`
    .split(/\s+/)
    .filter(Boolean),
);
