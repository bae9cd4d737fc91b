import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Words } from './phraseMatcher.js';

/** One word of a normalised message, with what wink-nlp knows of it. */
export interface Token {
  /** The normalised word, as the phrase layer sees it. */
  word: string;
  /** Its dictionary form: "hitting" → "hit", "stairs" → "stair". */
  lemma: string;
  /** Universal part of speech: PRON, VERB, AUX, NOUN, CCONJ, SCONJ, ADP, PUNCT… */
  pos: string;
}

/** wink-nlp with its English model, loaded once: the model is a few MB and takes ~0.2 s. */
export type English = ReturnType<typeof winkNLP>;

let english: English | undefined;
/** How many words wink's own lexicon holds: words it meets later get ids from here on. */
let lexiconSize = 0;

/** Loads wink-nlp's English model the first time it is needed, then shares it. */
export function loadEnglish(): English {
  if (!english) {
    english = winkNLP(model, ['pos']);
    // A word no lexicon holds, read once on a fresh model, gets the first id after the lexicon.
    const probe = english.readDoc('zqxjvkwq').tokens().out(english.its.uniqueId) as number[];
    lexiconSize = probe[0] ?? 0;
  }
  return english;
}

/**
 * For each pair of a word as typed and the danger word it may be a typo of: true when the
 * typed word is a real word of its own, in wink's English lexicon as typed ("skill", "chose",
 * "stable") or by its dictionary form ("banged" is "bang", not a typo of "barged"). A form of
 * the danger word itself ("stabed" read as "stab") is not a word of its own. Used only for
 * the few words that look like a typo of a danger word, so its cost is paid rarely.
 */
export function createLexiconCheck(
  nlp: English,
): (pairs: { word: string; target: string }[]) => boolean[] {
  const its = nlp.its;
  return (pairs) => {
    const doc = nlp.readDoc(pairs.flatMap((pair) => [pair.word, pair.target]).join(' '));
    const ids = doc.tokens().out(its.uniqueId) as number[];
    const lemmas = doc.tokens().out(its.lemma as never) as string[];
    // wink may split a word; then the pair is not read as a typo.
    if (ids.length !== pairs.length * 2) return pairs.map(() => true);
    const lemmaIds = nlp.readDoc(lemmas.join(' ')).tokens().out(its.uniqueId) as number[];
    return pairs.map((_, k) => {
      if ((ids[2 * k] ?? 0) < lexiconSize) return true;
      const lemma = lemmas[2 * k];
      const known = lemmaIds.length === lemmas.length && (lemmaIds[2 * k] ?? 0) < lexiconSize;
      return known && lemma !== lemmas[2 * k + 1];
    });
  };
}

/** Reads normalised words into tokens, one per word, in the same order. */
export type TokenReader = (words: Words) => Token[];

/**
 * Creates a reader over wink-nlp's English "lite" model (installed inside the npm package;
 * nothing is downloaded). Only tokens, parts of speech and lemmas are used: sentences and
 * negation come from our own reading of clauses (see readClauses.ts), which knows about
 * chat-style answers such as "no he is at work".
 */
export function createTokenReader(nlp: English): TokenReader {
  const its = nlp.its;
  return (words) => {
    const doc = nlp.readDoc(words.text);
    const values = doc.tokens().out(its.value) as string[];
    const lemmas = doc.tokens().out(its.lemma as never) as string[];
    const tags = doc.tokens().out(its.pos) as string[];
    // wink may split one normalised word into several tokens ("5mins" → "5", "mins"), and
    // never joins two: walk both lists, keeping the first token's reading for each word.
    const tokens: Token[] = [];
    let t = 0;
    for (const word of words.words) {
      const lemma = lemmas[t] ?? word;
      const pos = tags[t] ?? 'X';
      let joined = values[t] ?? '';
      t += 1;
      while (joined.length < word.length && t < values.length) {
        joined += values[t] ?? '';
        t += 1;
      }
      tokens.push({
        word,
        lemma: joined === word ? lemma : word,
        pos: word === '.' ? 'PUNCT' : pos,
      });
    }
    return tokens;
  };
}

/** The dictionary forms of a phrase's words, for compiling concept lists. */
export function createLemmatiser(nlp: English): (text: string) => string[] {
  return (text) =>
    nlp
      .readDoc(text)
      .tokens()
      .out(nlp.its.lemma as never) as string[];
}
