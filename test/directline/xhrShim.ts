/**
 * Just enough of XMLHttpRequest, on top of fetch, for botframework-directlinejs (through
 * rxjs 5's ajax) to run in node, where there is no XMLHttpRequest. Test-only.
 */
export class FetchXhr {
  readyState = 0;
  status = 0;
  response: unknown = null;
  responseText = '';
  responseType = '';
  timeout = 0;
  withCredentials = false;
  // rxjs only wires onerror when `upload` exists.
  upload = {};
  onreadystatechange: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  ontimeout: ((event: unknown) => void) | null = null;
  private method = 'GET';
  private url = '';
  private readonly headers: Record<string, string> = {};
  private responseHeaders: Headers | undefined;
  private readonly controller = new AbortController();

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
    this.readyState = 1;
  }

  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value;
  }

  getResponseHeader(name: string): string | null {
    return this.responseHeaders?.get(name) ?? null;
  }

  abort(): void {
    this.controller.abort();
  }

  send(body?: string): void {
    const signal = this.timeout
      ? AbortSignal.any([this.controller.signal, AbortSignal.timeout(this.timeout)])
      : this.controller.signal;
    fetch(this.url, { method: this.method, headers: this.headers, body: body ?? null, signal })
      .then(async (response) => {
        this.status = response.status;
        this.responseHeaders = response.headers;
        this.responseText = await response.text();
        let parsed: unknown;
        try {
          parsed = this.responseText ? JSON.parse(this.responseText) : null;
        } catch {
          parsed = this.responseText;
        }
        this.response = this.responseType === 'json' ? parsed : this.responseText;
        this.readyState = 4;
        this.onreadystatechange?.call(this, {});
      })
      .catch((error: unknown) => {
        if (this.controller.signal.aborted) return;
        this.readyState = 4;
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        if (timedOut) this.ontimeout?.call(this, {});
        else this.onerror?.call(this, {});
      });
  }
}
