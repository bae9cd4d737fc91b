import type { Option, QuestionBlock } from '../content/schema/dialogSchema.js';
import { UNSURE } from '../content/schema/eligibilitySchema.js';
import type { FallbackRecognizers } from './fallbackRecognizers.js';
import { normaliseAnswer, type SpellingMap } from './normaliseText.js';
import { numberFromWords } from './numberWords.js';
import { compilePhrases, hasHit, type Words } from './phraseMatcher.js';
import type { Message } from './readMessage.js';

/** A question ready to read answers: its options' words compiled once at start-up. */
export interface QuestionMatcher {
  block: QuestionBlock;
  /**
   * True when the message says, somewhere in it and not negated, one of an option's phrases
   * of two words or more ("i am safe now" says "i am safe").
   */
  says(message: Message, value: string): boolean;
  /**
   * The option a reply to this question means, "unsure" for the "not sure" button's
   * number, or undefined when it is not understood. The recognizers, when given, are
   * tried last (they are slow, and loaded after start-up).
   */
  answer(message: Message, recognizers?: FallbackRecognizers): string | undefined;
  /** The option that free text mentions (at any step), in `matchOrder`. */
  mention(text: Words): Option | undefined;
  option(value: string): Option | undefined;
  /** For an age question (options with `years`): the option a stated age means. */
  forAge(years: number): string | undefined;
  /** True when this question asks an age, so numbers are years rather than option numbers. */
  readonly asksAge: boolean;
}

const YES = 'yes';
const NO = 'no';

/** Compiles a question's options: labels and `says` for answers, `mentions` for free text. */
export function createQuestionMatcher(
  block: QuestionBlock,
  spellings: SpellingMap,
): QuestionMatcher {
  const exact = new Map<string, string>();
  /** Each option's words, for reading a message that says more than its first word. */
  const saysByOption = new Map<string, string[]>();
  let yesValue: string | undefined;
  let noValue: string | undefined;
  for (const option of block.options) {
    for (const words of [option.label, option.value, ...option.says]) {
      const key = normaliseAnswer(words, spellings);
      if (key && !exact.has(key)) exact.set(key, option.value);
      if (key) saysByOption.set(option.value, [...(saysByOption.get(option.value) ?? []), key]);
      if (key === YES) yesValue ??= option.value;
      if (key === NO) noValue ??= option.value;
    }
  }
  const ordered = (block.matchOrder ?? [])
    .map((value) => block.options.find((option) => option.value === value))
    .filter((option): option is Option => Boolean(option));
  for (const option of block.options) if (!ordered.includes(option)) ordered.push(option);
  const mentionPatterns = ordered
    .filter((option) => option.mentions.length > 0)
    .map((option) => ({ option, pattern: compilePhrases(option.mentions, {}, spellings) }));
  // Phrases that win over every option's mentions, in the same order.
  const firstPatterns = ordered
    .filter((option) => option.mentionsFirst.length > 0)
    .map((option) => ({ option, pattern: compilePhrases(option.mentionsFirst, {}, spellings) }));

  // Options are numbered 1..n as shown; "Not sure" is shown last, as n + 1.
  const byNumber = (n: number): string | undefined => {
    if (n >= 1 && n <= block.options.length) return block.options[n - 1]?.value;
    return n === block.options.length + 1 ? UNSURE : undefined;
  };

  const asksAge = block.options.some((option) => option.years !== undefined);
  const forAge = (years: number): string | undefined => {
    if (!Number.isFinite(years)) return undefined;
    return block.options.find(
      (option) => option.years && years >= option.years.from && years <= option.years.to,
    )?.value;
  };

  return {
    block,
    says: (message, value) => laterSays(message.answer, saysByOption.get(value)),
    asksAge,
    forAge,
    option: (value) => block.options.find((option) => option.value === value),
    mention(text) {
      const found =
        firstPatterns.find(({ pattern }) => hasHit(pattern, text))?.option ??
        mentionPatterns.find(({ pattern }) => hasHit(pattern, text))?.option;
      if (found || yesValue) return found;
      const words = text.words.filter((word) => /[a-z0-9]/.test(word));
      const value = describedAs(words, exact) ?? leadingSelfDescription(words, exact);
      return mentionPatterns.find(({ option }) => option.value === value)?.option;
    },
    answer(message, recognizers) {
      const said = message.answer;
      const direct = exact.get(said);
      if (direct) return direct;
      if (/^\d{1,3}$/.test(said)) {
        const n = Number(said);
        return asksAge ? forAge(n) : byNumber(n);
      }
      if (asksAge) {
        const years = numberFromWords(said) ?? mentionedAge(message.normal);
        if (years !== undefined) return forAge(years);
      }
      // "yes i am for now", "no not really": a leading yes or no answers a yes/no question.
      // But "no, he is at work, im fine" goes on to say the other: the later words win.
      const first = said.split(' ')[0] ?? '';
      const rest = said.slice(first.length + 1);
      if (yesValue && noValue && first.length <= 4) {
        const lead = exact.get(first);
        if (lead === yesValue)
          return laterSays(rest, saysByOption.get(noValue)) ? noValue : yesValue;
        if (lead === noValue)
          return laterSays(rest, saysByOption.get(yesValue)) ? yesValue : noValue;
      }
      // "i am safe now": a yes/no question's answer said inside a longer message.
      if (yesValue && noValue) {
        const yes = laterSays(said, saysByOption.get(yesValue), true);
        const no = laterSays(said, saysByOption.get(noValue), true);
        if (yes !== no) return yes ? yesValue : noValue;
      }
      // "second", "the 3rd one", "option 2": the common ways of picking a shown option, read
      // here so they work before the recognizers below have loaded.
      const picked = asksAge ? undefined : pickedOptionNumber(said);
      if (picked !== undefined) return byNumber(picked);
      const fallback = recognizers;
      // The recognizers are slow on long text, and a long message is no short answer.
      if (!fallback || said.length > 200) return undefined;
      if (asksAge) {
        const years = fallback.number(said);
        if (years !== undefined) return forAge(years);
      }
      if (yesValue && noValue) {
        const yes = fallback.yesNo(said);
        if (yes !== undefined) return yes ? yesValue : noValue;
      }
      // The ordinal recognizer costs about a millisecond a call, and the profile showed it on
      // every answer not understood; it can only find an ordinal word or "2nd", so ask it
      // only when there is one.
      if (!MAY_BE_ORDINAL.test(said)) return undefined;
      const ordinal = fallback.ordinal(said);
      return ordinal === undefined ? undefined : byNumber(ordinal);
    },
  };
}

