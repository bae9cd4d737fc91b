import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import {
  openConversation,
  poll,
  postMessage,
  request,
  startServer,
  type TestServer,
} from './helpers.js';

const ORIGIN = 'https://charity.example';

describe('Direct Line channel: headers and the widget endpoints', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer({ ALLOWED_ORIGINS: `${ORIGIN}, https://other.example` });
  });
  afterEach(async () => {
    await server.close();
  });

  it('answers CORS preflight for allowed origins only, with the headers Web Chat sends', async () => {
    for (const path of [
      '/v3/directline/conversations',
      '/v3/directline/conversations/x/activities',
      '/api/webchat/token',
    ]) {
      const allowed = await request(server.url, 'OPTIONS', path, {
        headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST' },
      });
      expect(allowed.status, path).to.equal(204);
      expect(allowed.headers['access-control-allow-origin']).to.equal(ORIGIN);
      const allowHeaders = String(allowed.headers['access-control-allow-headers']).toLowerCase();
      for (const header of [
        'authorization',
        'content-type',
        'x-ms-bot-agent',
        'x-requested-with',
      ]) {
        expect(allowHeaders).to.contain(header);
      }
      expect(allowed.headers['cache-control']).to.equal('no-store');
    }
    const refused = await request(server.url, 'OPTIONS', '/v3/directline/conversations', {
      headers: { Origin: 'https://evil.example' },
    });
    expect(refused.headers['access-control-allow-origin']).to.equal(undefined);
  });

  it('sends Cache-Control: no-store on every response, errors included', async () => {
    const { conversationId, token } = await openConversation(server.url);
    const replies = [
      await poll(server.url, conversationId, token),
      await poll(server.url, conversationId, 'bad'),
      await poll(server.url, 'missing', 'test-secret-value'),
      await postMessage(server.url, conversationId, token, 'hi'),
      await request(
        server.url,
        'POST',
        `/v3/directline/conversations/${conversationId}/activities`,
        { token, body: '{' },
      ),
      await request(server.url, 'GET', '/v3/directline/nothing/here', { token }),
      await request(server.url, 'POST', '/api/webchat/token', { headers: { Origin: ORIGIN } }),
      await request(server.url, 'POST', '/api/webchat/end', {
        body: 'x',
        headers: { 'Content-Type': 'text/plain' },
      }),
    ];
    for (const reply of replies)
      expect(reply.headers['cache-control'], String(reply.status)).to.equal('no-store');
    expect(replies[6]?.headers['access-control-allow-origin']).to.equal(ORIGIN);
  });

  it('gives the page a token and domain, never the secret', async () => {
    const reply = await request(server.url, 'POST', '/api/webchat/token', {
      headers: { Host: 'bot.example:8080' },
    });
    expect(reply.status).to.equal(200);
    expect(reply.json).to.include.keys('token', 'conversationId', 'domain', 'expires_in', 'mode');
    expect(reply.json.mode).to.equal('self-hosted');
    expect(reply.json.domain).to.equal('http://bot.example:8080/v3/directline');
    expect(reply.text).not.to.contain('test-secret-value');
    const { token, conversationId } = reply.json;
    const started = await request(server.url, 'POST', '/v3/directline/conversations', {
      token,
      body: '{}',
    });
    expect(started.json.conversationId).to.equal(conversationId);
    expect((await poll(server.url, conversationId, token)).json.activities[0].text).to.contain(
      '999',
    );
  });

  it('uses PUBLIC_URL for the domain when it is set', async () => {
    const other = await startServer({ PUBLIC_URL: 'https://help.charity.example/' });
    try {
      const reply = await request(other.url, 'POST', '/api/webchat/token');
      expect(reply.json.domain).to.equal('https://help.charity.example/v3/directline');
    } finally {
      await other.close();
    }
  });

  it('ends and forgets a conversation from a text/plain beacon body', async () => {
    const { token, conversationId } = (await request(server.url, 'POST', '/api/webchat/token'))
      .json;
    await request(server.url, 'POST', '/v3/directline/conversations', { token });
    const ended = await request(server.url, 'POST', '/api/webchat/end', {
      body: token,
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
    });
    expect(ended.status).to.equal(204);
    expect(server.forgotten).to.deep.include(['webchat', conversationId]);
    expect([403, 404]).to.include((await poll(server.url, conversationId, token)).status);
  });

  it('answers bad beacon bodies with 400 or 204, and keeps serving', async () => {
    const bodies = [
      '',
      'garbage',
      '{"token": 5}',
      '{not json',
      'x'.repeat(100_000),
      'test-secret-value',
    ];
    for (const body of bodies) {
      const reply = await request(server.url, 'POST', '/api/webchat/end', {
        body,
        headers: { 'Content-Type': 'text/plain' },
      });
      expect([204, 400]).to.include(reply.status);
    }
    expect(server.forgotten).to.have.length(0);
    expect((await request(server.url, 'POST', '/api/webchat/token')).status).to.equal(200);
  });

  it('in Azure mode, exchanges the Azure secret server-side and returns the Azure token', async () => {
    const seen: { auth?: string; path?: string }[] = [];
    let status = 200;
    const azure = http.createServer((req, res) => {
      seen.push({ auth: req.headers.authorization, path: req.url });
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({ conversationId: 'azure-conv', token: 'azure-token', expires_in: 3600 }),
      );
    });
    await new Promise<void>((resolve) => azure.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(azure.address() as AddressInfo).port}/v3/directline`;
    const azureServer = await startServer({
      DIRECT_LINE_MODE: 'azure',
      AZURE_DIRECT_LINE_SECRET: 'azure-secret',
      AZURE_DIRECT_LINE_ENDPOINT: endpoint,
    });
    try {
      const reply = await request(azureServer.url, 'POST', '/api/webchat/token');
      expect(reply.status).to.equal(200);
      expect(reply.json).to.deep.equal({
        conversationId: 'azure-conv',
        token: 'azure-token',
        expires_in: 3600,
        domain: endpoint,
        mode: 'azure',
      });
      expect(seen).to.deep.equal([
        { auth: 'Bearer azure-secret', path: '/v3/directline/tokens/generate' },
      ]);
      expect(reply.text).not.to.contain('azure-secret');
      status = 500;
      const failed = await request(azureServer.url, 'POST', '/api/webchat/token');
      expect(failed.status).to.equal(502);
      expect(failed.text).not.to.contain('azure-secret');
    } finally {
      await azureServer.close();
      await new Promise<void>((resolve) => azure.close(() => resolve()));
    }
  });
});
