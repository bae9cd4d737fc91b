import { connect, createServer, type Socket } from 'node:net';

/** A TCP proxy on loopback that holds every chunk for `delayMs` before passing it on. */
export interface DelayingProxy {
  port: number;
  /** The delay applied from now on, in ms; 0 passes data straight through. */
  delayMs: number;
  close(): Promise<void>;
}

/**
 * Starts a proxy on a free loopback port in front of `targetPort`, so a test can make a real
 * server slower than a client's timeout without touching either. Order is kept: a chunk never
 * overtakes one sent before it on the same connection.
 */
export function startDelayingProxy(targetPort: number): Promise<DelayingProxy> {
  const sockets = new Set<Socket>();
  const proxy: DelayingProxy = { port: 0, delayMs: 0, close: () => Promise.resolve() };
  const pipeDelayed = (from: Socket, to: Socket) => {
    let chain = Promise.resolve();
    from.on('data', (chunk: Buffer) => {
      const delay = proxy.delayMs;
      chain = chain.then(
        () =>
          new Promise<void>((resolve) => {
            const send = () => {
              if (!to.destroyed) to.write(chunk);
              resolve();
            };
            if (delay > 0) setTimeout(send, delay).unref();
            else send();
          }),
      );
    });
    from.on('close', () => void chain.then(() => to.destroy()));
    from.on('error', () => to.destroy());
  };
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
    pipeDelayed(client, upstream);
    pipeDelayed(upstream, client);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      proxy.port = typeof address === 'object' && address ? address.port : 0;
      proxy.close = () =>
        new Promise((done) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => done());
        });
      resolve(proxy);
    });
  });
}
