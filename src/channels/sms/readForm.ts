import type { IncomingMessage } from 'node:http';

/** The outcome of reading a form-encoded webhook body. */
export type FormResult =
  { kind: 'ok'; params: Record<string, string> } | { kind: 'too-large' } | { kind: 'failed' };

/**
 * Reads an application/x-www-form-urlencoded body of at most `maxBytes`. A larger body is
 * not from Twilio (an SMS body is at most 1,600 characters), so reading stops there.
 * Repeated fields keep their last value; every field is kept, because the signature
 * covers them all.
 */
export function readForm(req: IncomingMessage, maxBytes: number): Promise<FormResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let done = false;
    const finish = (result: FormResult) => {
      if (done) return;
      done = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        finish({ kind: 'too-large' });
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const params: Record<string, string> = {};
      for (const [name, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8')))
        params[name] = value;
      finish({ kind: 'ok', params });
    });
    req.on('error', () => finish({ kind: 'failed' }));
    req.on('close', () => finish({ kind: 'failed' }));
  });
}
