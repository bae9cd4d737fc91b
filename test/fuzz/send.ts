import http from 'node:http';

/** A response as the fuzz tests read it. */
export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** One request with node's http, any method, headers and body; never throws. */
export function send(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string | undefined> = {},
  body?: Buffer | string,
): Promise<Answer> {
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) clean[name] = value;
  return new Promise((resolve) => {
    const req = http.request(`${base}${path}`, { method, headers: clean, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', () => resolve({ status: -1, headers: {}, text: '' }));
    });
    // The server may refuse early and close while a large body is still going out.
    req.on('error', () => resolve({ status: -1, headers: {}, text: '' }));
    req.end(body);
  });
}
