import type { Content } from '../content/loadContent.js';
import { UNSURE, type SlotName } from '../content/schema/eligibilitySchema.js';
import type { Service } from '../content/schema/serviceSchema.js';
import type { Dialog, InterruptionName, Step } from '../content/schema/dialogSchema.js';
import type { RoutingRule } from '../content/schema/routingSchema.js';
import type { EmergencyWording, PerSurface, TrustAnswer } from '../content/schema/wordingSchema.js';
import { createCommandMatcher, type CommandMatcher } from '../understanding/matchCommand.js';
import { compilePhrases, type CompiledPhrases } from '../understanding/phraseMatcher.js';
import { createPlaceMatcher, type PlaceMatcher } from '../understanding/matchPlace.js';
import {
  createUrgencyDetector,
  type DetectorOptions,
  type UrgencyDetector,
} from '../understanding/detectUrgency.js';
import { createQuestionMatcher, type QuestionMatcher } from '../understanding/questionMatcher.js';

/** The id of a step: its question id, or its route id. */
export function stepId(step: Step): string {
  return 'question' in step ? step.question : step.route;
}

/**
 * Everything the engine needs to run one dialog, compiled once from content at start-up so
 * that each turn is only lookups and a few regular-expression scans.
 */
export interface Conversation {
  /** The dialog's id, stored in state so a conversation keeps to its dialog. */
  dialogId: string;
  dialog: Dialog;
  content: Content;
  /** This dialog's safety policy: the emergency wording and which interruptions apply. */
  emergencyWording: EmergencyWording;
  interrupts: ReadonlySet<InterruptionName>;
  greets: boolean;
  /** The greeting this dialog's policy names. */
  greetingText: PerSurface;
  /** The rules of the routing table this dialog's route step reads. */
  routingRules: readonly RoutingRule[];
  urgency: UrgencyDetector;
  commands: CommandMatcher;
  places: PlaceMatcher;
  /** Words that tell of abuse, when this dialog acknowledges a disclosure; else undefined. */
  disclosure: CompiledPhrases | undefined;
  /** The trust answers this dialog's policy names, with their questions compiled. */
  trustAnswers: readonly { answer: TrustAnswer; asks: CompiledPhrases }[];
  /** The slot a place or postcode fills, if this dialog asks where someone is. */
  placeSlot: SlotName | undefined;
  /** The question that asks an age, if any: a stated age anywhere answers it. */
  ageQuestion: QuestionMatcher | undefined;
  /** Every question, in the main steps and under `eligibility`, by id. */
  questions: ReadonlyMap<string, QuestionMatcher>;
  /** Eligibility questions by the slot they fill. */
  eligibilityBySlot: ReadonlyMap<SlotName, QuestionMatcher>;
  steps: readonly Step[];
  stepIndex: ReadonlyMap<string, number>;
  /** Index of the first route step: where eligibility answers lead back to. */
  routeIndex: number;
  /** Every value each slot can hold (option values, what options set, and "unsure"). */
  slotValues: ReadonlyMap<string, ReadonlySet<string>>;
  services: ReadonlyMap<string, Service>;
  outcomes: ReadonlyMap<string, string>;
  bankHolidays: ReadonlySet<string>;
}

/** The routing table a dialog reads: its file, for messages, and its rules. */
export function routingTableOf(
  content: Content,
  dialog: Dialog,
): { file: string; rules: readonly RoutingRule[] } {
  const rules =
    dialog.routing === 'staff-routing' ? content.staffRouting.rules : content.routing.rules;
  return { file: `content/${dialog.routing}.yml`, rules };
}

/** Compiled dialogs by id. */
export type Dialogs = ReadonlyMap<string, Conversation>;

/**
 * Compiles every dialog in validated content. The matchers that do not depend on a dialog
 * (urgency, commands, places) are compiled once and shared. `options.semanticModel` is the
 * urgency model built by `npm run build`, used when it fits the content.
 */
