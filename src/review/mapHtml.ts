import type { Content } from '../content/loadContent.js';
import { compileDialogs } from '../engine/compileConversation.js';
import { enumeratePaths } from './enumeratePaths.js';
import { escapeHtml, page, urgencyColours } from './html.js';
import { buildMapGraph, type MapRule } from './mapGraph.js';
import { mapSvg } from './mapSvg.js';

function ruleBox(rule: MapRule): string {
  const colours = urgencyColours[rule.urgency];
  return `<div style="border:2px solid ${colours.stroke};background:${colours.fill};border-radius:8px;padding:6px 10px;margin:6px 0"><b>${escapeHtml(rule.title)}</b><br>${rule.lines.map(escapeHtml).join('<br>')}</div>`;
}

const legend = `<p class="small">Boxes: <span class="badge" style="background:#eef4ff;border-color:#3538cd">question</span> <span class="badge" style="background:#f4f3ff;border-color:#6941c6">eligibility question</span> <span class="badge" style="background:#f2f4f7;border-color:#344054">routing table</span> outcomes and built-in replies by urgency: <span class="badge routine">routine</span> <span class="badge urgent">urgent</span> <span class="badge emergency">emergency</span>. Arrows are labelled with the buttons that lead along them; “Not sure” is a button at every question.</p>`;

/**
 * The map of every conversation: one SVG per dialog, drawn from the paths the engine
 * really takes, with the interruptions that apply everywhere listed once above it.
 */
export async function mapHtml(content: Content, now: Date): Promise<string> {
  const services = new Map(
    content.services.services.map((service) => [service.id, service.name.value]),
  );
  const sections: string[] = [];
  const dialogs = [...compileDialogs(content).values()];
  for (const conversation of dialogs) {
    // Each state once is enough to see every box and arrow, however many paths there are.
    const enumeration = enumeratePaths(conversation, { now, reachOnly: true });
    const graph = buildMapGraph(conversation, enumeration, services);
    const svg = await mapSvg(graph);
    sections.push(`
<h2 id="${escapeHtml(conversation.dialogId)}">Dialog “${escapeHtml(conversation.dialogId)}”: ${graph.nodes.length} boxes</h2>
<h3>At every step, before anything else</h3>
${graph.everywhere.map(ruleBox).join('')}
<h3>The conversation</h3>${legend}
<div style="overflow:auto;background:#fff;border:1px solid #d0d5dd;border-radius:8px;padding:8px">${svg}</div>`);
  }
  const body = `<h1>Waymark: map of every conversation</h1>
<p class="meta">Content version <b>${escapeHtml(content.version)}</b>. Drawn by running the real engine over dialogs/ and content/.</p>
<ul>${dialogs.map((d) => `<li><a href="#${escapeHtml(d.dialogId)}">${escapeHtml(d.dialogId)}</a></li>`).join('')}</ul>
${sections.join('')}`;
  return page(`Waymark map (${content.version})`, body);
}