/**
 * What recognizers-text's English ordinal model can read as a number: the ordinal words
 * ("second", "twenty first", "hundredth") and digits with a suffix ("2nd", "3 rd"). Its
 * relative ordinals ("last", "next") give no number, so they are not needed here.
 */
const MAY_BE_ORDINAL =
  /\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|nine?th|tenth|eleventh|twelfth|[a-z]+teenth|[a-z]+tieth|(?:hundred|thousand|million|billion|trillion)th)\b|\d ?(?:st|nd|rd|th)\b/;
const LIGHT_WORDS = new Set([
  'i',
  'am',
  'yes',
  'no',
  'for',
  'now',
  'it',
  'is',
  'at',
  'all',
  'really',
]);

const NEGATING = new Set(['not', 'no', 'never', 'nt']);

/**
 * True when the rest of a message says one of an option's phrases of two words or more,
 * not negated ("im fine", "he is at work" - but not "not ok"). Single words such as "ok"
 * are too loose to overrule the first word.
 */
function laterSays(rest: string, says: readonly string[] | undefined, meaningful = false): boolean {
  if (!says || !rest) return false;
  const padded = ` ${rest} `;
  return says.some((key) => {
    if (!key.includes(' ')) return false;
    // Inside a longer message, "i am" or "for now" alone says nothing: a phrase must carry
    // a word of its own ("i am safe", "he is out").
    if (meaningful && key.split(' ').every((word) => LIGHT_WORDS.has(word))) return false;
    const at = padded.indexOf(` ${key} `);
    if (at === -1) return false;
    const before = padded.slice(0, at).trim().split(' ').slice(-2);
    return !before.some((word) => NEGATING.has(word));
  });
}