export function compileDialogs(content: Content, options: DetectorOptions = {}): Dialogs {
  const urgency = createUrgencyDetector(content, undefined, options);
  const shared = {
    content,
    urgency,
    commands: createCommandMatcher(content.commands, urgency.spellings),
    places: createPlaceMatcher(
      content.areas.areas,
      urgency.spellings,
      content.ukPlaces.places.value,
      content.areas.spanning?.value ?? [],
    ),
    services: new Map(content.services.services.map((service) => [service.id, service])),
    bankHolidays: new Set(content.bankHolidays.englandAndWales.value),
  };
  return new Map(content.dialogs.map((dialog) => [dialog.id, compileDialog(dialog, shared)]));
}

/** Compiles one dialog of the content (the triage dialog unless another id is given). */
export function compileConversation(content: Content, dialogId = 'triage'): Conversation {
  const conversation = compileDialogs(content).get(dialogId);
  if (!conversation) throw new Error(`There is no dialog "${dialogId}" in dialogs/.`);
  return conversation;
}

type Shared = Pick<
  Conversation,
  'content' | 'urgency' | 'commands' | 'places' | 'services' | 'bankHolidays'
>;

function compileDialog(dialog: Dialog, shared: Shared): Conversation {
  const { spellings } = shared.urgency;
  const questions = new Map<string, QuestionMatcher>();
  for (const step of dialog.steps) {
    if ('question' in step) questions.set(step.question, createQuestionMatcher(step, spellings));
  }
  const eligibilityBySlot = new Map<SlotName, QuestionMatcher>();
  for (const block of dialog.eligibility) {
    const matcher = createQuestionMatcher(block, spellings);
    questions.set(block.question, matcher);
    eligibilityBySlot.set(block.slot, matcher);
  }
  const slotValues = new Map<string, Set<string>>();
  const allow = (slot: string, value: string) => {
    const values = slotValues.get(slot) ?? new Set([UNSURE]);
    values.add(value);
    slotValues.set(slot, values);
  };
  for (const { block } of questions.values()) {
    for (const option of block.options) {
      allow(block.slot, option.value);
      for (const [slot, value] of Object.entries(option.sets ?? {})) {
        if (value !== undefined) allow(slot, value);
      }
    }
  }
  const { wording } = shared.content;
  const { policy } = dialog;
  const emergencyWording =
    policy.emergencyWording === 'emergency'
      ? wording.emergency
      : wording.emergencyFor[policy.emergencyWording];
  if (!emergencyWording) {
    throw new Error(
      `dialogs/${dialog.id}.yml: policy.emergencyWording "${policy.emergencyWording}" is not in content/wording.yml`,
    );
  }
  const greetingText =
    policy.greetingWording === 'greeting'
      ? wording.greeting
      : wording.greetingFor[policy.greetingWording];
  if (!greetingText) {
    throw new Error(
      `dialogs/${dialog.id}.yml: policy.greetingWording "${policy.greetingWording}" is not in content/wording.yml`,
    );
  }
  const trustAnswers =
    policy.trustWording === 'trustAnswers'
      ? wording.trustAnswers
      : wording.trustAnswersFor[policy.trustWording];
  if (!trustAnswers) {
    throw new Error(
      `dialogs/${dialog.id}.yml: policy.trustWording "${policy.trustWording}" is not in content/wording.yml`,
    );
  }
  const steps = dialog.steps;
  const routeIndex = steps.findIndex((step) => 'route' in step);
  return {
    ...shared,
    dialogId: dialog.id,
    dialog,
    emergencyWording,
    interrupts: new Set(policy.interruptions),
    greets: policy.greeting,
    greetingText,
    disclosure:
      policy.acknowledgeDisclosures && wording.disclosure
        ? compilePhrases(wording.disclosure.says, {}, spellings)
        : undefined,
    trustAnswers: trustAnswers.map((answer) => ({
      answer,
      asks: compilePhrases(answer.asks, {}, spellings),
    })),
    routingRules: routingTableOf(shared.content, dialog).rules,
    placeSlot: dialog.placeSlot,
    ageQuestion: [...questions.values()].find((question) => question.asksAge),
    questions,
    eligibilityBySlot,
    steps,
    stepIndex: new Map(steps.map((step, index) => [stepId(step), index])),
    routeIndex: routeIndex === -1 ? steps.length : routeIndex,
    slotValues,
    outcomes: new Map(dialog.outcomes.map((outcome) => [outcome.outcome, outcome.text])),
  };
}
