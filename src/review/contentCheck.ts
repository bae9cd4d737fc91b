import { routingTableOf, stepId } from '../engine/compileConversation.js';
import { checkReachability } from './checkReachability.js';
import { freshnessReport, STALE_AFTER_MONTHS } from './factFreshness.js';
import { readPlainLanguageSettings, scoreMessages } from './readingEase.js';
import { createUrgencyDetector } from '../understanding/detectUrgency.js';
import { createCommandMatcher, type CommandName } from '../understanding/matchCommand.js';
import { listFacts } from '../content/listUnverifiedFacts.js';
import {
  ContentError,
  loadContent,
  type Content,
  type ReadContentFile,
} from '../content/loadContent.js';
import { findNumbers, isValidUkNumber } from '../content/phoneNumbers.js';
import type { Dialog } from '../content/schema/dialogSchema.js';
import type { EmergencyWording, PerSurface } from '../content/schema/wordingSchema.js';

/** One problem found in the content, with the rule it breaks and where. */
export interface Finding {
  rule:
    | 'schema'
    | 'reachable'
    | 'ends-at-outcome'
    | 'mentions-999'
    | 'emergency-length'
    | 'judgemental'
    | 'buttons'
    | 'slots'
    | 'policy'
    | 'phone-number'
    | 'unverified'
    | 'stale'
    | 'length-budget'
    | 'budget-999'
    | 'one-message'
    | 'reading-ease'
    | 'docs';
  file: string;
  path: string;
  message: string;
}

export interface CheckResult {
  content?: Content;
  errors: Finding[];
  warnings: Finding[];
}

/** Built-in replies that an option may jump to. */
const BUILT_IN_TARGETS = new Set(['emergency', 'not-safe-to-chat']);
const dialogFile = (dialog: Dialog) => `dialogs/${dialog.id}.yml`;
const WORDING = 'content/wording.yml';

function variants(text: PerSurface): [string, string][] {
  return typeof text === 'string'
    ? [['', text]]
    : Object.entries(text).filter((entry): entry is [string, string] => Boolean(entry[1]));
}

/**
 * The content check behind `npm run content:check`: schema, reachability, outcomes, 999,
 * the emergency reply's length, judgemental wording, phone numbers and fact provenance.
 * Unverified and stale facts are warnings; everything else is an error.
 */
export function checkContent(read: ReadContentFile, today = new Date()): CheckResult {
  let content: Content;
  try {
    content = loadContent(read);
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    return {
      errors: [{ rule: 'schema', file: error.file, path: '', message: error.message }],
      warnings: [],
    };
  }
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  for (const dialog of content.dialogs) {
    checkSlotsAndPolicy(content, dialog, errors);
    // A dialog with a route step signposts through its routing table (content/routing.yml).
    if (dialog.steps.some((step) => 'route' in step) || content.dialogs.length === 1) {
      checkFlow(content, dialog, errors);
    }
  }
  errors.push(...checkReachability(content, today));
  check999(content, errors);
  checkWordingRules(content, errors);
  checkButtons(content, errors);
  for (const fact of listFacts(content)) {
    if (fact.status !== 'unverified') continue;
    warnings.push({
      rule: 'unverified',
      file: fact.file,
      path: fact.path,
      message: `unverified: ${fact.summary} (source: ${fact.source})`,
    });
  }
  for (const fact of freshnessReport(content, today).stale) {
    warnings.push({
      rule: 'stale',
      file: fact.file,
      path: fact.path,
      message: `last checked ${fact.checked}, over ${STALE_AFTER_MONTHS} months ago: ${fact.summary} (source: ${fact.source})`,
    });
  }
  const lastHoliday = [...content.bankHolidays.englandAndWales.value].sort().at(-1) ?? '';
  const yearAhead = new Date(today);
  yearAhead.setFullYear(yearAhead.getFullYear() + 1);
  if (new Date(lastHoliday) < yearAhead) {
    warnings.push({
      rule: 'stale',
      file: 'content/bank-holidays.yml',
      path: 'englandAndWales',
      message: `bank holidays are listed only to ${lastHoliday}: add the next year's, or "open now" may be wrong on them`,
    });
  }
  const plainLanguage = readPlainLanguageSettings(read);
  const target = plainLanguage.minimumReadingEase;
  for (const scored of scoreMessages(content, plainLanguage)) {
    if (scored.score >= target) continue;
    warnings.push({
      rule: 'reading-ease',
      file: scored.file,
      path: scored.path,
      message: `reading ease ${scored.score.toFixed(1)} (about reading age ${scored.readingAge}), below the target of ${target} (content/review.yml): "${scored.text.length > 90 ? `${scored.text.slice(0, 89)}…` : scored.text}"`,
    });
  }
  return { content, errors, warnings };
}

