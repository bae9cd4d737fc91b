import type { ConceptName } from '../content/schema/urgencyConceptsSchema.js';
import type { Span } from './conceptMatcher.js';
import type { Token } from './readTokens.js';

/** A message read into clauses, with what is negated and when things happen. */
export interface Reading {
  tokens: Token[];
  /** Every concept found, by concept (the semantic layer's features are read from these). */
  spans: ReadonlyMap<ConceptName, Span[]>;
  /**
   * Concepts found that only the linguistic layer's frames use (see CUE_CONCEPTS): kept apart
   * from `spans` so that the semantic layer's features do not change with them.
   */
  cues: ReadonlyMap<ConceptName, Span[]>;
  /** The clause each token belongs to. */
  clauseOf: number[];
  /** The sentence each token belongs to. */
  sentenceOf: number[];
  /** True for each token inside the reach of a negator ("he has never once … hit me"). */
  negated: boolean[];
  /** True for each token inside an idiom or an organisation's name: never danger. */
  cancelled: boolean[];
  /** True for each token inside an organisation's name only: it counts as nothing at all. */
  organisation: boolean[];
}

/**
 * Concepts for the linguistic layer's frames only: signs that mean danger in combination
 * ("not answering" with a child taken, drink with the car and the kids), never on their own.
 */
export const CUE_CONCEPTS: ReadonlySet<ConceptName> = new Set<ConceptName>([
  'reassured',
  'indoors',
  'trace',
  'circling',
  'hiding',
  'speech',
  'threatSaid',
  'fire',
  'fireAction',
  'taken',
  'holding',
  'noContact',
  'distress',
  'intoxicated',
  'rage',
  'propertyHarm',
  'keys',
  'routineErrand',
  'ownLifePrep',
  'ownLifePrepWeak',
  'worse',
  'eachTime',
]);

/** Words that start a new clause. */
const CLAUSE_WORDS = new Set([
  'and',
  'but',
  'or',
  'so',
  'then',
  'plus',
  'because',
  'cos',
  'coz',
  'while',
  'whilst',
  'when',
  'if',
  'though',
  'although',
  'until',
  'till',
  'unless',
  'after',
  'since',
]);
/** Subjects that, before a verb, start a new clause: "can not talk he is here". */
const SUBJECTS = new Set(['i', 'he', 'she', 'they', 'we', 'you', 'someone', 'somebody', 'there']);
const NEGATORS = new Set([
  'not',
  'never',
  'no',
  'nobody',
  'noone',
  'nothing',
  'none',
  'without',
  'neither',
  'nor',
  'nowhere',
]);
/** After "not", these verbs turn the meaning round: "he will not stop hitting me". */
const INVERTERS = new Set(['stop', 'quit', 'let', 'leave', 'give', 'calm', 'back']);

/** "up and down", "over and over", "round and round": one movement, not two clauses. */
const PAIRS = new Set(['up down', 'back forth', 'in out', 'on off']);
function isPairedAnd(before: string | undefined, word: string, after: string | undefined) {
  if (word !== 'and' || !before || !after) return false;
  return before === after || PAIRS.has(`${before} ${after}`);
}

function splitClauses(tokens: Token[]): { clauseOf: number[]; sentenceOf: number[] } {
  const clauseOf: number[] = [];
  const sentenceOf: number[] = [];
  let clause = 0;
  let sentence = 0;
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1];
    const next = tokens[i + 1];
    if (token.word === '.') {
      clause += 1;
      sentence += 1;
    } else if (
      i > 0 &&
      previous?.word !== '.' &&
      !isPairedAnd(previous?.word, token.word, next?.word) &&
      (CLAUSE_WORDS.has(token.word) ||
        (SUBJECTS.has(token.word) &&
          (next?.pos === 'AUX' || next?.pos === 'VERB') &&
          previous?.pos !== 'ADP' &&
          previous?.pos !== 'DET' &&
          !CLAUSE_WORDS.has(previous?.word ?? '')))
    ) {
      clause += 1;
    }
    clauseOf.push(clause);
    sentenceOf.push(sentence);
  });
  return { clauseOf, sentenceOf };
}

