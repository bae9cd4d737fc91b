import type { PerSurface, TrustAnswer } from '../content/schema/wordingSchema.js';
import type { QuestionMatcher } from '../understanding/questionMatcher.js';
import type { Conversation } from './compileConversation.js';
import { route } from './route.js';
import { serviceView } from './serviceViews.js';
import type { Reply, ServiceView, Slots, Surface, TurnEnvironment, Urgency } from './types.js';

/** Picks a surface's variant of some wording and fills {leave} and {exitLimits}. */
export function say(conversation: Conversation, text: PerSurface, surface: Surface): string {
  const { wording } = conversation.content;
  const pick = (value: PerSurface): string =>
    typeof value === 'string' ? value : (value[surface] ?? value.default);
  return pick(text)
    .replace('{leave}', pick(wording.howToLeave))
    .replace('{exitLimits}', pick(wording.exitLimits));
}

function reply(step: string, urgency: Urgency, text: string, extra: Partial<Reply> = {}): Reply {
  return { step, urgency, text, services: [], signposted: [], choices: [], links: [], ...extra };
}

/** Service views for ids, leaving out any with nothing for this person. */
export function viewsFor(
  conversation: Conversation,
  ids: readonly string[],
  slots: Slots,
  env: TurnEnvironment,
): ServiceView[] {
  const views: ServiceView[] = [];
  for (const id of ids) {
    const service = conversation.services.get(id);
    if (!service) continue;
    const view = serviceView(
      service,
      slots,
      env.now,
      conversation.bankHolidays,
      conversation.content.wording,
    );
    if (view) views.push(view);
  }
  return views;
}

/**
 * The same-day services of the urgent reply, with the same eligibility as the signpost, in
 * the table's order (age, nation, Southend, gender, need): the rule that picks for what is
 * known gives the services to call today. A rule that picks by place (the other nations)
 * gives that place's same-day list, open to everyone there; so a 15-year-old in Southend sees
 * Childline. A local area inside a nation (`urgentAreaWithin`: Southend, in England) gives its
 * own list, then the first line to call the person would be given in the rest of that
 * nation: a man in Southend sees SOS and the Men's Advice Line, never a helpline for women.
 */
function urgentIds(conversation: Conversation, slots: Slots): string[] {
  const routing = conversation.content.routing;
  const placeSlot = conversation.placeSlot;
  const place = (placeSlot && slots[placeSlot]) || 'default';
  const decision = route({ rules: conversation.routingRules }, slots, () => false);
  const rule = decision.kind === 'outcome' ? decision.rule : undefined;
  const own = place === 'default' ? undefined : routing.urgentServices[place];
  const byPlace = rule && placeSlot !== undefined && placeSlot in rule.when;
  const within = placeSlot !== undefined ? routing.urgentAreaWithin[place] : undefined;
  if (byPlace && within !== undefined && placeSlot !== undefined && within !== place) {
    const others = urgentIds(conversation, { ...slots, [placeSlot]: within });
    // A line to call today: the first of them with a number to call or text.
    const callable = (id: string) =>
      conversation.services
        .get(id)
        ?.offers.some((offer) =>
          offer.contacts.some((c) => c.kind === 'phone' || c.kind === 'text'),
        );
    const rest = others.find(callable) ?? others[0];
    return [...new Set([...(own ?? rule.services), ...(rest ? [rest] : [])])];
  }
  const specific = rule && Object.keys(rule.when).length > 0 ? rule.services : undefined;
  const picked = byPlace ? (own ?? specific) : (specific ?? own);
  return [...(picked ?? routing.urgentServices.default ?? [])];
}

