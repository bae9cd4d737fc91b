/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Colours by urgency, shared by the book and the map so they read alike. */
export const urgencyColours = {
  emergency: { fill: '#fde2e1', stroke: '#b42318', text: '#7a271a' },
  urgent: { fill: '#fef0c7', stroke: '#b54708', text: '#7a2e0e' },
  routine: { fill: '#d1fadf', stroke: '#067647', text: '#054f31' },
} as const;

const css = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1d2939;margin:0;background:#f8f9fb}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:21px;margin:32px 0 8px;border-bottom:2px solid #d0d5dd;padding-bottom:4px}
h3{font-size:17px;margin:22px 0 6px}h4{font-size:15px;margin:14px 0 4px}
.meta{color:#475467}table{border-collapse:collapse;margin:8px 0;background:#fff}
td,th{border:1px solid #d0d5dd;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f2f4f7}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;border:1px solid}
.badge.emergency{background:${urgencyColours.emergency.fill};border-color:${urgencyColours.emergency.stroke};color:${urgencyColours.emergency.text}}
.badge.urgent{background:${urgencyColours.urgent.fill};border-color:${urgencyColours.urgent.stroke};color:${urgencyColours.urgent.text}}
.badge.routine{background:${urgencyColours.routine.fill};border-color:${urgencyColours.routine.stroke};color:${urgencyColours.routine.text}}
.channels{display:grid;grid-template-columns:repeat(3,1fr);gap:10px;margin:6px 0 14px}
.channel{background:#fff;border:1px solid #d0d5dd;border-radius:8px;padding:8px}
.channel>.name{font-size:12px;font-weight:700;color:#475467;text-transform:uppercase;letter-spacing:.04em}
.bubble{background:#eef4ff;border-radius:10px;padding:6px 10px;margin:6px 0}
.bubble p{margin:0 0 6px}.bubble p:last-child{margin:0}
.plain{white-space:pre-wrap}.card .line{margin:2px 0;white-space:pre-wrap}
.sms{white-space:pre-wrap;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;background:#f2f4f7}
.card{border:1px solid #98a2b3;border-radius:6px;padding:6px 8px;margin:6px 0;background:#fff}
.card .title{font-weight:700}.card p{margin:2px 0}
.button{display:inline-block;border:1px solid #2f5d62;color:#2f5d62;border-radius:14px;padding:1px 10px;margin:2px 4px 2px 0;font-size:13px;background:#fff}
.end{font-size:12px;color:#475467;font-style:italic}
.transcript{background:#fff;border:1px solid #d0d5dd;border-radius:8px;padding:8px 12px;margin:4px 0 10px}
.turn{margin:4px 0}.who{font-weight:700;display:inline-block;min-width:86px;color:#475467}
.person{color:#1d2939;background:#fff7e6;border-radius:8px;padding:1px 8px}
.says{white-space:pre-wrap}
details>summary{cursor:pointer}
.small{font-size:13px;color:#475467}
.ins{background:#d1fadf}.del{background:#fde2e1;text-decoration:line-through}
@media print{.channels{grid-template-columns:1fr 1fr 1fr}details{display:block}main{max-width:none}}
`;

/** A whole self-contained page: no scripts, no outside resources, readable offline. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title><style>${css}</style></head>
<body><main>${body}</main></body></html>
`;
}
