import type { ConceptName, UrgencyConcepts } from '../content/schema/urgencyConceptsSchema.js';
import { createConceptFinder, type Span } from './conceptMatcher.js';
import type { SpellingMap } from './normaliseText.js';
import type { Words } from './phraseMatcher.js';
import { CUE_CONCEPTS, readClauses, type Reading } from './readClauses.js';
import { createLemmatiser, createTokenReader, loadEnglish } from './readTokens.js';
import { rankOf, type LayerVerdict, type Urgency } from './urgencyTypes.js';

/** When something happens, as the clause (or else its sentence) says. */
type When = 'now' | 'recent' | 'past' | 'habit' | 'unmarked';

/** One frame that matched: its id names the rule in README "How Waymark reads danger". */
interface Finding {
  frame: string;
  level: Urgency;
  ownLife?: boolean;
  strangulation?: boolean;
}

/** The linguistic layer: who does what to whom, when, and whether it is negated. */
export interface LinguisticLayer {
  read(words: Words): Reading;
  detect(reading: Reading): LayerVerdict;
  /**
   * For the phrase layer: true when a phrase found at this word is negated by the sentence's
   * structure, or is part of an idiom or an organisation's name.
   */
  explainsAway(reading: Reading, wordIndex: number): boolean;
  /**
   * For the phrase layer: true when the clause holding this word speaks only of the past or
   * a habit ("years ago he used to wait outside my work"), with no sign of now in it.
   */
  isOldAt(reading: Reading, wordIndex: number): boolean;
}

/** Coming again and again ("he keeps turning up at my work") is stalking, not this minute. */
const VISITS = new Set(['turn', 'show', 'come', 'drive', 'call', 'ring']);

const OBJECTS = new Set(['me', 'us', 'her', 'him', 'them', 'you']);
const PERSONAL = new Set(['i', 'he', 'she', 'they', 'we', 'you', 'someone', 'somebody']);
const FUTURE = new Set(['will', 'gonna']);
/** Who may be kept in: "he wont let me out", "he wont let her out". */
const LET_OBJECTS = new Set(['me', 'us', 'her', 'him', 'them']);

/** Builds the linguistic layer from content/urgency-concepts.yml. */
export function createLinguisticLayer(
  concepts: UrgencyConcepts['concepts'],
  spellings: SpellingMap,
): LinguisticLayer {
  const nlp = loadEnglish();
  const readTokens = createTokenReader(nlp);
  const findConcepts = createConceptFinder(concepts, spellings, createLemmatiser(nlp));

  const read = (words: Words): Reading => {
    const tokens = readTokens(words);
    return readClauses(tokens, findConcepts(tokens));
  };

  return {
    read,
    explainsAway: (reading, i) =>
      Boolean(
        reading.negated[i] ||
        reading.cancelled[i] ||
        (violentNear(reading, i) && idiomaticAt(reading, i)) ||
        isErrand(reading, i),
      ),
    isOldAt: clauseIsOld,
    detect(reading) {
      const findings = readFrames(reading);
      const verdict: LayerVerdict = {
        layer: 'linguistic',
        level: 'routine',
        categories: [],
        ownLife: false,
        strangulation: false,
        because: '',
      };
      for (const finding of findings) {
        if (!verdict.categories.includes(finding.frame)) verdict.categories.push(finding.frame);
        if (rankOf(finding.level) > rankOf(verdict.level)) {
          verdict.level = finding.level;
          verdict.because = finding.frame;
        }
        if (finding.strangulation) verdict.strangulation = true;
        if (finding.ownLife && finding.level === 'emergency') verdict.ownLife = true;
      }
      return verdict;
    },
  };
}

function spansOf(r: Reading, concept: ConceptName): Span[] {
  return r.spans.get(concept) ?? r.cues.get(concept) ?? [];
}

/** The token indexes where a concept starts, worked out once per reading. */
const startsCache = new WeakMap<Reading, Map<ConceptName, ReadonlySet<number>>>();
const NO_STARTS: ReadonlySet<number> = new Set();
const NO_SPANS: readonly Span[] = [];

function startsOf(r: Reading, concept: ConceptName): ReadonlySet<number> {
  if (spansOf(r, concept).length === 0) return NO_STARTS;
  let byConcept = startsCache.get(r);
  if (!byConcept) startsCache.set(r, (byConcept = new Map()));
  let starts = byConcept.get(concept);
  if (!starts) byConcept.set(concept, (starts = new Set(spansOf(r, concept).map((s) => s.start))));
  return starts;
}

