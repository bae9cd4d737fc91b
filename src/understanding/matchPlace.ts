import type { Area } from '../content/schema/areaSchema.js';
import type { SpellingMap } from './normaliseText.js';
import { compilePhrases, hasHit, type Words } from './phraseMatcher.js';

/** Finds which area a message names: by place name, or by the start of a postcode. */
export interface PlaceMatcher {
  /** The `place` value of the first area (in content order) that the text names. */
  match(text: Words): string | undefined;
}

/**
 * Builds a place matcher from content/areas.yml. Areas are tried in file order, so the
 * Southend area is listed before England and "Leigh-on-Sea, Essex" means Southend.
 */
export function createPlaceMatcher(areas: readonly Area[], spellings: SpellingMap): PlaceMatcher {
  const compiled = areas.map((area) => {
    const names = area.places.value.flatMap((place) => [place.name, ...place.alsoCalled]);
    return {
      place: area.place,
      names: compilePhrases([area.name, ...names], {}, spellings),
      districts: new Set(
        area.places.value.flatMap((place) => place.postcodeDistricts.map((d) => d.toLowerCase())),
      ),
      postcodeAreas: new Set((area.postcodeAreas?.value ?? []).map((a) => a.toLowerCase())),
    };
  });
  return {
    match(text) {
      const districts = text.words.map(postcodeDistrictOf).filter(Boolean) as string[];
      for (const area of compiled) {
        if (hasHit(area.names, text)) return area.place;
        for (const district of districts) {
          if (area.districts.has(district)) return area.place;
          const letters = /^[a-z]+/.exec(district)?.[0] ?? '';
          if (area.postcodeAreas.has(letters)) return area.place;
        }
      }
      return undefined;
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
