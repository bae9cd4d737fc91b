import type { Server } from 'node:http';

/** Closes an HTTP server without dropping what is under way. */
export interface GracefulShutdown {
  /** Requests under way right now. */
  readonly inFlight: number;
  /**
   * Stops accepting connections, closes idle keep-alive connections, asks every response
   * still to come to close its connection, and waits for the requests under way to finish,
   * for at most `deadlineMs`. Past the deadline, every remaining connection is closed.
   * Resolves once the server is closed.
   */
  close(deadlineMs: number): Promise<{ unfinished: number }>;
}

/**
 * Tracks the requests under way on `server`, so that shutdown can let them finish. Call it
 * before the server listens.
 */
export function gracefulShutdown(server: Server): GracefulShutdown {
  let inFlight = 0;
  let closing = false;
  const waiters = new Set<() => void>();

  server.on('request', (req, res) => {
    inFlight += 1;
    // A keep-alive client is told to reconnect (elsewhere) after this response.
    if (closing && !res.headersSent) res.setHeader('Connection', 'close');
    let done = false;
    const finished = () => {
      if (done) return;
      done = true;
      inFlight -= 1;
      for (const waiter of waiters) waiter();
    };
    res.once('close', finished);
    res.once('finish', finished);
    req.once('close', () => {
      if (res.writableFinished) finished();
    });
  });

  const idle = () =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (inFlight > 0) return;
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
    });

  return {
    get inFlight() {
      return inFlight;
    },
    async close(deadlineMs) {
      closing = true;
      const closed = new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
      });
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), deadlineMs);
      });
      const outcome = await Promise.race([idle().then(() => 'done' as const), deadline]);
      clearTimeout(timer);
      const unfinished = outcome === 'late' ? inFlight : 0;
      // Whatever is left (idle keep-alives, or requests past the deadline) is closed now.
      server.closeAllConnections();
      await closed;
      return { unfinished };
    },
  };
}