/** Ideas that an idiom does not explain away: "we split up", "i kicked him out". */
const NOT_DANGER = new Set<ConceptName>([
  'separation',
  'stalking',
  'pregnancy',
  'escalation',
  'escalationWeak',
  'worse',
  'eachTime',
]);

/**
 * Ideas that an idiom's subject does not explain away: "my kids" is the subject of "my kids
 * are killing me", but not of "recorded videos for my kids to remember me by".
 */
const NO_IDIOM_SUBJECT = new Set<ConceptName>([...CUE_CONCEPTS, 'child', 'vehicle']);

function isAsserted(r: Reading, span: Span): boolean {
  if (r.negated[span.start]) return false;
  const idioms = NOT_DANGER.has(span.concept) ? r.organisation : r.cancelled;
  for (let i = span.start; i < span.end; i += 1) if (idioms[i]) return false;
  if (span.concept === 'separation' && isIntention(r, span.start)) return false;
  return (
    NOT_DANGER.has(span.concept) ||
    NO_IDIOM_SUBJECT.has(span.concept) ||
    !idiomaticAt(r, span.start)
  );
}

/** "i want to leave him", "how do i end things": a verb in its base form is not yet done. */
function isIntention(r: Reading, i: number): boolean {
  const token = r.tokens[i];
  return (
    token?.pos === 'VERB' && token.word === token.lemma && !['split', 'quit'].includes(token.word)
  );
}

/** Words before a harm verb that make it a habit or a beginning: "hes started throwing". */
const HABIT_VERBS = new Set(['start', 'begin', 'keep', 'always', 'often', 'sometimes', 'usually']);
/** Words before a harm verb that make it a condition or a threat: "he'd kill me if". */
const CONDITIONAL = new Set([
  'would',
  'could',
  'might',
  'will',
  'gonna',
  'wants',
  'want',
  'threatened',
  'threatening',
  'threatens',
  'threaten',
  'threat',
]);

/** "hits", "chokes": the present simple of a harm verb speaks of a habit, not this minute. */
function harmIsHabit(r: Reading, span: Span): boolean {
  const token = r.tokens[span.start];
  if (
    token &&
    token.word !== token.lemma &&
    token.word.endsWith('s') &&
    !token.lemma.endsWith('s')
  ) {
    return true;
  }
  for (
    let j = span.start - 1;
    j >= 0 && j >= span.start - 3 && sameClause(r, j, span.start);
    j -= 1
  ) {
    if (HABIT_VERBS.has(r.tokens[j]?.lemma ?? '')) return true;
  }
  return false;
}

function harmIsConditional(r: Reading, span: Span): boolean {
  for (
    let j = span.start - 1;
    j >= 0 && j >= span.start - 3 && sameClause(r, j, span.start);
    j -= 1
  ) {
    const word = r.tokens[j]?.word ?? '';
    if (CONDITIONAL.has(word) || (word === 'to' && r.tokens[j - 1]?.word === 'going')) return true;
  }
  return false;
}

/** Spans of a concept that are asserted: not negated, not in an idiom. Cached per reading. */
const assertedCache = new WeakMap<Reading, Map<ConceptName, readonly Span[]>>();
function asserted(r: Reading, concept: ConceptName): readonly Span[] {
  // Most concepts are absent from most messages: nothing is allocated for them.
  if (spansOf(r, concept).length === 0) return NO_SPANS;
  let byConcept = assertedCache.get(r);
  if (!byConcept) assertedCache.set(r, (byConcept = new Map()));
  let list = byConcept.get(concept);
  if (!list) byConcept.set(concept, (list = spansOf(r, concept).filter((s) => isAsserted(r, s))));
  return list;
}

function sameClause(r: Reading, a: number, b: number): boolean {
  return r.clauseOf[a] === r.clauseOf[b];
}

function sameSentence(r: Reading, a: number, b: number): boolean {
  return r.sentenceOf[a] === r.sentenceOf[b];
}

function anyIn(r: Reading, concept: ConceptName, near: number, scope: 'clause' | 'sentence') {
  const same = scope === 'clause' ? sameClause : sameSentence;
  return asserted(r, concept).some((span) => same(r, span.start, near));
}

/**
 * "my exam killed me", "the traffic is killing me": the nearest subject before the word,
 * in its clause, is one of the idiom subjects rather than a person.
 */
