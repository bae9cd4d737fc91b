import { z } from 'zod';

const words = z.array(z.string().min(1)).min(1);

/** Every idea the linguistic layer's frames use. Each is a list of words or short phrases. */
export const conceptNames = [
  'agent',
  'vehicle',
  'self',
  'child',
  'otherPerson',
  'harm',
  'threatVerb',
  'threatWords',
  'speech',
  'threatSaid',
  'fire',
  'fireAction',
  'presence',
  'trace',
  'circling',
  'hiding',
  'weapon',
  'injuryStrong',
  'injuryWeak',
  'injuryMild',
  'bodyPart',
  'strangulation',
  'strangulationSymptom',
  'trapped',
  'followed',
  'sexual',
  'fear',
  'taken',
  'holding',
  'noContact',
  'distress',
  'intoxicated',
  'rage',
  'propertyHarm',
  'keys',
  'routineErrand',
  'ownLifeMeans',
  'ownLifeReady',
  'ownLifeWords',
  'ownLifePrep',
  'ownLifePrepWeak',
  'escalation',
  'escalationWeak',
  'worse',
  'eachTime',
  'separation',
  'recent',
  'stalking',
  'pregnancy',
  'now',
  'weakNow',
  'lastNight',
  'past',
  'habit',
  'doubt',
  'hypothetical',
  'reassured',
  'indoors',
  'idiomSubject',
  'idiom',
  'organisation',
] as const;

export type ConceptName = (typeof conceptNames)[number];

/** content/urgency-concepts.yml: the words of the linguistic layer, by idea. */
export const urgencyConceptsSchema = z.object({
  concepts: z.strictObject(
    Object.fromEntries(conceptNames.map((name) => [name, words])) as Record<
      ConceptName,
      typeof words
    >,
  ),
});

export type UrgencyConcepts = z.infer<typeof urgencyConceptsSchema>;
