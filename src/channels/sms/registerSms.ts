import twilio from 'twilio';
import type { Request, Response, Server } from 'restify';
import type { SmsSettings } from '../../config/smsSettings.js';
import type { Log } from '../../observability/log.js';
import type { StatePort } from '../../state/StatePort.js';
import type { TurnRunner } from '../../turns/TurnRunner.js';
import { readForm } from './readForm.js';
import { SmsChannel } from './SmsChannel.js';
import { createTwilioClient } from './twilioClient.js';
import { DEFAULT_SEND_POLICY, TwilioSender, type SendPolicy } from './TwilioSender.js';

/** Twilio's inbound message webhook, and where it reports the status of each reply. */
export const SMS_PATH = '/api/sms';
export const SMS_STATUS_PATH = '/api/sms/status';
/** A webhook is a few hundred bytes of fields plus a body of at most 1,600 characters. */
const MAX_FORM_BYTES = 64 * 1024;
/** Each call to Twilio's API gets this long before it counts as failed (and is retried). */
const API_TIMEOUT_MS = 10_000;
/** The final states of a sent message, after which its record can be deleted. */
const FINAL_STATUSES = new Set(['delivered', 'undelivered', 'failed']);
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/** What `registerSms` needs. */
export interface SmsOptions {
  sms: SmsSettings;
  turns: TurnRunner;
  state: StatePort;
  log: Log;
  isEmergency: (text: string) => boolean;
  /** For tests: shorter retry waits and API timeout. */
  sendPolicy?: SendPolicy;
  apiTimeoutMs?: number;
}

/** The registered SMS channel: wait for queued turns, and stop timers at shutdown. */
export interface RegisteredSms {
  channel: SmsChannel;
  close(): Promise<void>;
}

/**
 * Serves `POST /api/sms` (Twilio's signed inbound webhook) and `POST /api/sms/status`
 * (delivery reports, used to delete records when SMS_DELETE_AFTER_SEND is on).
 *
 * Each request is checked with the official `validateRequest` against TWILIO_AUTH_TOKEN
 * and the exact public URL: PUBLIC_URL plus the path and query as received (never
 * X-Forwarded-* headers, which anyone can send). A request without a signature is refused
 * with 403 before its body is read; one with a wrong signature is refused with 403 and
 * goes no further. A verified message is acknowledged at once with empty TwiML, and its
 * replies go out through the Messages API (see the README for why not TwiML).
 */
export function registerSms(server: Server, options: SmsOptions): RegisteredSms {
  const { sms, log } = options;
  const client = createTwilioClient(sms, options.apiTimeoutMs ?? API_TIMEOUT_MS);
  const publicBase = sms.publicUrl.replace(/\/+$/, '');
  const statusCallback = sms.deleteAfterSend ? `${publicBase}${SMS_STATUS_PATH}` : undefined;
  const sender = new TwilioSender(
    client,
    sms,
    log,
    options.sendPolicy ?? DEFAULT_SEND_POLICY,
    statusCallback,
  );
  const channel = new SmsChannel({ ...options, sender });

  /** The verified form fields, or undefined once a refusal has been sent. */
  const verified = async (req: Request, res: Response) => {
    const signature = req.header('X-Twilio-Signature');
    if (!signature) {
      log('sms-unsigned-refused');
      refuse(res, 403);
      return undefined;
    }
    const form = await readForm(req, MAX_FORM_BYTES);
    if (form.kind !== 'ok') {
      log('sms-body-refused', { reason: form.kind });
      refuse(res, form.kind === 'too-large' ? 413 : 400);
      return undefined;
    }
    const url = `${publicBase}${req.url ?? ''}`;
    const algorithm = twilio.getSignatureAlgorithm(
      req.header('X-Twilio-Webhooks-Signature-Settings') || undefined,
    );
    if (!twilio.validateRequest(sms.authToken, signature, url, form.params, algorithm)) {
      log('sms-bad-signature-refused');
      refuse(res, 403);
      return undefined;
    }
    return form.params;
  };

  server.post(SMS_PATH, async (req: Request, res: Response) => {
    const params = await verified(req, res);
    if (!params) return;
    await channel.receive(params);
    res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
    res.end(EMPTY_TWIML);
  });

  server.post(SMS_STATUS_PATH, async (req: Request, res: Response) => {
    const params = await verified(req, res);
    if (!params) return;
    const sid = params.MessageSid;
    if (sms.deleteAfterSend && sid && FINAL_STATUSES.has(params.MessageStatus ?? '')) {
      // Delivered (or given up on): try at once, and again later if Twilio is not done.
      sender.deleteRecord(sid, true);
    }
    res.writeHead(204);
    res.end();
  });

  return {
    channel,
    async close() {
      sender.close();
      await channel.idle();
    },
  };
}

function refuse(res: Response, status: number): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
  res.end(status === 403 ? 'Forbidden' : 'Refused');
}
