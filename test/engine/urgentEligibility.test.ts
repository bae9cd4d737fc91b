import { expect } from 'chai';
import { builtins } from '../../src/engine/builtinReplies.js';
import type { Slots } from '../../src/engine/types.js';
import { realConversation, TEST_NOW } from '../support/botHarness.js';

/**
 * The urgent reply follows the same eligibility as the signpost (the routing table's age,
 * nation, Southend and gender), for every combination: man, woman, LGBT+ and not known, in
 * the Southend area, elsewhere in England, Wales, Scotland, Northern Ireland or not known,
 * and under 18, 18 or over or not known.
 */
const conversation = realConversation();
const say = builtins(conversation, { now: TEST_NOW, surface: 'default' });

const genders = ['man', 'woman', 'lgbt', 'unsure', undefined] as const;
const whos = ['me', 'professional'] as const;
const places = ['southend', 'england', 'wales', 'scotland', 'northern-ireland', undefined] as const;
const ages = ['under-18', 'adult', undefined] as const;

/** Services for women only: never offered to someone known to be a man. */
const forWomen = ['national-domestic-abuse-helpline', 'womens-aid'];

/** What each person is offered to call today, by the table (before any strangulation advice). */
function expected(
  who: string,
  gender: string | undefined,
  place: string | undefined,
  age: string | undefined,
) {
  if (age === 'under-18') return ['childline'];
  if (place === 'scotland') return ['scotland-domestic-abuse-helpline'];
  if (place === 'wales') return ['live-fear-free'];
  if (place === 'northern-ireland') return ['domestic-and-sexual-abuse-helpline'];
  // Professionals are asked nothing about themselves: the table gives them the same lines
  // whatever their gender.
  const england =
    who === 'professional'
      ? ['womens-aid', 'national-domestic-abuse-helpline']
      : gender === 'man'
        ? ['mens-advice-line', 'mankind-initiative']
        : gender === 'lgbt'
          ? ['galop']
          : gender === 'woman'
            ? ['national-domestic-abuse-helpline', 'womens-aid']
            : ['national-domestic-abuse-helpline'];
  // The Southend area is in England: SOS, then the first line to call (Women's Aid lists no
  // number) that the person has elsewhere there.
  const toCall = england.find((id) => id !== 'womens-aid') as string;
  return place === 'southend' ? ['sos-domestic-abuse-projects', toCall] : england;
}

describe('the urgent reply follows the same eligibility as the signpost, for every combination', () => {
  for (const who of whos) {
    for (const age of ages) {
      for (const place of places) {
        for (const gender of genders) {
          const slots: Slots = { who };
          if (gender) slots.gender = gender;
          if (place) slots.place = place;
          if (age) slots.age = age;
          const name = `${who}, ${gender ?? 'gender not known'}, ${place ?? 'place not known'}, ${age ?? 'age not known'}`;
          it(name, () => {
            const services = say.urgent(slots, false).signposted;
            expect(services, name).to.deep.equal(expected(who, gender, place, age));
            if (gender === 'man' && who === 'me') {
              for (const id of forWomen) expect(services, name).not.to.include(id);
            }
            const strangled = say.urgent(slots, true).signposted;
            expect(strangled, `${name}, after strangulation`).to.deep.equal([
              ...expected(who, gender, place, age),
              'nhs-111',
            ]);
          });
        }
      }
    }
  }
});
