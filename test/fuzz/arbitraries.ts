import fc from 'fast-check';

/** Characters that break naive code: bidi and RTL marks, lone surrogates, controls, markup. */
const awkward = fc.constantFrom(
  '\u202e',
  '\u200f',
  '\u061c',
  '\u200b',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\u0000',
  '\u001b[31m',
  '\r\n',
  '😀',
  '👩🏽‍👧',
  'ש',
  'ع',
  '<',
  '>',
  '&amp;',
  '"',
  "'",
  '\\',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '**bold**',
  '{{x}}',
  '${x}',
);

/** Text of any kind: full unicode, awkward characters and markup, mixed. */
export const anyText = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), awkward), { maxLength: 12 })
  .map((parts) => parts.join(''));

/** A marker put in messages, so a test can tell if any reply repeats the person's text. */
export const marked = (n: number, text: string) => `${text}<b>fz${n}mark</b>${text}`;

/** A body from 0 bytes to 1 MB: mostly small, sometimes large. */
export const anyBody: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 6, arbitrary: anyText.map((text) => Buffer.from(text, 'utf8')) },
  { weight: 3, arbitrary: fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)) },
  {
    weight: 3,
    arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v) ?? '')),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 1024 * 1024 }), fc.constantFrom('a', '{', '"', '\u00e9'))
      .map(([size, fill]) => Buffer.alloc(size, fill)),
  },
);

/** Content types, right, wrong and broken. */
export const anyContentType = fc.option(
  fc.oneof(
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      'application/vnd.x+json',
      '',
      ';;;',
    ),
    fc.string({ unit: 'binary-ascii', maxLength: 40 }),
  ),
  { nil: undefined },
);

/** Content encodings a client could claim. */
export const anyEncoding = fc.option(
  fc.oneof(
    fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'gzip, gzip', 'x-gzip', 'compress', ''),
    fc.string({ unit: 'binary-ascii', maxLength: 20 }),
  ),
  { nil: undefined },
);

/** Activity-like objects: right shapes, wrong types, missing and extra fields. */
export const anyActivityShape = fc.record(
  {
    type: fc.oneof(
      fc.constantFrom(
        'message',
        'conversationUpdate',
        'event',
        'typing',
        'invoke',
        'endOfConversation',
      ),
      fc.anything({ maxDepth: 1 }),
    ),
    text: fc.oneof(anyText, fc.anything({ maxDepth: 1 })),
    textFormat: fc.oneof(fc.constantFrom('plain', 'markdown', 'xml'), fc.anything({ maxDepth: 0 })),
    channelData: fc.oneof(fc.object({ maxDepth: 2 }), fc.anything({ maxDepth: 1 })),
    value: fc.anything({ maxDepth: 2 }),
    name: fc.oneof(anyText, fc.anything({ maxDepth: 0 })),
    locale: fc.oneof(fc.constantFrom('en-GB', 'cy', 'ar'), fc.anything({ maxDepth: 0 })),
    membersAdded: fc.oneof(
      fc.array(fc.record({ id: fc.string() }), { maxLength: 3 }),
      fc.anything({ maxDepth: 1 }),
    ),
    attachments: fc.anything({ maxDepth: 2 }),
  },
  { requiredKeys: [] },
);

/** Only valid header values: node's http client refuses the rest before sending. */
export const headerSafe = (value: string | undefined) =>
  value === undefined || /^[\t\x20-\x7e]*$/.test(value);

/**
 * Percent-encodes any text for a URL path, lone surrogates included (as U+FFFD, which
 * encodeURIComponent alone refuses), with some malformed escapes mixed in.
 */
export const anyPathSegment = fc.oneof(
  anyText.map((text) => encodeURIComponent(Buffer.from(text, 'utf8').toString('utf8'))),
  fc.constantFrom('%ED%A0%80', '%FF', '%C0%AF', '%', '%2', '%00', '%2e%2e', '..', '%2F'),
);
