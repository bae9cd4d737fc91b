import type { Content } from '../content/loadContent.js';
import { compileDialogs, stepId } from '../engine/compileConversation.js';
import type { Finding } from './contentCheck.js';
import { enumeratePaths } from './enumeratePaths.js';

/**
 * Reachability by running the engine: every step, eligibility question and outcome of each
 * dialog must be the step of some reply on some path, and no path may loop or stop short
 * of an outcome. Unlike reading the YAML, this sees what the routing table and the skipping
 * of answered questions really do: an outcome behind a rule that an earlier rule always
 * catches, or a question whose answer is always known by then, is reported.
 */
export function checkReachability(content: Content, today: Date): Finding[] {
  const findings: Finding[] = [];
  let dialogs;
  try {
    dialogs = compileDialogs(content);
  } catch (error) {
    // Other rules (slots, policy) name what stops a dialog compiling.
    return [{ rule: 'policy', file: 'dialogs/', path: '', message: (error as Error).message }];
  }
  for (const [id, conversation] of dialogs) {
    const file = `dialogs/${id}.yml`;
    let enumeration;
    try {
      enumeration = enumeratePaths(conversation, { now: today, reachOnly: true });
    } catch (error) {
      // The engine itself gave up on some path, such as a routing table that nobody matches.
      findings.push({
        rule: 'ends-at-outcome',
        file,
        path: '',
        message: `running the conversation failed: ${(error as Error).message}`,
      });
      continue;
    }
    const { reached, problems } = enumeration;
    const { dialog } = conversation;
    // A route step is met when the flow gets there: its outcomes or questions show it.
    const routed = [...dialog.eligibility.map((q) => q.question), ...conversation.outcomes.keys()];
    const firstRoute = dialog.steps.find((step) => 'route' in step);
    dialog.steps.forEach((step, index) => {
      const id = stepId(step);
      const met =
        'route' in step
          ? step === firstRoute && routed.some((outcome) => reached.has(outcome))
          : reached.has(id);
      if (!met) {
        findings.push({
          rule: 'reachable',
          file,
          path: `steps[${index}]`,
          message: `step "${id}" is never reached on any path through the conversation`,
        });
      }
    });
    for (const question of dialog.eligibility) {
      if (!reached.has(question.question)) {
        findings.push({
          rule: 'reachable',
          file,
          path: `eligibility.${question.question}`,
          message: 'this question is never asked on any path (the routing table never needs it)',
        });
      }
    }
    for (const outcome of conversation.outcomes.keys()) {
      if (!reached.has(outcome)) {
        findings.push({
          rule: 'reachable',
          file,
          path: `outcomes.${outcome}`,
          message: 'no path through the conversation reaches this outcome',
        });
      }
    }
    for (const problem of problems) {
      findings.push({
        rule: 'ends-at-outcome',
        file,
        path: `steps.${problem.step}`,
        message: problem.message,
      });
    }
  }
  return findings;
}
