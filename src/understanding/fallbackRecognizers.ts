/**
 * Microsoft's recognizers-text, used only when our own fast matchers do not understand an
 * answer. Loading the suite takes about a quarter of a second and 33 MiB, so it is loaded
 * after start-up ({@link loadFallbackRecognizers}) and never on the urgency hot path. The
 * loaded recognizers are handed to each turn (TurnEnvironment.recognizers); no module
 * holds them, so the engine's answer depends only on what it is given.
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

/** Loads and warms the recognizers. Node caches the module, so a second call is quick. */
export async function loadFallbackRecognizers(): Promise<FallbackRecognizers> {
  const suite = await import('@microsoft/recognizers-text-suite');
  const firstValue = (results: { resolution?: Record<string, unknown> }[]) => {
    const value = results[0]?.resolution?.value;
    return value;
  };
  const recognizers: FallbackRecognizers = {
    yesNo(text) {
      const value = firstValue(suite.recognizeBoolean(text, CULTURE));
      return typeof value === 'boolean' ? value : undefined;
    },
    ordinal(text) {
      const value = Number(firstValue(suite.recognizeOrdinal(text, CULTURE)));
      return Number.isInteger(value) && value > 0 ? value : undefined;
    },
    number(text) {
      const value = Number(firstValue(suite.recognizeNumber(text, CULTURE)));
      return Number.isFinite(value) ? value : undefined;
    },
  };
  // The first call of each recognizer compiles its models; do it now, not mid-conversation.
  recognizers.yesNo('yes');
  recognizers.ordinal('the second one');
  recognizers.number('fifteen');
  return recognizers;
}