function idiomaticAt(r: Reading, i: number): boolean {
  const idiomStarts = startsOf(r, 'idiomSubject');
  if (idiomStarts.size === 0) return false;
  for (let j = i - 1; j >= 0 && sameClause(r, i, j); j -= 1) {
    if (idiomStarts.has(j)) return true;
    if (PERSONAL.has(r.tokens[j]?.word ?? '')) return false;
  }
  return false;
}

/** Ideas an idiom can turn harmless ("this exam is killing me"); not "the kids are not safe". */
const VIOLENT: readonly ConceptName[] = [
  'harm',
  'threatVerb',
  'injuryStrong',
  'injuryWeak',
  'injuryMild',
  'weapon',
  'ownLifeWords',
];

/** A violent word starts within the few words of a phrase found at token i. */
function violentNear(r: Reading, i: number): boolean {
  for (const concept of VIOLENT) {
    const starts = startsOf(r, concept);
    for (let j = i; j < i + 4; j += 1) if (starts.has(j)) return true;
  }
  return false;
}

/** Words that take someone somewhere: "took my son to school" is an errand, not a child taken. */
const TAKE_VERBS = new Set(['take', 'pick', 'collect', 'drive', 'bring']);

/** Token i takes someone on an everyday trip, named a few words on in its clause. */
function isErrand(r: Reading, i: number): boolean {
  if (!TAKE_VERBS.has(r.tokens[i]?.lemma ?? '')) return false;
  const errands = startsOf(r, 'routineErrand');
  if (errands.size === 0) return false;
  // "took the kids from school and wont tell me where they are" is no errand.
  for (const sign of ['noContact', 'intoxicated', 'distress', 'taken'] as const) {
    if (asserted(r, sign).length > 0) return false;
  }
  for (let j = i + 1; j < Math.min(r.tokens.length, i + 7) && sameClause(r, i, j); j += 1) {
    if (errands.has(j)) return true;
  }
  return false;
}

/**
 * When token i happens, leaving out time words inside [lo, hi): in "he said this is the last
 * time i show him up", "last time" is part of the threat, not a time in the past.
 */
function whenOutside(r: Reading, i: number, lo: number, hi: number): When {
  for (const same of [sameClause, sameSentence]) {
    const has = (concept: ConceptName) =>
      spansOf(r, concept).some(
        (span) => (span.end <= lo || span.start >= hi) && same(r, span.start, i),
      );
    if (has('now')) return 'now';
    if (has('lastNight')) return 'recent';
    if (has('past')) return 'past';
    if (has('weakNow')) return 'now';
    if (has('habit')) return 'habit';
  }
  return 'unmarked';
}

/** The nearest person named before token i in its sentence: a subject a clause can share. */
function subjectBefore(r: Reading, i: number): 'agent' | 'self' | undefined {
  const agents = startsOf(r, 'agent');
  for (let j = i - 1; j >= 0 && sameSentence(r, i, j); j -= 1) {
    const word = r.tokens[j]?.word ?? '';
    if (word === 'i' || word === 'we') return 'self';
    if (agents.has(j) && PERSONAL.has(word)) return 'agent';
  }
  return undefined;
}

function clauseHasPerson(r: Reading, i: number): boolean {
  for (let j = 0; j < r.tokens.length; j += 1) {
    if (sameClause(r, i, j) && PERSONAL.has(r.tokens[j]?.word ?? '')) return true;
  }
  return false;
}

/** A sign of a person ("footsteps", "a face") that is not the writer's own ("my face"). */
function traceIn(r: Reading, i: number): boolean {
  return asserted(r, 'trace').some((t) => {
    if (!sameClause(r, t.start, i)) return false;
    const before = r.tokens[t.start - 1]?.word ?? '';
    return before !== 'my' && before !== 'our';
  });
}

/** When the clause holding token i says it happens; else its sentence; else unmarked. */
const whenCache = new WeakMap<Reading, Map<number, When>>();
function whenAt(r: Reading, i: number): When {
  let cache = whenCache.get(r);
  if (!cache) whenCache.set(r, (cache = new Map()));
  let when = cache.get(i);
  if (!when) cache.set(i, (when = whenUncached(r, i)));
  return when;
}