/**
 * Every slot a dialog's questions, options and placeSlot name is in its `slots:` list, and
 * (for a dialog that routes) every slot the routing table reads; its emergency wording
 * exists.
 */
function checkSlotsAndPolicy(content: Content, dialog: Dialog, errors: Finding[]): void {
  const file = dialogFile(dialog);
  const declared = new Set(dialog.slots);
  const need = (slot: string, where: string, path: string) => {
    if (!declared.has(slot)) {
      errors.push({
        rule: 'slots',
        file: where,
        path,
        message: `slot "${slot}" is not in the slots: list of ${file}`,
      });
    }
  };
  const questions = [...dialog.steps.filter((step) => 'question' in step), ...dialog.eligibility];
  for (const question of questions) {
    need(question.slot, file, `${question.question}.slot`);
    for (const option of question.options) {
      for (const slot of Object.keys(option.sets ?? {})) {
        need(slot, file, `${question.question}.${option.value}.sets`);
      }
    }
  }
  if (dialog.placeSlot) need(dialog.placeSlot, file, 'placeSlot');
  if (dialog.steps.some((step) => 'route' in step)) {
    const table = routingTableOf(content, dialog);
    table.rules.forEach((rule, index) => {
      for (const slot of [...Object.keys(rule.when), ...rule.ask]) {
        need(slot, table.file, `rules[${index}]`);
      }
      if (rule.then && !content.dialogs.some((other) => other.id === rule.then?.dialog)) {
        errors.push({
          rule: 'policy',
          file: table.file,
          path: `rules[${index}].then.dialog`,
          message: `hands over to dialog "${rule.then.dialog}", which is not in dialogs/`,
        });
      }
    });
    // Who each offer is for is read against the same answers.
    content.services.services.forEach((service, s) => {
      service.offers.forEach((offer, o) => {
        for (const slot of Object.keys(offer.for ?? {})) {
          need(slot, 'content/services.yml', `services[${s}].offers[${o}].for`);
        }
      });
    });
  }
  const greetingName = dialog.policy.greetingWording;
  if (greetingName !== 'greeting' && !content.wording.greetingFor[greetingName]) {
    errors.push({
      rule: 'policy',
      file,
      path: 'policy.greetingWording',
      message: `"${greetingName}" is not under greetingFor: in ${WORDING}`,
    });
  }
  const trustName = dialog.policy.trustWording;
  if (trustName !== 'trustAnswers' && !content.wording.trustAnswersFor[trustName]) {
    errors.push({
      rule: 'policy',
      file,
      path: 'policy.trustWording',
      message: `"${trustName}" is not under trustAnswersFor: in ${WORDING}`,
    });
  }
  const wordingName = dialog.policy.emergencyWording;
  if (wordingName !== 'emergency' && !content.wording.emergencyFor[wordingName]) {
    errors.push({
      rule: 'policy',
      file,
      path: 'policy.emergencyWording',
      message: `"${wordingName}" is not under emergencyFor: in ${WORDING}`,
    });
  }
}

function checkFlow(content: Content, dialog: Dialog, errors: Finding[]): void {
  const DIALOG = dialogFile(dialog);
  const { services } = content;
  const routing = routingTableOf(content, dialog);
  const ROUTING = routing.file;
  const ids = dialog.steps.map(stepId);
  const stepIds = new Set(ids);
  const serviceIds = new Set(services.services.map((service) => service.id));
  const outcomeIds = new Set(dialog.outcomes.map((outcome) => outcome.outcome));
  dialog.steps.forEach((step, index) => {
    if (!('question' in step)) return;
    for (const option of step.options) {
      if (!option.next || BUILT_IN_TARGETS.has(option.next) || stepIds.has(option.next)) continue;
      errors.push({
        rule: 'ends-at-outcome',
        file: DIALOG,
        path: `${step.question}.${option.value}.next`,
        message: `jumps to "${option.next}", which is not a step or built-in reply`,
      });
    }
    if (index === dialog.steps.length - 1) {
      errors.push({
        rule: 'ends-at-outcome',
        file: DIALOG,
        path: `steps.${step.question}`,
        message: 'the last step is a question, so the conversation ends without an outcome',
      });
    }
  });
  routing.rules.forEach((rule, index) => {
    if (!outcomeIds.has(rule.outcome)) {
      errors.push({
        rule: 'ends-at-outcome',
        file: ROUTING,
        path: `rules[${index}].outcome`,
        message: `outcome "${rule.outcome}" is not in ${DIALOG}`,
      });
    }
    for (const id of rule.services) {
      if (!serviceIds.has(id))
        errors.push({
          rule: 'ends-at-outcome',
          file: ROUTING,
          path: `rules[${index}].services`,
          message: `service "${id}" is not in content/services.yml`,
        });
    }
  });
  const last = routing.rules[routing.rules.length - 1];
  if (!last || Object.keys(last.when).length > 0) {
    errors.push({
      rule: 'ends-at-outcome',
      file: ROUTING,
      path: 'rules',
      message: 'the last rule must have no conditions, so everyone reaches an outcome',
    });
  }
  if (!dialog.steps.some((step) => 'route' in step)) {
    errors.push({
      rule: 'ends-at-outcome',
      file: DIALOG,
      path: 'steps',
      message: 'no route step: the conversation never signposts',
    });
  }
}

