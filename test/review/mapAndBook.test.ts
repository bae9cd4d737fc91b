import { expect } from 'chai';
import { loadContent, type Content } from '../../src/content/loadContent.js';
import { bookHtml } from '../../src/review/bookHtml.js';
import { buildReview } from '../../src/review/bookModel.js';
import { mapHtml } from '../../src/review/mapHtml.js';
import { contentWithDialog, disk, longDialog, NOW } from './support.js';

const options = { now: NOW, linkBase: 'https://bot.example.org' };

function stepIdsOf(content: Content): string[] {
  return content.dialogs.flatMap((dialog) => [
    ...dialog.steps.flatMap((step) => ('question' in step ? [step.question] : [])),
    ...dialog.eligibility.map((question) => question.question),
    ...dialog.outcomes.map((outcome) => outcome.outcome),
  ]);
}

describe('the map (npm run content:map)', () => {
  it('holds every question, eligibility question and outcome of the shipped dialogs', async () => {
    const content = loadContent(disk);
    const html = await mapHtml(content, NOW);
    for (const id of stepIdsOf(content)) expect(html, id).to.include(`data-step="${id}"`);
    // The interruptions that apply everywhere are shown once, as rules.
    expect(html).to.include('At every step, before anything else');
    expect(html.match(/Words of danger now \(e\.g\./g)).to.have.length(content.dialogs.length);
    // Self-contained: no scripts and nothing fetched from elsewhere.
    expect(html).not.to.match(/<script|<link |src="http/);
  });

  it('draws the staff dialog with its own routing table, and says which replies its policy leaves out', async () => {
    const content = loadContent(disk);
    const html = await mapHtml(content, NOW);
    // The words as read: SVG wraps a box's lines into separate text spans.
    const staff = html
      .slice(html.indexOf('<h2 id="staff">'))
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
    expect(staff).to.include('Routing table (content/staff-routing.yml)');
    content.staffRouting.rules.forEach((rule, i) => {
      expect(staff, rule.outcome).to.match(new RegExp(`${i + 1}\\. [^→]*→ ${rule.outcome}\\b`));
    });
    // Staff get no survivor urgent reply: the map says so, and shows no made-up reply.
    expect(staff).to.include('(e.g. “said he would kill”): no interruption in this dialog');
    expect(staff).not.to.include('→ ?');
    // The handover to the public conversation is shown on the outcome that makes it.
    expect(staff).to.include('Then carries on in the “triage” conversation, marked as a preview');
    // A risk to one's own life is answered, then the conversation carries on.
    const ownLife = staff.slice(staff.indexOf('A risk to their own life'));
    expect(ownLife.slice(0, ownLife.indexOf('Words of high risk'))).to.include(
      '“carry on” returns',
    );
  });

  it('draws a 45-step dialog with every step in it, at the same text size', async () => {
    const content = loadContent((path) =>
      path === 'dialogs/triage.yml' ? longDialog(45) : disk(path),
    );
    const html = await mapHtml(content, NOW);
    for (let i = 1; i <= 45; i += 1) expect(html).to.include(`data-step="step-${i}"`);
    expect(html).to.include('data-step="everyone"');
    expect(html).to.include('font-size="13"');
  });
});

describe('the book (npm run content:book)', () => {
  it('gives a dialog with a known number of paths exactly that number', () => {
    const html = bookHtml(buildReview(contentWithDialog('two-questions.yml'), options));
    expect(html).to.include('Dialog “triage”: 19 paths');
    expect(html).to.include('9 paths through the questions');
    expect(html.match(/<details id="triage-\d+">/g)).to.have.length(19);
    // Each path on one line: the buttons pressed, then where it ends.
    expect(html).to.include('<b>Path 1</b>: Alpha › Gamma → everyone</summary>');
  });

  it('shows each message as the web, Teams and SMS renderers do, with an index of outcomes', () => {
    const html = bookHtml(buildReview(contentWithDialog('two-questions.yml'), options));
    expect(html).to.include('Index of outcomes');
    expect(html).to.include('Outcome “everyone”');
    expect(html).to.include('<div class="name">Web chat</div>');
    expect(html).to.include('<div class="name">SMS</div>');
    // SMS numbers its choices; the web shows them as buttons.
    expect(html).to.include('Reply 1 for Alpha');
    expect(html).to.include('<span class="button">Alpha</span>');
    expect(html).to.include('First question. In an emergency call 999.');
  });

  it('draws each Teams card as Teams does: its lines, and its buttons with where they lead', () => {
    const html = bookHtml(buildReview(contentWithDialog('two-questions.yml'), options));
    const teams = [
      ...html.matchAll(
        /<div class="name">Teams<\/div>([\s\S]*?)<div class="channel"><div class="name">SMS/g,
      ),
    ].map((match) => match[1] ?? '');
    expect(teams).to.have.length.greaterThan(0);
    const all = teams.join('');
    // Choices are buttons, not the card's one-paragraph plain-text fallback.
    expect(all).to.include('<span class="button">Alpha</span>');
    expect(all).not.to.include('1. Alpha');
    // Service cards show each call button's number as the tel: link Teams opens.
    expect(all).to.match(
      /<span class="button" title="tel:\+?\d+">Call [^<]+<span class="small">\(tel:/,
    );
    // Only SMS counts characters and segments.
    expect(all).not.to.include('characters');
    expect(html).to.match(/\d+ characters, \d segments? \(GSM-7\)/);
  });
});
