import type { Content } from '../content/loadContent.js';
import { UNSURE, type SlotName } from '../content/schema/eligibilitySchema.js';
import type { Service } from '../content/schema/serviceSchema.js';
import type { Step } from '../content/schema/dialogSchema.js';
import { createCommandMatcher, type CommandMatcher } from '../understanding/matchCommand.js';
import { createPlaceMatcher, type PlaceMatcher } from '../understanding/matchPlace.js';
import { createUrgencyDetector, type UrgencyDetector } from '../understanding/detectUrgency.js';
import { createQuestionMatcher, type QuestionMatcher } from '../understanding/questionMatcher.js';

/** The id of a step: its question id, or its route id. */
export function stepId(step: Step): string {
  return 'question' in step ? step.question : step.route;
}

/**
 * Everything the engine needs, compiled once from content at start-up so that each turn
 * is only lookups and a few regular-expression scans.
 */
export interface Conversation {
  /** The dialog's id, stored in state so a conversation keeps to its dialog. */
  dialogId: string;
  content: Content;
  urgency: UrgencyDetector;
  commands: CommandMatcher;
  places: PlaceMatcher;
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

/** Compiles validated content into a {@link Conversation}. */
export function compileConversation(content: Content, dialogId = 'triage'): Conversation {
  const urgency = createUrgencyDetector(content.urgency);
  const { spellings } = urgency;
  const questions = new Map<string, QuestionMatcher>();
  for (const step of content.dialog.steps) {
    if ('question' in step) questions.set(step.question, createQuestionMatcher(step, spellings));
  }
  const eligibilityBySlot = new Map<SlotName, QuestionMatcher>();
  for (const block of content.dialog.eligibility) {
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
      for (const [slot, value] of Object.entries(option.sets ?? {})) allow(slot, value);
    }
  }
  const steps = content.dialog.steps;
  const routeIndex = steps.findIndex((step) => 'route' in step);
  return {
    dialogId,
    content,
    urgency,
    commands: createCommandMatcher(content.commands, spellings),
    places: createPlaceMatcher(content.areas.areas, spellings),
    questions,
    eligibilityBySlot,
    steps,
    stepIndex: new Map(steps.map((step, index) => [stepId(step), index])),
    routeIndex: routeIndex === -1 ? steps.length : routeIndex,
    slotValues,
    services: new Map(content.services.services.map((service) => [service.id, service])),
    outcomes: new Map(content.dialog.outcomes.map((outcome) => [outcome.outcome, outcome.text])),
    bankHolidays: new Set(content.bankHolidays.englandAndWales.value),
  };
}