function check999(content: Content, errors: Finding[]): void {
  const { wording } = content;
  const need999 = (text: string, path: string) => {
    if (!/\b999\b/.test(text))
      errors.push({ rule: 'mentions-999', file: WORDING, path, message: 'must mention 999' });
  };
  for (const [surface, text] of variants(wording.greeting))
    need999(text, `greeting${surface ? `.${surface}` : ''}`);
  for (const [name, greeting] of Object.entries(wording.greetingFor)) {
    for (const [surface, text] of variants(greeting))
      need999(text, `greetingFor.${name}${surface ? `.${surface}` : ''}`);
  }
  need999(wording.signpost999, 'signpost999');
  for (const [name, text] of Object.entries(wording.notices)) need999(text, `notices.${name}`);
  // A trust answer in words says 999 itself; one that shows a service gets the 999 line.
  const trustLists = [
    ['trustAnswers', wording.trustAnswers] as const,
    ...Object.entries(wording.trustAnswersFor).map(
      ([name, list]) => [`trustAnswersFor.${name}`, list] as const,
    ),
  ];
  const serviceIds = new Set(content.services.services.map((service) => service.id));
  for (const [at, list] of trustLists) {
    list.forEach((answer, i) => {
      if (answer.text) {
        for (const [surface, text] of variants(answer.text))
          need999(text, `${at}[${i}].text${surface ? `.${surface}` : ''}`);
      }
      if (answer.service && !serviceIds.has(answer.service)) {
        errors.push({
          rule: 'policy',
          file: WORDING,
          path: `${at}[${i}].service`,
          message: `"${answer.service}" is not a service in content/services.yml`,
        });
      }
    });
  }
  checkEmergencyWording(wording.emergency, 'emergency', errors);
  for (const [name, block] of Object.entries(wording.emergencyFor)) {
    checkEmergencyWording(block, `emergencyFor.${name}`, errors);
  }
}

/** An emergency reply mentions 999, puts it first, and is at most three lines. */
function checkEmergencyWording(block: EmergencyWording, at: string, errors: Finding[]): void {
  const need999 = (text: string, path: string) => {
    if (!/\b999\b/.test(text))
      errors.push({ rule: 'mentions-999', file: WORDING, path, message: 'must mention 999' });
  };
  for (const key of ['lines', 'ownLifeLines'] as const) {
    const lines = block[key];
    need999(
      lines
        .map((line) =>
          variants(line)
            .map(([, text]) => text)
            .join(' '),
        )
        .join(' '),
      `${at}.${key}`,
    );
    if (!variants(lines[0] ?? '').every(([, text]) => /\b999\b/.test(text))) {
      errors.push({
        rule: 'mentions-999',
        file: WORDING,
        path: `${at}.${key}[0]`,
        message: 'the emergency reply must put 999 first',
      });
    }
    const lineCount = lines.reduce(
      (count, line) =>
        count + Math.max(...variants(line).map(([, text]) => text.split('\n').length)),
      0,
    );
    if (lineCount > 3) {
      errors.push({
        rule: 'emergency-length',
        file: WORDING,
        path: `${at}.${key}`,
        message: `has ${lineCount} lines; at most 3, because someone may be watching the screen`,
      });
    }
  }
}