function whenUncached(r: Reading, i: number): When {
  for (const same of [sameClause, sameSentence]) {
    const has = (concept: ConceptName) =>
      spansOf(r, concept).some((span) => same(r, span.start, i));
    if (has('now')) return 'now';
    if (has('lastNight')) return 'recent';
    if (has('past')) return 'past';
    if (has('weakNow')) return 'now';
    if (has('habit')) return 'habit';
  }
  return 'unmarked';
}

const isOld = (when: When) => when === 'past' || when === 'habit';

/** Past times long enough ago that a phrase of danger in their clause is not now. */
const LONG_AGO = /year|long|ages|used|back|together|past|little|kid|younger|child|previous/;

/**
 * The clause holding token i names a habit or a time long ago, and nothing of now: "years ago
 * he used to wait outside my work", "they always come back fine" (not "last week", which
 * keeps a recent assault an emergency).
 */
function clauseIsOld(r: Reading, i: number): boolean {
  let old = false;
  for (const concept of ['now', 'lastNight', 'weakNow', 'past', 'habit'] as const) {
    for (const span of spansOf(r, concept)) {
      if (!sameClause(r, span.start, i)) continue;
      if (concept === 'habit') old = true;
      else if (concept === 'past') {
        const words = r.tokens.slice(span.start, span.end + 1).map((t) => t.word);
        if (LONG_AGO.test(words.join(' '))) old = true;
      } else return false;
    }
  }
  return old;
}

/** Who a harm word is done to: the words after it in its clause, or a passive subject. */
function patientOf(r: Reading, span: Span): 'self' | 'child' | 'other' | 'myself' | undefined {
  const { tokens } = r;
  const childStarts = startsOf(r, 'child');
  const otherStarts = startsOf(r, 'otherPerson');
  const bodyStarts = startsOf(r, 'bodyPart');
  const readAt = (j: number) => {
    const word = tokens[j]?.word ?? '';
    if (word === 'myself') return 'myself';
    if (childStarts.has(j)) return 'child';
    if (word === 'my' && (childStarts.has(j + 1) || childStarts.has(j + 2))) return 'child';
    if (word === 'my' && (bodyStarts.has(j + 1) || bodyStarts.has(j + 2))) return 'self';
    if (word === 'me' || word === 'us') return 'self';
    if (otherStarts.has(j) || OBJECTS.has(word)) return 'other';
    return undefined;
  };
  // From the word after the harm's first word, so an entry may hold its object ("bit me").
  for (let j = span.start + 1; j < Math.min(tokens.length, span.end + 4); j += 1) {
    if (!sameClause(r, j, span.start)) break;
    const who = readAt(j);
    if (who) return who;
  }
  // Passive: "my brother is getting battered", "i got kicked".
  const before = tokens[span.start - 1]?.lemma ?? '';
  if (['get', 'be', 'been', 'being'].includes(before)) {
    for (let j = span.start - 2; j >= 0 && sameClause(r, j, span.start); j -= 1) {
      const word = tokens[j]?.word ?? '';
      if (word === 'i' || word === 'we') return 'self';
      const who = readAt(j);
      if (who) return who;
    }
    // "getting hit help", "being battered": a passive that opens its sentence, with no one
    // named, is the person typing, in a hurry.
    const opens = span.start - 1 === 0 || r.sentenceOf[span.start - 2] !== r.sentenceOf[span.start];
    if (opens) return 'self';
  }
  return undefined;
}

function hasFuture(r: Reading, i: number): boolean {
  for (let j = i - 1; j >= 0 && j >= i - 5 && sameClause(r, i, j); j -= 1) {
    const word = r.tokens[j]?.word ?? '';
    if (FUTURE.has(word)) return true;
    if (word === 'to' && r.tokens[j - 1]?.word === 'going') return true;
    if (word === 'to' && r.tokens[j - 1]?.word === 'about') return true;
  }
  return false;
}

/** "threatened to", "threatening to", "threatens to" just before token i. */
function threatenedTo(r: Reading, i: number): boolean {
  return r.tokens[i - 1]?.word === 'to' && r.tokens[i - 2]?.lemma === 'threaten';
}

function hasSelf(r: Reading, i: number): boolean {
  return spansOf(r, 'self').some((span) => sameClause(r, span.start, i));
}

/**
 * The nearest verb before token i in its clause is in the present simple: "sleeps", "sits",
 * "comes" (not "is outside", and not a saying: "she says he is outside").
 */