const ORDINALS = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
];
const PICKED =
  /^(?:the )?(?:(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|(\d)(?:st|nd|rd|th)|(?:number|option|no) (\d))(?: one| option)?(?: please)?$/;

/** The option number in "second", "the 3rd one" or "option 2"; undefined otherwise. */
function pickedOptionNumber(said: string): number | undefined {
  const match = PICKED.exec(said);
  if (!match) return undefined;
  if (match[1]) return ORDINALS.indexOf(match[1]) + 1;
  return Number(match[2] ?? match[3]);
}

/**
 * Words that can stand between "i am" and the word someone describes themselves by: "i am a
 * 60 year old man", "im only a lad", "i am just a mum".
 */
const DESCRIBING = new Set(['a', 'an', 'only', 'just', 'still', 'also', 'year', 'years', 'old']);
const DESCRIBING_AGE = /^(?:[1-9]\d|yo|yrs?)$/;

/** The option a self-description after "i am" names: "i am a 60 year old man" → man. */
function describedAs(words: readonly string[], exact: ReadonlyMap<string, string>) {
  for (let i = 0; i + 2 < words.length; i += 1) {
    if (words[i] !== 'i' || words[i + 1] !== 'am') continue;
    for (let j = i + 2; j < Math.min(words.length, i + 9); j += 1) {
      const word = words[j] ?? '';
      const value = exact.get(word);
      if (value) return value;
      if (!DESCRIBING.has(word) && !DESCRIBING_AGE.test(word) && !AGE_WORD.test(word)) break;
    }
  }
  return undefined;
}

/** After a leading one-word self-description, what shows it is about the writer. */
const AFTER_LEAD = new Set(['here', 'and', 'aged', 'living', 'age']);
/** "male in my garden" is about someone else: after "in" or "from", a place must follow. */
const NOT_A_PLACE = new Set(['my', 'the', 'our', 'his', 'her', 'their', 'a', 'front', 'back']);

/**
 * "male, 40", "female 28", "man here", "male in norwich", "woman from leeds": a one-word
 * answer typed first, then an age, "here" or where they live, is how people describe
 * themselves in a hurry. Not for yes/no questions.
 */
function leadingSelfDescription(words: readonly string[], exact: ReadonlyMap<string, string>) {
  const [first = '', next, after = ''] = words;
  if (next === undefined) return undefined;
  const placed = (next === 'in' || next === 'from') && after !== '' && !NOT_A_PLACE.has(after);
  if (!(AFTER_LEAD.has(next) || /^[1-9]\d$/.test(next) || placed)) return undefined;
  return exact.get(first);
}

/** Reads a stated age in years ("i am 15", "15 years old") from normalised text. */
export function mentionedAge(normalisedText: string): number | undefined {
  const match =
    AGE_AFTER_LEAD.exec(normalisedText) ??
    LEADING_AGE.exec(normalisedText) ??
    /(?:^| )(\d{1,2}) ?(?:years old|year old|yrs old|yr old|yo)(?= |$)/.exec(normalisedText);
  const said = match?.[1];
  if (said === undefined) return undefined;
  return /^\d+$/.test(said) ? Number(said) : numberFromWords(said);
}

/** Ages from ten up in words: "fifteen", "twenty one". */
const AGE_WORDS =
  '(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?: (?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)';

/**
 * An age after the words that introduce one: "i am 15", "aged fifteen", and the hurried
 * self-description "male 40" or "female, 28". Not "i am 5 minutes away".
 */
const AGE_AFTER_LEAD = new RegExp(
  `(?:^| )(?:i am|aged|age|male|female|man|woman|boy|girl|lad)(?: a)?(?: only| just| nearly| almost| barely| still| turning)? (\\d{1,2}|${AGE_WORDS})(?= |$)(?! (?:weeks|months|miles|minutes|mins|hours|days|kids|children|times))`,
);

/** "fourteen and in glasgow", "15 here": an age typed first, as a self-description. */
const LEADING_AGE = new RegExp(`^(1\\d|[2-9]\\d|${AGE_WORDS})(?= (?:and|here|yo|yrs)(?: |$))`);

/** One word of an age in words, for reading past it in a self-description. */
const AGE_WORD = new RegExp(`^(?:${AGE_WORDS})$`);
