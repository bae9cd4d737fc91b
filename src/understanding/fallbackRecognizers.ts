import type * as ChoicePart from '@microsoft/recognizers-text-choice';
import type * as NumberPart from '@microsoft/recognizers-text-number';

/**
 * Microsoft's recognizers-text, used only when our own fast matchers do not understand an
 * answer, and never on the urgency hot path. The loaded recognizers are handed to each turn
 * (TurnEnvironment.recognizers); no module holds them, so the engine's answer depends only
 * on what it is given.
 *
 * Only two parts of Microsoft's suite are used (yes/no from recognizers-text-choice, numbers
 * and ordinals from recognizers-text-number), in English only. The suite's own entry point is
 * one 3.8 MB bundle of every recognizer (dates, units, sequences…) for every language, which
 * took longer and about 9 MB more memory to load than the two parts it is built from (the
 * same packages and versions, dependencies of @microsoft/recognizers-text-suite).
 */
export interface FallbackRecognizers {
  /** true for "yeah sure", false for "no way", undefined when unclear. */
  yesNo(text: string): boolean | undefined;
  /** 2 for "the second one". */
  ordinal(text: string): number | undefined;
  /** 15 for "fifteen". */
  number(text: string): number | undefined;
}

const CULTURE = 'en-us';

type Model = { parse(query: string): { resolution?: Record<string, unknown> }[] };

/** Gives the event loop back, so requests waiting are answered between loading steps. */
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Loads and warms the recognizers, in steps that each give the event loop back (the app
 * loads them once listening). Node caches the modules, so a second call is quick.
 */
export async function loadFallbackRecognizers(): Promise<FallbackRecognizers> {
  // require, not import(): see botFrameworkEndpoint.ts.
  /* eslint-disable @typescript-eslint/no-require-imports */
  await yieldToRequests();
  const numbers = require('@microsoft/recognizers-text-number') as typeof NumberPart;
  await yieldToRequests();
  const choices = require('@microsoft/recognizers-text-choice') as typeof ChoicePart;
  /* eslint-enable @typescript-eslint/no-require-imports */
  await yieldToRequests();
  // What recognizeNumber, recognizeOrdinal and recognizeBoolean do on each call, but with
  // only the English models built, once: the library caches the models either way.
  const numberRecognizer = new numbers.NumberRecognizer(CULTURE, numbers.NumberOptions.None, true);
  const numberModel: Model = numberRecognizer.getNumberModel(CULTURE, true);
  const ordinalModel: Model = numberRecognizer.getOrdinalModel(CULTURE, true);
  const booleanModel: Model = new choices.ChoiceRecognizer(
    CULTURE,
    choices.ChoiceOptions.None,
    true,
  ).getBooleanModel(CULTURE, true);
  const firstValue = (model: Model, text: string) => model.parse(text)[0]?.resolution?.value;
  const recognizers: FallbackRecognizers = {
    yesNo(text) {
      const value = firstValue(booleanModel, text);
      return typeof value === 'boolean' ? value : undefined;
    },
    ordinal(text) {
      const value = Number(firstValue(ordinalModel, text));
      return Number.isInteger(value) && value > 0 ? value : undefined;
    },
    number(text) {
      const value = Number(firstValue(numberModel, text));
      return Number.isFinite(value) ? value : undefined;
    },
  };
  // The first call of each recognizer compiles its models; do it now, not mid-conversation.
  recognizers.yesNo('yes');
  await yieldToRequests();
  recognizers.ordinal('the second one');
  recognizers.number('fifteen');
  return recognizers;
}