function presentSimpleIn(r: Reading, i: number): boolean {
  for (let j = i; j >= 0 && sameClause(r, i, j); j -= 1) {
    const token = r.tokens[j];
    if (!token || (token.pos !== 'VERB' && token.pos !== 'AUX')) continue;
    if (token.pos === 'AUX' || SAYING.has(token.lemma)) return false;
    return token.word !== token.lemma && token.word.endsWith('s') && !token.lemma.endsWith('s');
  }
  return false;
}
const SAYING = new Set(['say', 'tell', 'text', 'message', 'ring', 'call', 'think', 'reckon']);

/** A negator between two tokens: "he said [im not leaving this house alive]". */
function negatorBetween(r: Reading, from: number, to: number): boolean {
  for (let j = from; j <= to; j += 1) {
    const word = r.tokens[j]?.word ?? '';
    if (word === 'not' || word === 'never' || word === 'no' || word === 'nobody') return true;
  }
  return false;
}

/** "he says ill regret it": said as a habit (the present simple), with nothing of now. */
function saidAsHabit(r: Reading, said: Span): boolean {
  const word = r.tokens[said.start]?.word ?? '';
  if (word !== 'says' && word !== 'tells') return false;
  return !['now', 'weakNow', 'lastNight'].some((concept) =>
    spansOf(r, concept as ConceptName).some((s) => sameSentence(r, s.start, said.start)),
  );
}

/** Someone's (not "my") vehicle or person named in the sentence of token i. */
function othersNear(r: Reading, concept: 'vehicle' | 'agent', i: number): boolean {
  return spansOf(r, concept).some(
    (s) => sameSentence(r, s.start, i) && r.tokens[s.start - 1]?.word !== 'my',
  );
}

