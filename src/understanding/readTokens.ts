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

/** Loads wink-nlp's English model the first time it is needed, then shares it. */
export function loadEnglish(): English {
  english ??= winkNLP(model, ['pos']);
  return english;
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
