import type { Urgency } from '../engine/types.js';
import { routingTableOf, type Conversation } from '../engine/compileConversation.js';
import type { Reply } from '../engine/types.js';
import type { Enumeration } from './enumeratePaths.js';

/** What a box on the map stands for; it decides the box's colour. */
export type MapNodeKind = 'question' | 'eligibility' | 'route' | 'outcome' | 'builtin';

/** A box on the map: a step, the routing table, an outcome or a built-in reply. */
export interface MapNode {
  id: string;
  kind: MapNodeKind;
  urgency: Urgency;
  /** The first line, in bold: the step id and what it is. */
  title: string;
  /** The words, wrapped by the renderer. */
  lines: string[];
}

/** An arrow: what the person chose (or the routing rule) that leads from one box to another. */
export interface MapEdge {
  from: string;
  to: string;
  labels: string[];
}

/** A rule that applies at every step, such as the emergency interruption: shown once. */
export interface MapRule {
  title: string;
  urgency: Urgency;
  lines: string[];
}

/** The map of one dialog, built from the paths the engine really takes. */
export interface MapGraph {
  dialogId: string;
  nodes: MapNode[];
  edges: MapEdge[];
  everywhere: MapRule[];
}

const ROUTE = 'routing-table';

/** The first line of a text, shortened: for boxes that show what a reply starts with. */
function firstWords(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Builds the map of a dialog from its enumerated paths: every box is a step some reply on
 * some path belongs to, and every arrow a move the engine made. The routing table is one
 * box, with an arrow to each outcome labelled by the rules that lead there. Interruptions
 * that can happen anywhere are left out of the arrows and listed once, as rules.
 */
export function buildMapGraph(
  conversation: Conversation,
  enumeration: Enumeration,
  serviceNames: Map<string, string>,
): MapGraph {
  const nodes = new Map<string, MapNode>();
  const edges = new Map<string, MapEdge>();
  const eligibility = new Set(conversation.dialog.eligibility.map((q) => q.question));
  const addNode = (node: MapNode) => {
    if (!nodes.has(node.id)) nodes.set(node.id, node);
  };
  const addEdge = (from: string, to: string, label: string) => {
    if (from === to) return;
    const key = `${from}\0${to}`;
    const edge = edges.get(key) ?? { from, to, labels: [] };
    if (label && !edge.labels.includes(label)) edge.labels.push(label);
    edges.set(key, edge);
  };
  // Each dialog reads its own table (the staff dialog: content/staff-routing.yml).
  const table = routingTableOf(conversation.content, conversation.dialog);
  const isRouted = (step: string) => conversation.outcomes.has(step) || eligibility.has(step);

  // Each step's first reply (for its buttons), and every service any of its replies names.
  const firstReply = new Map<string, Reply>();
  const servicesOf = new Map<string, Set<string>>();
  for (const path of enumeration.paths) {
    for (const turn of path.turns) {
      for (const reply of turn.replies) {
        if (!firstReply.has(reply.step)) firstReply.set(reply.step, reply);
        const services = servicesOf.get(reply.step) ?? new Set<string>();
        for (const id of reply.signposted) services.add(serviceNames.get(id) ?? id);
        servicesOf.set(reply.step, services);
      }
    }
  }
  for (const step of [...conversation.questions.keys(), ...conversation.outcomes.keys()]) {
    const reply = firstReply.get(step);
    if (!reply) continue;
    const question = conversation.questions.get(step);
    if (question) {
      addNode({
        id: step,
        kind: eligibility.has(step) ? 'eligibility' : 'question',
        urgency: 'routine',
        title: `${step}${eligibility.has(step) ? ' (asked only when the routing table needs it)' : ''}`,
        lines: [question.block.text, ...reply.choices.map((choice) => `○ ${choice.label}`)],
      });
    } else {
      addNode({
        id: step,
        kind: 'outcome',
        urgency: 'routine',
        title: `Outcome: ${step}`,
        lines: [
          conversation.outcomes.get(step) ?? '',
          ...[...(servicesOf.get(step) ?? [])].map((name) => `• ${name}`),
          ...handover(table.rules.find((rule) => rule.outcome === step)?.then),
          'Urgent instead of routine after any words of danger',
        ],
      });
    }
  }

  // Arrows from the paths through the questions (interruption paths are the rules below).
  for (const path of enumeration.paths) {
    if (path.interruption) continue;
    for (let t = 1; t < path.turns.length; t += 1) {
      const from = path.turns[t - 1]?.replies.at(-1);
      const turn = path.turns[t];
      const to = turn?.replies.at(-1);
      if (!from || !to || !turn?.input) continue;
      const label = turn.input.text;
      const source = conversation.questions.has(from.step) ? from.step : builtinId(from.step);
      if (!nodes.has(source)) addBuiltin(from.step, from.text, from.urgency);
      // Answers that lead to an outcome or an eligibility question go through the table.
      if (isRouted(to.step)) {
        addEdge(source, ROUTE, label);
      } else if (conversation.questions.has(to.step)) {
        addEdge(source, to.step, label);
      } else {
        addBuiltin(to.step, to.text, to.urgency);
        addEdge(source, builtinId(to.step), label);
      }
      if (isRouted(to.step)) addEdge(ROUTE, to.step, '');
    }
  }
  if ([...edges.values()].some((edge) => edge.to === ROUTE || edge.from === ROUTE)) {
    addNode({
      id: ROUTE,
      kind: 'route',
      urgency: 'routine',
      title: `Routing table (${table.file})`,
      lines: ['Read top to bottom: the first rule that matches wins.'],
    });
  }
  // The routing table lists its rules; outcomes are drawn apart, in rule order.
  const rules = table.rules;
  const routeLines = rules
    .filter((rule) => conversation.outcomes.has(rule.outcome))
    .map((rule) => {
      const when = Object.entries(rule.when)
        .map(([slot, value]) => `${slot} = ${Array.isArray(value) ? value.join(' or ') : value}`)
        .join(', ');
      const asks = rule.ask.length > 0 ? ` (asks ${rule.ask.join(', ')} if not known)` : '';
      return `${rules.indexOf(rule) + 1}. ${when || 'everyone else'} → ${rule.outcome}${asks}`;
    });
  const route = nodes.get(ROUTE);
  if (route) route.lines.push(...routeLines);
  for (const edge of edges.values()) {
    if (edge.from === ROUTE && conversation.outcomes.has(edge.to))
      edges.delete(`${edge.from}\0${edge.to}`);
    else if (edge.from === ROUTE) {
      const slot = conversation.questions.get(edge.to)?.block.slot ?? edge.to;
      edge.labels.push(`when a rule needs ${slot}`);
    }
  }
  // Where every button of a question leads the same way, say so instead of listing them.
  for (const edge of edges.values()) {
    const question = conversation.questions.get(edge.from);
    if (!question) continue;
    const buttons = question.block.options.length + 1;
    if (edge.labels.length >= buttons) edge.labels = ['any answer'];
  }

  function addBuiltin(step: string, text: string, urgency: Urgency) {
    addNode({
      id: builtinId(step),
      kind: 'builtin',
      urgency,
      title: `Built-in reply: ${step}`,
      lines: [firstWords(text.split('\n').join(' '))],
    });
  }

  const everywhere: MapRule[] = enumeration.probes.map((probe) => {
    const examples = enumeration.paths.filter((p) => p.interruption?.kind === probe.kind);
    const reply = examples[0]?.turns.find((turn) => turn.input?.interruption)?.replies[0];
    if (!reply) {
      // This dialog's policy leaves the reply out (staff get no survivor urgent reply).
      return {
        title: `${probe.title} (e.g. “${probe.text}”): no interruption in this dialog`,
        urgency: 'routine',
        lines: [
          `Its policy (dialogs/${conversation.dialogId}.yml) leaves this reply out: the conversation goes on, and the signpost at the end is marked urgent.`,
        ],
      };
    }
    // A path that reaches a question again (or joins one explored already) carried on.
    const carriesOn = examples.some((p) => p.end.kind === 'resumed' || p.end.kind === 'joins');
    const after = carriesOn
      ? 'Then “carry on” returns to the question that was interrupted.'
      : 'The conversation ends and is forgotten at once.';
    return {
      title: `${probe.title} (e.g. “${probe.text}”) → ${reply.step}`,
      urgency: reply.urgency,
      lines: [...reply.text.split('\n'), after],
    };
  });
  return {
    dialogId: conversation.dialogId,
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    everywhere,
  };
}

/** The line saying an outcome hands over to another dialog, if it does. */
function handover(then: { dialog: string; preview?: boolean } | undefined): string[] {
  if (!then) return [];
  return [
    `Then carries on in the “${then.dialog}” conversation${then.preview ? ', marked as a preview' : ''}`,
  ];
}

/** Built-in replies in the flow get their own box id, apart from the rules. */
function builtinId(step: string): string {
  return `builtin-${step}`;
}
