import type { Area, SpanningName } from '../content/schema/areaSchema.js';
import type { UkPlace } from '../content/schema/ukPlacesSchema.js';
import { normaliseAnswer, type SpellingMap } from './normaliseText.js';
import {
  compilePhrases,
  findHits,
  hasHit,
  type CompiledPhrases,
  type Words,
} from './phraseMatcher.js';

/** Finds which area a message names: by place name, or by the start of a postcode. */
export interface PlaceMatcher {
  /** The `place` value of the first area (in content order) that the text names. */
  match(text: Words): string | undefined;
  /**
   * True when the text names a place that is in more than one area (Leigh, Newport) and
   * nothing else in it says which: the bot then asks rather than guesses.
   */
  isAmbiguous(text: Words): boolean;
  /**
   * The name, from content/areas.yml `spanning`, of a place that covers the local area and
   * places outside it ("Essex"), when the text names one and nothing more exact: the bot then
   * asks which. Its id (the name in lower case, hyphenated) is safe to keep in state.
   */
  spanning(text: Words): { id: string; name: string; places: readonly string[] } | undefined;
  /** A spanning name by its id. */
  spanningById(id: string): { id: string; name: string; places: readonly string[] } | undefined;
}

/** The id a spanning name is kept by: "Essex" is "essex". */
export function spanningId(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Words before a town's name that show it is a place: "i live in reading". */
const BEFORE_A_PLACE = new Set([
  'in',
  'from',
  'near',
  'at',
  'live',
  'living',
  'around',
  'outside',
  'nr',
]);

/**
 * Builds a place matcher from content/areas.yml and content/uk-places.yml. Areas are tried
 * first, in file order, so the Southend area (listed first) wins and "Leigh-on-Sea, Essex"
 * means Southend. The UK towns list is read after that; because many town names are also
 * everyday words ("Reading", "Deal", "March"), a town counts only after a word such as "in"
 * or "from", or as a whole short answer. A name found in more than one area or nation
 * counts as none, and {@link PlaceMatcher.isAmbiguous} says so.
 */
export function createPlaceMatcher(
  areas: readonly Area[],
  spellings: SpellingMap,
  towns: readonly UkPlace[] = [],
  spanningNames: readonly SpanningName[] = [],
): PlaceMatcher {
  const key = (name: string) => normaliseAnswer(name, spellings);
  // Where each name (as normalised) can be: the areas that list it, and the nations of towns.
  const placesOf = new Map<string, Set<string>>();
  const note = (name: string, place: string) => {
    const set = placesOf.get(key(name)) ?? new Set<string>();
    set.add(place);
    placesOf.set(key(name), set);
  };
  for (const area of areas) {
    for (const place of area.places.value) {
      for (const name of [place.name, ...place.alsoCalled]) note(name, area.place);
    }
  }
  for (const town of towns) {
    const where = town.southend ? ['southend', ...town.alsoIn] : [town.nation, ...town.alsoIn];
    for (const place of where) note(town.name, place);
  }
  const isTwoPlaces = (name: string) => (placesOf.get(key(name))?.size ?? 0) > 1;

  const compiled = areas.map((area) => {
    const names = area.places.value
      .flatMap((place) => [place.name, ...place.alsoCalled])
      .filter((name) => !isTwoPlaces(name));
    return {
      place: area.place,
      names: compilePhrases([area.name, ...names], {}, spellings),
      districts: new Set(
        area.places.value.flatMap((place) => place.postcodeDistricts.map((d) => d.toLowerCase())),
      ),
      postcodeAreas: new Set((area.postcodeAreas?.value ?? []).map((a) => a.toLowerCase())),
    };
  });
  const townsByNation = new Map<string, CompiledPhrases>();
  // The Southend-area towns are already in content/areas.yml, read first.
  const elsewhere = towns.filter((town) => !town.southend);
  for (const nation of new Set(elsewhere.map((town) => town.nation))) {
    const names = elsewhere
      .filter((t) => t.nation === nation && !isTwoPlaces(t.name))
      .map((t) => t.name);
    townsByNation.set(nation, compilePhrases(names, {}, spellings));
  }
  const ambiguous = compilePhrases(
    [...placesOf.keys()].filter((name) => (placesOf.get(name)?.size ?? 0) > 1),
    {},
    spellings,
  );

  const townIn = (text: Words): string | undefined => {
    for (const [nation, names] of townsByNation) {
      const named = findHits(names, text).some(
        (i) => BEFORE_A_PLACE.has(text.words[i - 1] ?? '') || (i === 0 && text.words.length <= 4),
      );
      if (named) return nation;
    }
    return undefined;
  };

  const match = (text: Words): string | undefined => {
    const districts = text.words.map(postcodeDistrictOf).filter(Boolean) as string[];
    for (const area of compiled) {
      if (hasHit(area.names, text)) return area.place;
      for (const district of districts) {
        if (area.districts.has(district)) return area.place;
        const letters = /^[a-z]+/.exec(district)?.[0] ?? '';
        if (area.postcodeAreas.has(letters)) return area.place;
      }
    }
    return townIn(text);
  };

  const spans = spanningNames.map((span) => ({
    id: spanningId(span.name),
    name: span.name,
    places: span.places,
    names: compilePhrases([span.name, ...span.alsoCalled], {}, spellings),
  }));
  const view = (span: (typeof spans)[number]) => ({
    id: span.id,
    name: span.name,
    places: span.places,
  });

  return {
    match,
    isAmbiguous: (text) => hasHit(ambiguous, text) && match(text) === undefined,
    spanning: (text) => {
      const span = spans.find((candidate) => hasHit(candidate.names, text));
      return span && match(text) === undefined ? view(span) : undefined;
    },
    spanningById: (id) => {
      const span = spans.find((candidate) => candidate.id === id);
      return span && view(span);
    },
  };
}

/**
 * The outward part of a UK postcode written as one word: "ss0" from "ss0" or "ss07ab".
 * Returns undefined for words that are not postcodes.
 */
export function postcodeDistrictOf(word: string): string | undefined {
  const full = /^([a-z]{1,2}[0-9][0-9a-z]?)([0-9][a-z]{2})$/.exec(word);
  if (full) return full[1];
  return /^[a-z]{1,2}[0-9][0-9a-z]?$/.test(word) ? word : undefined;
}