/** The built-in replies, worded from content/wording.yml. */
export function builtins(conversation: Conversation, env: TurnEnvironment) {
  const { wording } = conversation.content;
  const surface = env.surface;
  const emergencyWording = conversation.emergencyWording;
  const carryOn = { value: 'carry-on', label: emergencyWording.carryOnLabel };
  const lines = (texts: readonly PerSurface[]) =>
    texts.map((text) => say(conversation, text, surface)).join('\n');

  return {
    greeting: (): Reply =>
      reply('greeting', 'routine', say(conversation, conversation.greetingText, surface), {
        links: [{ label: wording.privacyLinkLabel, url: '/privacy' }],
      }),

    /** A question, after `prefix` if given, in its own words or in `text` if given. */
    question(question: QuestionMatcher, prefix?: string, text?: string): Reply {
      const { block } = question;
      const asked = text ?? block.text;
      return reply(block.question, 'routine', prefix ? `${prefix}\n${asked}` : asked, {
        choices: [
          ...block.options.map((option) => ({ value: option.value, label: option.label })),
          { value: 'unsure', label: wording.notSureLabel },
        ],
      });
    },

    emergency(ownLife: boolean): Reply {
      const ownLifeIds = conversation.content.routing.ownLifeServices;
      return reply(
        'emergency',
        'emergency',
        lines(ownLife ? emergencyWording.ownLifeLines : emergencyWording.lines),
        {
          signposted: ownLife ? [...ownLifeIds] : [],
          choices: [{ value: 'more-ways', label: emergencyWording.moreLabel }, carryOn],
          brief: true,
        },
      );
    },

    /** After the emergency reply, a message that does not say the person is safe. */
    emergencyCheck: (): Reply =>
      reply('emergency', 'emergency', emergencyWording.checkSafe, {
        choices: [{ value: 'more-ways', label: emergencyWording.moreLabel }, carryOn],
        brief: true,
      }),

    emergencyMore: (): Reply =>
      reply(
        'emergency',
        'emergency',
        [
          emergencyWording.moreIntro,
          ...conversation.content.emergency.moreWays.map((line) => `• ${line.text}`),
        ].join('\n'),
        { choices: [carryOn] },
      ),

    urgent(slots: Slots, strangulation: boolean): Reply {
      const routing = conversation.content.routing;
      const ids = urgentIds(conversation, slots);
      if (strangulation) ids.push(...routing.strangulationServices);
      const services = viewsFor(conversation, ids, slots, env);
      const text = strangulation
        ? `${wording.urgent.text}\n${wording.urgent.strangulationAdvice}`
        : wording.urgent.text;
      return reply('urgent', 'urgent', text, {
        services,
        signposted: services.map((service) => service.id),
        choices: [carryOn],
        brief: true,
      });
    },

    urgentReminder: (): Reply => reply('urgent', 'urgent', wording.urgentReminder),

    notSafeToChat: (): Reply =>
      reply('not-safe-to-chat', 'urgent', say(conversation, wording.notSafeToChat, surface)),

    exit: (): Reply => reply('exit', 'routine', say(conversation, wording.exit, surface)),

    help: (): Reply => reply('help', 'routine', say(conversation, wording.help, surface)),

    /** An answer to a question about Waymark or a service: a kind of help reply. */
    trustAnswer(answer: TrustAnswer, slots: Slots): Reply {
      if (answer.service) {
        const services = viewsFor(conversation, [answer.service], slots, env);
        const text = services.map((s) => `${s.name}: ${s.summary}`).join('\n');
        return reply('help', 'routine', `${text}\nIf you're in danger now, call 999.`, {
          services,
          signposted: services.map((s) => s.id),
        });
      }
      return reply('help', 'routine', say(conversation, answer.text ?? wording.help, surface));
    },

    messageTooLong: (): Reply => reply('message-too-long', 'routine', wording.messageTooLong),

    slowDown: (): Reply => reply('slow-down', 'routine', wording.slowDown),

    afterOutcome: (): Reply =>
      reply('after-outcome', 'routine', `${wording.afterOutcome}\n${wording.signpost999}`, {
        choices: [
          { value: 'start-over', label: wording.startOverLabel },
          { value: 'exit', label: wording.exitLabel },
        ],
      }),

    outcome(outcomeId: string, serviceIds: readonly string[], slots: Slots, risk: Urgency): Reply {
      const services = viewsFor(conversation, serviceIds, slots, env);
      const intro = conversation.outcomes.get(outcomeId) ?? '';
      const links = conversation.dialog.outcomes.find((o) => o.outcome === outcomeId)?.links;
      return reply(outcomeId, risk, `${intro}\n${wording.signpost999}`, {
        services,
        links: links ? [...links] : [],
        signposted: services.map((service) => service.id),
        choices: [
          { value: 'start-over', label: wording.startOverLabel },
          { value: 'exit', label: wording.exitLabel },
        ],
      });
    },

    failSafe(): Reply {
      const services = viewsFor(
        conversation,
        conversation.content.routing.failSafeServices,
        {},
        env,
      );
      return reply('fail-safe', 'routine', wording.failSafe, {
        services,
        signposted: services.map((service) => service.id),
        brief: true,
      });
    },
  };
}

export type Builtins = ReturnType<typeof builtins>;