/** "no" opening a clause as an answer ("no he is at work", "no im safe") negates nothing. */
function isAnswerNo(tokens: Token[], i: number, clauseStart: boolean): boolean {
  if (tokens[i]?.word !== 'no' && tokens[i]?.word !== 'nope' && tokens[i]?.word !== 'nah') {
    return false;
  }
  const next = tokens[i + 1];
  if (!next || next.word === '.') return true;
  if (['one', 'body', 'where', 'way', 'longer'].includes(next.word)) return false;
  return (
    clauseStart && ['PRON', 'AUX', 'VERB', 'ADJ', 'ADV', 'INTJ', 'PART', 'PROPN'].includes(next.pos)
  );
}

/**
 * Marks what each negator reaches: the rest of its clause, unless doubt follows it ("not
 * sure if he is coming": when in doubt, the higher level) or a verb turns it round ("will
 * not stop hitting me": only "stop" is negated).
 */
function markNegation(
  tokens: Token[],
  clauseOf: number[],
  sentenceOf: number[],
  doubts: ReadonlySet<number>,
): boolean[] {
  const negated = tokens.map(() => false);
  const sentenceEnd = (i: number) => {
    let end = i + 1;
    while (end < tokens.length && sentenceOf[end] === sentenceOf[i]) end += 1;
    return end;
  };
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (!token || !NEGATORS.has(token.word)) continue;
    // "no way he would come here", "no chance he could find me": the negation reaches the
    // whole of what follows in its sentence, across the clause that starts at "he".
    if (token.word === 'no' && WHOLE_SENTENCE_AFTER_NO.has(tokens[i + 1]?.word ?? '')) {
      for (let j = i + 1; j < sentenceEnd(i); j += 1) negated[j] = true;
      continue;
    }
    const clauseStart = i === 0 || clauseOf[i - 1] !== clauseOf[i];
    if (isAnswerNo(tokens, i, clauseStart)) continue;
    let end = i + 1;
    while (end < tokens.length && clauseOf[end] === clauseOf[i]) end += 1;
    let doubted = false;
    for (let j = i + 1; j < Math.min(end, i + 4); j += 1) {
      if (doubts.has(j)) doubted = true;
      if (INVERTERS.has(tokens[j]?.lemma ?? '')) {
        end = j + 1;
        break;
      }
    }
    if (doubted) {
      // "i dont think he would ever hurt me": doubt, but "ever" after it makes it a firm no,
      // reaching the rest of the sentence. Without "ever", in doubt the higher level stands.
      const last = sentenceEnd(i);
      const ever = tokens.findIndex((t, j) => j > i && j < last && t.word === 'ever');
      if (ever === -1) continue;
      end = last;
    }
    for (let j = i + 1; j < end; j += 1) negated[j] = true;
  }
  return negated;
}

/** After "no", these make the negation reach its whole sentence: "no way", "no chance". */
const WHOLE_SENTENCE_AFTER_NO = new Set(['way', 'chance']);

/** Reads tokens and their concepts into clauses, negation and cancelled words. */
export function readClauses(tokens: Token[], found: Span[]): Reading {
  const spans = new Map<ConceptName, Span[]>();
  const cues = new Map<ConceptName, Span[]>();
  for (const span of found) {
    const cue = CUE_CONCEPTS.has(span.concept);
    const map = cue ? cues : spans;
    let list = map.get(span.concept);
    if (!list) map.set(span.concept, (list = []));
    // Several entries may match one place ("taken", "took" and "take" all read as "take").
    const last = list[list.length - 1];
    if (cue && last && last.start === span.start && last.end === span.end) continue;
    list.push(span);
  }
  const { clauseOf, sentenceOf } = splitClauses(tokens);
  const doubts = new Set((spans.get('doubt') ?? []).map((span) => span.start));
  const cancelled = tokens.map(() => false);
  const organisation = tokens.map(() => false);
  for (const concept of ['idiom', 'organisation'] as const) {
    for (const span of spans.get(concept) ?? []) {
      for (let i = span.start; i < span.end; i += 1) {
        cancelled[i] = true;
        if (concept === 'organisation') organisation[i] = true;
      }
    }
  }
  return {
    tokens,
    spans,
    cues,
    clauseOf,
    sentenceOf,
    negated: markNegation(tokens, clauseOf, sentenceOf, doubts),
    cancelled,
    organisation,
  };
}
