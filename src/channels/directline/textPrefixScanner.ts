import { StringDecoder } from 'node:string_decoder';

const SPECIAL = /["\\]/g;

/**
 * Finds the top-level `"text"` string in a JSON body that is too large to parse, and keeps
 * only its beginning.
 *
 * An oversized message is refused, but its first few KB must still reach urgency detection
 * (a long message can still say someone is in danger). So the body is scanned as it streams
 * in, holding nothing but a bounded slice of the text, and never the whole body.
 */
export class TextPrefixScanner {
  private readonly decoder = new StringDecoder('utf8');
  private readonly rawLimit: number;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private role: 'key' | 'capture' | 'other' = 'other';
  private expectingKey = false;
  private key = '';
  private lastKey: string | undefined;
  private raw = '';
  private found = false;
  private complete = false;

  /** @param maxChars how many characters of the text to keep. */
  constructor(private readonly maxChars: number) {
    // An escaped character takes up to six raw characters (\uXXXX).
    this.rawLimit = maxChars * 6;
  }

  /** True once the text has been captured (or the body ended), so more input can be skipped. */
  get done(): boolean {
    return this.complete;
  }

  /** Feeds the next chunk of the body. */
  write(chunk: Buffer): void {
    if (!this.complete) this.scan(this.decoder.write(chunk));
  }

  /** The start of the message text, or undefined when the body has no top-level text. */
  result(): string | undefined {
    if (!this.found) return undefined;
    return decodeJsonStringPrefix(this.raw, this.maxChars);
  }

  private scan(input: string): void {
    for (let i = 0; i < input.length && !this.complete; i++) {
      if (this.inString && this.role === 'other' && !this.escaped) {
        // Skip straight to the next quote or backslash: strings we do not keep can be long.
        SPECIAL.lastIndex = i;
        const next = SPECIAL.exec(input);
        if (!next) return;
        i = next.index;
      }
      const c = input[i] as string;
      if (this.inString) {
        this.inStringChar(c);
        continue;
      }
      if (c === '"') this.openString();
      else if (c === '{' || c === '[') {
        this.depth++;
        this.expectingKey = this.depth === 1 && c === '{';
      } else if (c === '}' || c === ']') {
        this.depth--;
        if (this.depth <= 0) this.complete = true;
      } else if (c === ',' && this.depth === 1) {
        this.expectingKey = true;
        this.lastKey = undefined;
      }
    }
  }

  private openString(): void {
    this.inString = true;
    if (this.depth === 1 && this.expectingKey) {
      this.role = 'key';
      this.key = '';
    } else if (this.depth === 1 && this.lastKey === 'text') {
      this.role = 'capture';
      this.found = true;
    } else {
      this.role = 'other';
    }
  }

  private inStringChar(c: string): void {
    if (this.escaped) this.escaped = false;
    else if (c === '\\') this.escaped = true;
    else if (c === '"') {
      this.inString = false;
      if (this.role === 'key') {
        this.lastKey = this.key;
        this.expectingKey = false;
      } else if (this.role === 'capture') {
        this.complete = true;
      }
      return;
    }
    if (this.role === 'key' && this.key.length < 8) this.key += c;
    else if (this.role === 'capture') {
      this.raw += c;
      if (this.raw.length >= this.rawLimit) this.complete = true;
    }
  }
}

/**
 * Decodes the inside of a JSON string that may have been cut short, keeping at most
 * `maxChars` characters. A cut-off escape or a lone half of a surrogate pair is dropped.
 */
export function decodeJsonStringPrefix(raw: string, maxChars: number): string {
  let body = raw.replace(/\\u[0-9a-fA-F]{0,3}$/, '');
  const trailingSlashes = /\\+$/.exec(body)?.[0].length ?? 0;
  if (trailingSlashes % 2 === 1) body = body.slice(0, -1);
  let text: string;
  try {
    text = JSON.parse(`"${body}"`) as string;
  } catch {
    // Not valid JSON inside (raw control characters, bad escapes): keep the printable part.
    text = [...body]
      .map((c) => (c < ' ' ? ' ' : c))
      .join('')
      .replace(/\\(.)/g, '$1');
  }
  text = text.slice(0, maxChars);
  return /[\ud800-\udbff]$/.test(text) ? text.slice(0, -1) : text;
}
