import type { IncomingMessage } from 'node:http';
import { TextPrefixScanner } from './textPrefixScanner.js';

/** A request body, read with a size limit. */
export type BodyResult =
  | { kind: 'ok'; text: string }
  /** Over the limit. `textPrefix` is the start of its top-level `text`, when it had one. */
  | { kind: 'too-large'; bytes: number; textPrefix: string | undefined; cutOff: boolean }
  | { kind: 'failed' };

/** Limits for `readBody`. */
export interface BodyLimits {
  /** Largest body accepted whole. */
  maxBytes: number;
  /** How far an oversized body is read (and discarded) before the request is cut off. */
  drainBytes: number;
  /** Characters of an oversized body's text to keep. */
  prefixChars: number;
}

/**
 * Reads a request body ourselves rather than with restify's bodyParser, because an oversized
 * message must still yield the start of its text (see TextPrefixScanner), which a parser
 * that simply rejects large bodies cannot give.
 *
 * If some earlier middleware already read the body, what it left in `req.body` is used.
 */
export function readBody(req: IncomingMessage, limits: BodyLimits): Promise<BodyResult> {
  const parsedAlready = (req as IncomingMessage & { body?: unknown }).body;
  if (parsedAlready !== undefined || req.readableEnded) {
    return Promise.resolve(fromParsed(parsedAlready, limits));
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let scanner: TextPrefixScanner | undefined;
    let settled = false;

    const finish = (result: BodyResult): void => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onError);
      req.off('close', onClose);
      resolve(result);
    };
    const tooLarge = (cutOff: boolean): BodyResult => ({
      kind: 'too-large',
      bytes,
      textPrefix: scanner?.result(),
      cutOff,
    });
    const onData = (chunk: Buffer): void => {
      bytes += chunk.length;
      if (!scanner && bytes <= limits.maxBytes) {
        chunks.push(chunk);
        return;
      }
      if (!scanner) {
        // Just went over: from here on, only the start of the text is kept.
        scanner = new TextPrefixScanner(limits.prefixChars);
        for (const held of chunks) scanner.write(held);
        chunks.length = 0;
      }
      if (!scanner.done) scanner.write(chunk);
      if (bytes > limits.drainBytes) {
        // Stop reading; the caller answers and the connection is closed.
        req.pause();
        finish(tooLarge(true));
      }
    };
    const onEnd = (): void => {
      finish(
        scanner ? tooLarge(false) : { kind: 'ok', text: Buffer.concat(chunks).toString('utf8') },
      );
    };
    const onError = (): void => finish({ kind: 'failed' });
    // A client that goes away mid-body must not leave the handler waiting for ever.
    const onClose = (): void => {
      if (!req.readableEnded) onError();
    };

    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onError);
    req.on('close', onClose);
  });
}

function fromParsed(body: unknown, limits: BodyLimits): BodyResult {
  if (body === undefined || body === null) return { kind: 'ok', text: '' };
  const text =
    typeof body === 'string'
      ? body
      : Buffer.isBuffer(body)
        ? body.toString('utf8')
        : JSON.stringify(body);
  const bytes = Buffer.byteLength(text);
  if (bytes <= limits.maxBytes) return { kind: 'ok', text };
  const scanner = new TextPrefixScanner(limits.prefixChars);
  scanner.write(Buffer.from(text));
  return { kind: 'too-large', bytes, textPrefix: scanner.result(), cutOff: false };
}
