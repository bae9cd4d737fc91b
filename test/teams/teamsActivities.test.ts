import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createApp, type App } from '../../src/app.js';
import { loadSettings } from '../../src/config/settings.js';
import type { AdaptiveCard } from '../../src/channels/render/adaptiveCard.js';
import type { OutgoingMessage } from '../../src/channels/render/outgoingActivity.js';

const OUR_TENANT = '11111111-2222-4333-8444-555555555555';
const PARTNER_TENANT = '66666666-7777-4888-9999-000000000000';
const OTHER_TENANT = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const BOT = { id: '28:waymark-bot', name: 'Waymark' };
const AT_WAYMARK = '<at>Waymark</at>';

/**
 * Teams activities through the real /api/messages: restify, our request checks, botbuilder's
 * CloudAdapter and the bot, with expectReplies so the replies come back in the response.
 * These cover what the Agents Playground cannot send.
 */
describe('Teams activities through the real CloudAdapter', () => {
  let app: App;
  let base: string;
  const events: string[] = [];
  let conversationCount = 0;

  before(async () => {
    const settings = loadSettings({
      PORT: '0',
      ALLOWED_TENANTS: `${OUR_TENANT}, ${PARTNER_TENANT}`,
    });
    app = createApp(settings, { log: (event) => events.push(event) });
    const address: AddressInfo = await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${address.port}`;
  });
  after(() => app.close());

  type Scope = 'personal' | 'groupChat' | 'channel';
  const conversation = (scope: Scope, tenant = OUR_TENANT) => {
    conversationCount += 1;
    const id =
      scope === 'channel'
        ? `19:general@thread.tacv2;messageid=${conversationCount}`
        : `a:conversation-${scope}-${conversationCount}`;
    return {
      id,
      conversationType: scope,
      tenantId: tenant,
      ...(scope !== 'personal' ? { isGroup: true } : {}),
    };
  };

  const send = async (
    conv: ReturnType<typeof conversation>,
    extra: Record<string, unknown>,
  ): Promise<OutgoingMessage[]> => {
    const response = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:9/never-called',
        deliveryMode: 'expectReplies',
        conversation: conv,
        from: { id: '29:staff-member', aadObjectId: '0f0f0f0f-0000-4000-8000-000000000001' },
        recipient: BOT,
        channelData: { tenant: { id: conv.tenantId } },
        ...extra,
      }),
    });
    expect(response.status).to.equal(200);
    const body = (await response.json()) as { activities: OutgoingMessage[] };
    // An invoke's own response travels with the replies; it is not a reply.
    return body.activities.filter((activity) => activity.type === 'message');
  };
  const mention = (text: string) => ({
    text: `${AT_WAYMARK} ${text}`,
    entities: [{ type: 'mention', mentioned: BOT, text: AT_WAYMARK }],
  });
  const steps = (replies: OutgoingMessage[]) => replies.map((r) => r.channelData.signpost.step);
  const card = (reply: OutgoingMessage | undefined): AdaptiveCard => {
    const attachment = reply?.attachments?.at(-1);
    expect(attachment?.contentType).to.equal('application/vnd.microsoft.card.adaptive');
    return attachment?.content as AdaptiveCard;
  };

  it('a personal chat starts the staff conversation, with its opening first', async () => {
    const replies = await send(conversation('personal'), { text: 'hi' });
    expect(steps(replies)).to.deep.equal(['greeting', 'staff-topic']);
    expect(replies[0]?.text).to.include('never type the name or details').and.include('999');
    expect(replies[0]?.textFormat).to.equal('plain');
  });

  it('a channel message that does not @mention Waymark gets no reply and starts nothing', async () => {
    const conv = conversation('channel');
    expect(await send(conv, { text: 'hi everyone, my client has a knife' })).to.deep.equal([]);
    // The thread has no state: the first mention gets the opening.
    expect(steps(await send(conv, mention('hello')))).to.deep.equal(['greeting', 'staff-topic']);
  });

  it('a group chat answers only an @mention, and the mention of someone else is not one', async () => {
    const conv = conversation('groupChat');
    const someoneElse = { id: '29:colleague', name: 'Sam' };
    const notUs = await send(conv, {
      text: '<at>Sam</at> hello',
      entities: [{ type: 'mention', mentioned: someoneElse, text: '<at>Sam</at>' }],
    });
    expect(notUs).to.deep.equal([]);
    expect(steps(await send(conv, mention('hello')))).to.deep.equal(['greeting', 'staff-topic']);
  });

  it('strips the mention before anything reads the text: "@Waymark help" is the help command', async () => {
    const conv = conversation('channel');
    await send(conv, mention('hello'));
    const replies = await send(conv, mention('help'));
    expect(steps(replies)[0]).to.equal('help');
    // The mention is never echoed back, as markup or otherwise.
    for (const reply of replies) expect(JSON.stringify(reply)).not.to.include('<at>');
  });

  it('staff words of danger after a mention get the STAFF emergency reply, first and short', async () => {
    const conv = conversation('groupChat');
    await send(conv, mention('hi'));
    await send(conv, mention("I'm supporting someone"));
    const [reply, ...rest] = await send(conv, mention('my client said he has a knife'));
    expect(rest).to.deep.equal([]);
    expect(reply?.channelData.signpost).to.include({ step: 'emergency', urgency: 'emergency' });
    const lines = reply?.text.split('\n') ?? [];
    expect(lines).to.have.length.at.most(3);
    expect(lines[0]).to.match(/999/).and.include('immediate danger');
    expect(reply?.text).to.include('Tell the operator');
    // Not the survivor's "to leave at once, type exit".
    expect(reply?.text).not.to.match(/type exit/i);
  });

  it('another organisation gets a polite refusal with 999, and no content', async () => {
    const conv = conversation('personal', OTHER_TENANT);
    const replies = await send(conv, { text: 'where can I refer my client?' });
    expect(steps(replies)).to.deep.equal(['tenant-refused']);
    expect(replies[0]?.text).to.include('999').and.include("isn't available to your organisation");
    expect(replies[0]?.attachments).to.equal(undefined);
    expect(replies[0]?.channelData.signpost.services).to.deep.equal([]);
    expect(events).to.include('teams-tenant-refused');
  });

  it('a partner organisation listed in ALLOWED_TENANTS is served', async () => {
    const replies = await send(conversation('personal', PARTNER_TENANT), { text: 'hello' });
    expect(steps(replies)).to.deep.equal(['greeting', 'staff-topic']);
  });

  it('an Adaptive Card submit (value, no text) is read as the choice it carries', async () => {
    const conv = conversation('personal');
    const [, question] = await send(conv, { text: 'hi' });
    const supporting = card(question).actions.find(
      (action) => action.title === "I'm supporting someone",
    );
    expect(supporting).to.deep.include({ type: 'Action.Submit' });
    const data = supporting && 'data' in supporting ? supporting.data : undefined;
    const replies = await send(conv, { text: '', value: data });
    expect(steps(replies)).to.deep.equal(['staff-need']);
  });

  it('an adaptiveCard/action invoke in a channel is read as a choice, with no mention needed', async () => {
    const conv = conversation('channel');
    await send(conv, mention('hi'));
    await send(conv, { text: '', value: { choice: 'supporting' } });
    const replies = await send(conv, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', data: { choice: 'risk' } } },
    });
    expect(steps(replies)).to.deep.equal(['staff-risk']);
    expect(replies[0]?.channelData.signpost.services).to.deep.equal(['marac', 'safelives-dash']);
  });

  it('being added to a team gets one short welcome; people joining later get nothing', async () => {
    const conv = conversation('channel');
    const installed = await send(conv, { type: 'conversationUpdate', membersAdded: [BOT] });
    expect(steps(installed)).to.deep.equal(['welcome']);
    expect(installed[0]?.text).to.include('999');
    const joined = await send(conv, {
      type: 'conversationUpdate',
      membersAdded: [{ id: '29:new-starter' }],
    });
    expect(joined).to.deep.equal([]);
  });

  it('renders services as Adaptive Cards with call and website buttons and a plain-text fallback', async () => {
    const conv = conversation('personal');
    await send(conv, { text: 'hi' });
    await send(conv, { text: "I'm supporting someone" });
    await send(conv, { text: 'where to refer' });
    await send(conv, { text: 'a woman' });
    const [reply] = await send(conv, { text: 'Southend' });
    expect(reply?.channelData.signpost).to.deep.include({
      step: 'referral-southend',
      services: ['sos-domestic-abuse-projects'],
    });
    const service = reply?.attachments?.[0]?.content as AdaptiveCard;
    expect(service.version).to.equal('1.5');
    expect(service.body[0]?.text).to.equal('SOS Domestic Abuse Projects');
    expect(service.actions.map((a) => ('url' in a ? a.url : ''))).to.include('tel:01702302333');
    expect(service.fallbackText).to.include('01702 302333');
  });

  it('shows LGBT+ without a markdown backslash', async () => {
    const conv = conversation('personal');
    await send(conv, { text: 'hi' });
    await send(conv, { text: "I'm supporting someone" });
    const [question] = await send(conv, { text: 'where to refer' });
    expect(question?.text).to.include('LGBT+').and.not.include('\\');
    expect(JSON.stringify(card(question)))
      .to.include('An LGBT+ person')
      .and.not.include('\\\\');
  });
});