/** Every frame that matches the message. Each frame is one rule, described in the README. */
function readFrames(r: Reading): Finding[] {
  const out: Finding[] = [];
  const add = (frame: string, level: Urgency, extra: Partial<Finding> = {}) =>
    out.push({ frame, level, ...extra });
  const nowOr = (i: number, urgentFrame: string, nowFrame: string, extra?: Partial<Finding>) => {
    if (isOld(whenAt(r, i))) add(urgentFrame, 'urgent', extra);
    else add(nowFrame, 'emergency', extra);
  };
  const harmWords = asserted(r, 'harm');
  const anyHarm = harmWords.length > 0 || asserted(r, 'weapon').length > 0;

  const reassured = spansOf(r, 'reassured').some((s) => !r.negated[s.start]);
  // Someone here, near or coming: a person (or their vehicle) and a place, door or movement.
  for (const place of asserted(r, 'presence')) {
    const word = r.tokens[place.start]?.word ?? '';
    // The person is named in the clause, or is the sentence's subject and the clause names
    // no one else ("hes pacing up and down the landing"), or only signs of them are there
    // ("footsteps in the garden", "his face at the window").
    const person =
      spansOf(r, 'agent').some(
        (a) => sameClause(r, a.start, place.start) && (word !== 'here' || a.start < place.start),
      ) ||
      (word !== 'here' &&
        (traceIn(r, place.start) ||
          // A place ("the landing"), not a verb: "he had a drink and drove the kids" is not
          // someone at the door.
          (r.tokens[place.start]?.pos !== 'VERB' &&
            !clauseHasPerson(r, place.start) &&
            subjectBefore(r, place.start) === 'agent')));
    const vehicle = spansOf(r, 'vehicle').some(
      (v) => sameSentence(r, v.start, place.start) && r.tokens[v.start - 1]?.word !== 'my',
    );
    if (!person && !vehicle) continue;
    // "hes in the kitchen cooking, i can talk": someone at home, with the person saying they
    // can talk or are safe, is not danger now (anything else in the message still counts).
    if (reassured && spansOf(r, 'indoors').some((s) => sameClause(r, s.start, place.start))) {
      continue;
    }
    let when = whenAt(r, place.start);
    // "he sleeps in the spare room", "he sits outside in his car": the present simple of the
    // clause's verb is a habit, when nothing else in the sentence says when.
    if (when === 'unmarked' && presentSimpleIn(r, place.start)) when = 'habit';
    const keeps = r.tokens.some((t, j) => t.lemma === 'keep' && sameClause(r, j, place.start));
    if (when === 'habit' || (keeps && VISITS.has(r.tokens[place.start]?.lemma ?? ''))) {
      add('someone-keeps-coming', 'urgent');
    } else if (when === 'past') add('someone-came-before', 'urgent');
    else add('someone-here-or-coming', 'emergency');
  }

  // Harm done to someone: me, a child or someone else.
  for (const harm of harmWords) {
    const who = patientOf(r, harm);
    if (!who) continue;
    // "he'd kill me if i left": a condition or a promise is a threat (read below), and
    // "he hits me", "hes started throwing things" speak of a habit: high risk, not now.
    if (harmIsConditional(r, harm)) {
      if (r.tokens.some((t) => t.word === 'would')) add('threat-made-before', 'urgent');
      continue;
    }
    if (harmIsHabit(r, harm) && who !== 'myself') {
      add(who === 'child' ? 'child-harmed-before' : 'harmed-before', 'urgent');
      continue;
    }
    const strangled = spansOf(r, 'strangulation').some((s) => s.start === harm.start);
    if (who === 'myself') add('harm-to-myself', 'emergency', { ownLife: true });
    else if (who === 'child') nowOr(harm.start, 'child-harmed-before', 'child-harmed-now');
    else if (strangled)
      nowOr(harm.start, 'strangled-before', 'being-strangled', { strangulation: true });
    else
      nowOr(harm.start, 'harmed-before', who === 'self' ? 'harm-now' : 'someone-else-harmed-now');
  }

  const speech = asserted(r, 'speech');
  const agents = startsOf(r, 'agent');
  // Threats: a harm promised ("he is going to stab me"), or in other words ("you'll be sorry").
  for (const threat of asserted(r, 'threatVerb')) {
    if (!patientOf(r, threat)) continue;
    if (hasFuture(r, threat.start)) nowOr(threat.start, 'threat-made-before', 'threat-now');
    // "threatened to stab me": a threat, now or before as its sentence says; "said he would
    // end me": a threat made before.
    else if (threatenedTo(r, threat.start)) nowOr(threat.start, 'threat-made-before', 'threat-now');
    else if (
      r.tokens[threat.start - 1]?.word === 'would' ||
      r.tokens[threat.start - 2]?.word === 'would'
    )
      add('threat-made-before', 'urgent');
  }
  for (const words of asserted(r, 'threatWords')) {
    const said = speech.find((s) => s.end <= words.start && sameSentence(r, s.start, words.start));
    if (said && saidAsHabit(r, said)) add('threat-made-before', 'urgent');
    else nowOr(words.start, 'threat-made-before', 'threat-now');
  }

  for (const weapon of asserted(r, 'weapon')) nowOr(weapon.start, 'weapon-before', 'weapon');

  // Injuries by their signs.
  // A part of the body counts even inside a negation ("i cant feel my arm"): the sign itself
  // must be asserted.
  const bodyNear = (i: number) =>
    spansOf(r, 'bodyPart').some((b) => sameSentence(r, b.start, i) && !r.cancelled[b.start]);
  for (const sign of asserted(r, 'injuryStrong')) nowOr(sign.start, 'injured-before', 'injury-now');
  // A weaker sign needs a part of the body, or harm done, in its sentence: "he bit me and its
  // gone purple and really deep".
  const harmNear = (i: number) => harmWords.some((h) => sameSentence(r, h.start, i));
  for (const sign of asserted(r, 'injuryWeak')) {
    if (bodyNear(sign.start) || harmNear(sign.start))
      nowOr(sign.start, 'injured-before', 'injury-now');
  }
  for (const sign of asserted(r, 'injuryMild')) {
    if (bodyNear(sign.start) && anyHarm) nowOr(sign.start, 'injured-before', 'injury-now');
  }

  // Strangulation: with symptoms now it is an emergency; otherwise high risk, with advice.
  const strangled = asserted(r, 'strangulation');
  if (strangled.length > 0) {
    const symptom = asserted(r, 'strangulationSymptom').find((s) => !isOld(whenAt(r, s.start)));
    if (symptom) add('strangled-with-symptoms', 'emergency', { strangulation: true });
    else add('strangled-before', 'urgent', { strangulation: true });
  }

  for (const span of asserted(r, 'trapped')) nowOr(span.start, 'kept-in-before', 'kept-in-now');
  // "he wont let me", "not letting me go": kept in, when nothing follows or it is leaving
  // or going; "wont let me go to my sisters" or "see my mates" is control, read elsewhere.
  r.tokens.forEach((token, i) => {
    const object = r.tokens[i + 1]?.word ?? '';
    if (token.lemma !== 'let' || !LET_OBJECTS.has(object)) return;
    const before = r.tokens.slice(Math.max(0, i - 3), i);
    const negatedBefore = before.some((t) => t.word === 'not' || t.word === 'never');
    if (!negatedBefore) return;
    // "her husband doesnt let her out" is control (a habit); "he wont let her out" is now.
    if (object !== 'me' && !before.some((t) => t.word === 'will' || t.lemma === 'be')) return;
    const next = r.tokens[i + 2];
    const after = r.tokens[i + 3]?.word ?? '.';
    const keptIn =
      !next ||
      next.word === '.' ||
      next.word === 'leave' ||
      next.word === 'out' ||
      (next.lemma === 'go' && (after === '.' || after === 'now'));
    if (keptIn) nowOr(i, 'kept-in-before', 'kept-in-now');
  });
  for (const span of asserted(r, 'followed')) {
    if (whenAt(r, span.start) === 'habit') add('stalking', 'urgent');
    else nowOr(span.start, 'followed-before', 'followed-now');
  }
  for (const span of asserted(r, 'sexual'))
    nowOr(span.start, 'sexual-assault-before', 'sexual-assault-recent');
  for (const span of asserted(r, 'fear')) nowOr(span.start, 'afraid-before', 'afraid-now');

  // A risk to one's own life: in words, or by a means or place and getting ready.
  for (const span of asserted(r, 'ownLifeWords')) {
    if (hasSelf(r, span.start) || spansOf(r, 'self').some((s) => s.start < span.end)) {
      add('own-life', 'emergency', { ownLife: true });
    }
  }
  for (const means of asserted(r, 'ownLifeMeans')) {
    const ready = asserted(r, 'ownLifeReady').some(
      (s) => sameClause(r, s.start, means.start) && Math.abs(s.start - means.start) <= 4,
    );
    if (ready && hasSelf(r, means.start)) add('own-life-means', 'emergency', { ownLife: true });
  }

  // Going round and round near the person: "same silver car keeps driving round the estate".
  for (const span of asserted(r, 'circling')) {
    const someone =
      othersNear(r, 'vehicle', span.start) ||
      othersNear(r, 'agent', span.start) ||
      traceIn(r, span.start);
    if (!someone) continue;
    const when = whenAt(r, span.start);
    if (when === 'habit') add('someone-keeps-coming', 'urgent');
    else if (when === 'past') add('someone-came-before', 'urgent');
    else add('someone-circling-now', 'emergency');
  }

  // Hiding to be safe: "locked myself in the bathroom", "under the bed".
  for (const span of asserted(r, 'hiding')) nowOr(span.start, 'hid-before', 'hiding-now');

  // A threat in ordinary words, reported as said by someone: "he said this is the last time
  // i show him up". Its own words ("last time") say nothing of when.
  // Said by someone: the speech opens its sentence, or its subject is a person who may harm
  // ("he looked right at me and said …", "his mate texted …").
  const saidBySomeone = (s: Span) => {
    if (s.start === 0 || r.sentenceOf[s.start - 1] !== r.sentenceOf[s.start]) return true;
    for (let j = s.start - 1; j >= 0 && j >= s.start - 3 && sameSentence(r, j, s.start); j -= 1) {
      if (agents.has(j)) return true;
    }
    return subjectBefore(r, s.start) === 'agent';
  };
  // A "not" inside what was said is part of the threat ("said im not leaving this house
  // alive"); a "not" before the saying is not ("he never said …").
  for (const threat of spansOf(r, 'threatSaid')) {
    if (r.cancelled[threat.start]) continue;
    // Said before the words, or after them in the sentence ("youll be sorry, he texted").
    const said =
      speech.find(
        (s) => s.end <= threat.start && sameSentence(r, s.start, threat.start) && saidBySomeone(s),
      ) ??
      speech.find(
        (s) => s.start >= threat.end && sameSentence(r, s.start, threat.start) && saidBySomeone(s),
      );
    if (!said) continue;
    if (r.negated[threat.start] && !negatorBetween(r, said.end, threat.start)) continue;
    if (isOld(whenOutside(r, threat.start, threat.start, threat.end)) || saidAsHabit(r, said)) {
      add('threat-made-before', 'urgent');
    } else add('threat-said-now', 'emergency');
  }
  // Fire: petrol, a lighter or matches, with pouring, flicking or the house.
  for (const fuel of asserted(r, 'fire')) {
    if (anyIn(r, 'fireAction', fuel.start, 'sentence'))
      nowOr(fuel.start, 'threat-made-before', 'fire-now');
  }

  // Someone taken or kept from the person: a child above all.
  const gone = asserted(r, 'noContact');
  const drunk = asserted(r, 'intoxicated').filter((s) => !isOld(whenAt(r, s.start)));
  const cries = asserted(r, 'distress').filter(
    (s) => !isOld(whenAt(r, s.start)) && !anyIn(r, 'child', s.start, 'clause'),
  );
  const childNear = (span: Span, reach: number) =>
    asserted(r, 'child').some(
      (c) =>
        sameSentence(r, c.start, span.start) &&
        c.start >= span.start - reach &&
        c.start <= span.end + reach,
    );
  for (const span of asserted(r, 'taken')) {
    if (isErrand(r, span.start)) continue;
    const who = childNear(span, 8) ? 'child' : (patientOf(r, span) ?? 'other');
    if (who === 'child') nowOr(span.start, 'child-taken-before', 'child-taken-now');
    else nowOr(span.start, 'someone-taken-before', 'someone-taken-now');
  }
  const sign = gone.length > 0 || drunk.length > 0 || cries.length > 0;
  if (sign) {
    for (const span of asserted(r, 'holding')) {
      if (isErrand(r, span.start) || !childNear(span, 4)) continue;
      nowOr(span.start, 'child-taken-before', 'child-taken-now');
    }
  }
  // Someone heard being hurt: two sounds of it, or one and then no answer.
  const distinctCries = new Set(cries.map((s) => r.tokens[s.start]?.lemma));
  if (distinctCries.size >= 2 || (cries.length > 0 && gone.length > 0)) {
    add('someone-in-distress-now', 'emergency');
  }

  // Danger building up across a long message: drink or drugs, or someone gone quiet, or
  // cries, together with two more signs (rage, children, the car or keys, smashing, locked in).
  const signs = new Set<string>();
  if (drunk.length > 0) signs.add('intoxicated');
  if (gone.length > 0) signs.add('noContact');
  if (cries.length > 0) signs.add('distress');
  if (signs.size > 0 && spansOf(r, 'agent').length > 0) {
    for (const concept of ['rage', 'child', 'keys', 'propertyHarm', 'trapped'] as const) {
      if (asserted(r, concept).some((s) => !isOld(whenAt(r, s.start)))) signs.add(concept);
    }
    if (asserted(r, 'vehicle').length > 0) signs.add('keys');
    if (signs.size >= 3) add('danger-building-now', 'emergency');
  }

  // A risk to one's own life told by what someone has done to get ready.
  if (spansOf(r, 'self').length > 0) {
    const strong = asserted(r, 'ownLifePrep');
    const weak = asserted(r, 'ownLifePrepWeak');
    const apart = weak.some((a) => weak.some((b) => b.start >= a.end));
    const means = asserted(r, 'ownLifeMeans');
    const withMeans = weak.some((w) => means.some((m) => sameSentence(r, w.start, m.start)));
    if (strong.length > 0 || apart || withMeans) {
      add('own-life-preparations', 'emergency', { ownLife: true });
    }
  }

  // Worse each time: "each time he drinks he goes further than the time before".
  for (const span of asserted(r, 'worse')) {
    if (!anyIn(r, 'eachTime', span.start, 'sentence')) continue;
    const about = r.tokens.some(
      (t, j) => sameSentence(r, j, span.start) && (t.word === 'it' || agents.has(j)),
    );
    if (about || anyHarm) {
      add('escalating', 'urgent');
      break;
    }
  }

  // High risk, not this minute.
  if (asserted(r, 'escalation').length > 0) add('escalating', 'urgent');
  if (asserted(r, 'escalationWeak').length > 0 && anyHarm) add('escalating', 'urgent');
  const longAgo = spansOf(r, 'past').some(
    (s) =>
      /year|long|ages/.test(r.tokens[s.start]?.word ?? '') ||
      /year|long|ages/.test(r.tokens[s.start + 1]?.word ?? ''),
  );
  if (asserted(r, 'separation').length > 0 && !longAgo) add('recent-separation', 'urgent');
  if (asserted(r, 'stalking').length > 0) add('stalking', 'urgent');
  if (asserted(r, 'pregnancy').length > 0) add('pregnancy', 'urgent');
  return out;
}