/** Every string a person can read, with its file and path. */
function userFacingText(content: Content): { file: string; path: string; text: string }[] {
  const found: { file: string; path: string; text: string }[] = [];
  const walk = (file: string, value: unknown, path: string, skip: Set<string>) => {
    if (typeof value === 'string') found.push({ file, path, text: value });
    else if (Array.isArray(value))
      value.forEach((item, i) => walk(file, item, `${path}[${i}]`, skip));
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (!skip.has(key)) walk(file, child, path ? `${path}.${key}` : key, skip);
      }
    }
  };
  const machineKeys = new Set([
    'says',
    'mentions',
    'value',
    'question',
    'slot',
    'next',
    'sets',
    'matchOrder',
    'onNotSure',
    'outcome',
    'route',
    'source',
    'checked',
    'status',
    'note',
    'id',
    'kind',
    'for',
    'days',
    'from',
    'to',
    'bankHolidays',
    'slots',
    'placeSlot',
    'policy',
    'years',
    'routing',
    'then',
  ]);
  for (const dialog of content.dialogs) walk(dialogFile(dialog), dialog, '', machineKeys);
  walk(WORDING, content.wording, '', machineKeys);
  walk('content/services.yml', content.services, '', machineKeys);
  walk('content/emergency.yml', content.emergency, '', machineKeys);
  return found;
}

function checkWordingRules(content: Content, errors: Finding[]): void {
  const banned = content.judgemental.phrases.map((phrase) =>
    phrase.toLowerCase().replace(/’/g, "'"),
  );
  for (const { file, path, text } of userFacingText(content)) {
    const lower = text.toLowerCase().replace(/’/g, "'");
    for (const phrase of banned) {
      if (
        new RegExp(`(^|[^a-z])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^a-z])`).test(
          lower,
        )
      ) {
        errors.push({
          rule: 'judgemental',
          file,
          path,
          message: `uses judgemental wording: "${phrase}"`,
        });
      }
    }
    for (const number of findNumbers(text)) {
      if (number.replace(/\D/g, '').length < 3) continue;
      if (!isValidUkNumber(number))
        errors.push({
          rule: 'phone-number',
          file,
          path,
          message: `"${number}" is not a valid UK phone number`,
        });
    }
  }
  content.services.services.forEach((service, s) => {
    service.offers.forEach((offer, o) => {
      offer.contacts.forEach((contact, c) => {
        if (
          (contact.kind === 'phone' || contact.kind === 'text') &&
          !isValidUkNumber(contact.value)
        ) {
          errors.push({
            rule: 'phone-number',
            file: 'content/services.yml',
            path: `services[${s}].offers[${o}].contacts[${c}]`,
            message: `"${contact.value}" is not a valid UK phone number`,
          });
        }
      });
    });
  });
}

/**
 * Built-in buttons send their label as the message, so each label must be one of the words
 * of the command it stands for ("Close this chat" must be an exit word, or it does nothing).
 */
function checkButtons(content: Content, errors: Finding[]): void {
  const commands = createCommandMatcher(content.commands, createUrgencyDetector(content).spellings);
  const { wording } = content;
  const buttons: [string, string, CommandName[]][] = [
    ['emergency.moreLabel', wording.emergency.moreLabel, ['moreWays', 'notSafeToChat']],
    ['emergency.carryOnLabel', wording.emergency.carryOnLabel, ['carryOn']],
    ['startOverLabel', wording.startOverLabel, ['startOver']],
    ['exitLabel', wording.exitLabel, ['exit']],
    ['notSureLabel', wording.notSureLabel, ['notSure']],
  ];
  for (const [name, block] of Object.entries(wording.emergencyFor)) {
    buttons.push(
      [`emergencyFor.${name}.moreLabel`, block.moreLabel, ['moreWays', 'notSafeToChat']],
      [`emergencyFor.${name}.carryOnLabel`, block.carryOnLabel, ['carryOn']],
    );
  }
  // The web widget leaves the site on these words without sending them, so each must also end
  // the chat on the bot; and the "End chat" button must end the chat without leaving.
  const leaveSite = new Set(content.commands.leaveSite.map((word) => commands.normalise(word)));
  content.commands.leaveSite.forEach((word, index) => {
    if (commands.match(word) !== 'exit') {
      errors.push({
        rule: 'buttons',
        file: 'content/commands.yml',
        path: `leaveSite[${index}]`,
        message: `"${word}" leaves the site, so it must be one of the exit words too`,
      });
    }
  });
  if (leaveSite.has(commands.normalise(wording.exitLabel))) {
    errors.push({
      rule: 'buttons',
      file: WORDING,
      path: 'exitLabel',
      message: `the button "${wording.exitLabel}" ends the chat, so it must not be a leaveSite word`,
    });
  }
  for (const [path, label, wanted] of buttons) {
    const command = commands.match(label);
    if (!command || !wanted.includes(command)) {
      errors.push({
        rule: 'buttons',
        file: WORDING,
        path,
        message: `the button "${label}" must be one of the ${wanted[0]} words in content/commands.yml`,
      });
    }
  }
}
