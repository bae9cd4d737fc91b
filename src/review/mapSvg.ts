import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import { escapeHtml, urgencyColours } from './html.js';
import type { MapGraph, MapNode } from './mapGraph.js';

const FONT = 13;
const LINE = 17;
/** A generous average glyph width for the sans-serif font at 13px, so text never overflows. */
const CHAR = 7.7;
const NODE_CHARS = 38;
const LABEL_CHARS = 34;
const PAD = 10;

/** Wraps text into lines of at most `width` characters, at spaces. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push(line);
  }
  return lines;
}

const kindStyle: Record<MapNode['kind'], { fill: string; stroke: string }> = {
  question: { fill: '#eef4ff', stroke: '#3538cd' },
  eligibility: { fill: '#f4f3ff', stroke: '#6941c6' },
  route: { fill: '#f2f4f7', stroke: '#344054' },
  outcome: { fill: urgencyColours.routine.fill, stroke: urgencyColours.routine.stroke },
  builtin: { fill: '#ffffff', stroke: '#344054' },
};

function styleOf(node: MapNode) {
  if (node.kind === 'builtin' || node.urgency !== 'routine') {
    const colours = urgencyColours[node.urgency];
    return { fill: colours.fill, stroke: colours.stroke };
  }
  return kindStyle[node.kind];
}

interface Laid {
  node: MapNode;
  title: string[];
  body: string[];
}

/**
 * Lays the map out with ELK (layered, top to bottom, orthogonal arrows with their labels
 * placed by the layout) and draws it as SVG. Text keeps one size however big the dialog
 * is: a large conversation makes a larger picture, never smaller writing.
 */
export async function mapSvg(graph: MapGraph): Promise<string> {
  const laid = new Map<string, Laid>();
  const sized: ElkNode[] = graph.nodes.map((node) => {
    const title = wrap(node.title, NODE_CHARS);
    const body = node.lines.flatMap((line) => wrap(line, NODE_CHARS));
    laid.set(node.id, { node, title, body });
    const longest = Math.max(...[...title, ...body].map((line) => line.length), 10);
    return {
      id: node.id,
      width: Math.ceil(longest * CHAR + 2 * PAD),
      height: (title.length + body.length) * LINE + 2 * PAD + 4,
    };
  });
  // Outcomes go in a grid below the flow, in rule order, so that many outcomes do not make
  // one very wide row; the routing table's box names the outcome of each rule.
  const isOutcome = (id: string) => laid.get(id)?.node.kind === 'outcome';
  const children = sized.filter((node) => !isOutcome(node.id));
  const outcomes = sized.filter((node) => isOutcome(node.id));
  const edgeLines = new Map<string, string[]>();
  const flowEdges = graph.edges.filter((edge) => !isOutcome(edge.from) && !isOutcome(edge.to));
  const edges: ElkExtendedEdge[] = flowEdges.map((edge, index) => {
    const id = `e${index}`;
    const lines = edge.labels.flatMap((label) => wrap(label, LABEL_CHARS));
    edgeLines.set(id, lines);
    const longest = Math.max(...lines.map((line) => line.length), 1);
    return {
      id,
      sources: [edge.from],
      targets: [edge.to],
      labels: lines.length
        ? [
            {
              id: `${id}-label`,
              text: lines.join('\n'),
              width: longest * 6.6 + 6,
              height: lines.length * 15 + 4,
            },
          ]
        : [],
    };
  });
  const elk = new ELK();
  const graphInput: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': '60',
      'elk.spacing.nodeNode': '40',
      'elk.spacing.edgeLabel': '4',
      'elk.spacing.edgeNode': '20',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.edgeLabels.inline': 'false',
    },
    children,
    edges,
  };
  const result: ElkNode = await elk.layout(graphInput);
  const parts: string[] = [];
  // The outcome grid.
  const flowWidth = result.width ?? 0;
  const cell = Math.max(...outcomes.map((node) => node.width ?? 0), 200) + 24;
  const columns = Math.max(3, Math.floor(Math.max(flowWidth, 1000) / cell));
  let top = (result.height ?? 0) + 50;
  if (outcomes.length > 0) {
    parts.push(
      `<text x="0" y="${(top - 8).toFixed(1)}" font-size="14" font-weight="700" fill="#101828">Outcomes, in the order of the routing table’s rules</text>`,
    );
  }
  for (let row = 0; row * columns < outcomes.length; row += 1) {
    const cells = outcomes.slice(row * columns, (row + 1) * columns);
    cells.forEach((node, column) => {
      node.x = column * cell;
      node.y = top;
    });
    top += Math.max(...cells.map((node) => node.height ?? 0)) + 24;
  }
  const placed = [...(result.children ?? []), ...outcomes];
  const width = Math.ceil(Math.max(flowWidth, columns * cell) + 20);
  const height = Math.ceil(top + 20);
  for (const edge of (result.edges ?? []) as ElkExtendedEdge[]) {
    for (const section of edge.sections ?? []) {
      const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint];
      parts.push(
        `<path d="M${points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' L')}" fill="none" stroke="#667085" stroke-width="1.4" marker-end="url(#arrow)"/>`,
      );
    }
    for (const label of edge.labels ?? []) {
      const lines = edgeLines.get(edge.id) ?? [];
      const x = label.x ?? 0;
      const y = label.y ?? 0;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(label.width ?? 0).toFixed(1)}" height="${(label.height ?? 0).toFixed(1)}" fill="#ffffff" opacity="0.9"/>`,
        `<text x="${(x + 3).toFixed(1)}" y="${(y + 13).toFixed(1)}" font-size="11.5" fill="#344054">${lines
          .map(
            (line, i) =>
              `<tspan x="${(x + 3).toFixed(1)}" dy="${i === 0 ? 0 : 15}">${escapeHtml(line)}</tspan>`,
          )
          .join('')}</text>`,
      );
    }
  }
  for (const child of placed) {
    const item = laid.get(child.id);
    if (!item) continue;
    const style = styleOf(item.node);
    const x = child.x ?? 0;
    const y = child.y ?? 0;
    const tspans = [
      ...item.title.map((line) => ({ line, bold: true })),
      ...item.body.map((line) => ({ line, bold: false })),
    ]
      .map(
        ({ line, bold }, i) =>
          `<tspan x="${(x + PAD).toFixed(1)}" dy="${i === 0 ? 0 : LINE}"${bold ? ' font-weight="700"' : ''}>${escapeHtml(line)}</tspan>`,
      )
      .join('');
    parts.push(
      `<g data-step="${escapeHtml(item.node.id)}"><rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(child.width ?? 0).toFixed(1)}" height="${(child.height ?? 0).toFixed(1)}" rx="8" fill="${style.fill}" stroke="${style.stroke}" stroke-width="1.6"/><text x="${(x + PAD).toFixed(1)}" y="${(y + PAD + FONT).toFixed(1)}" font-size="${FONT}" fill="#101828">${tspans}</text></g>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Map of the ${escapeHtml(graph.dialogId)} dialog" width="${width}" height="${height}" viewBox="-10 -10 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"><defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#667085"/></marker></defs>${parts.join('')}</svg>`;
}
