import type { Wording } from '../content/schema/wordingSchema.js';

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The privacy notice that the greeting links to, as a small accessible HTML page. */
export function privacyPage(notice: Wording['privacyNotice']): string {
  const paragraphs = notice.paragraphs.map((p) => `    <p>${escapeHtml(p)}</p>`).join('\n');
  return `<!doctype html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="no-referrer">
  <title>${escapeHtml(notice.title)}</title>
  <style>
    body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0 auto; max-width: 40rem; padding: 1rem; color: #1b1b1b; }
    h1 { font-size: 1.6rem; }
  </style>
</head>
<body>
  <main>
    <h1>${escapeHtml(notice.title)}</h1>
${paragraphs}
  </main>
</body>
</html>
`;
}
