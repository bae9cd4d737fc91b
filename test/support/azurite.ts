import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';
import path from 'node:path';

const projectRoot = path.resolve(__dirname, '..', '..');
const AZURITE_BLOB = path.join(
  projectRoot,
  'node_modules',
  'azurite',
  'dist',
  'src',
  'blob',
  'main.js',
);

/** Azurite's well-known development account (public, documented by Microsoft for Azurite). */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** A running Azurite blob service on loopback. */
export interface Azurite {
  port: number;
  /** A connection string for @azure/storage-blob pointing at this Azurite. */
  connectionString: string;
  /** Stops it (its in-memory data is lost). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty, after `stop`. */
  restart(): Promise<void>;
}

/** The connection string of Azurite's development account at a loopback port. */
export function azuriteConnectionString(port: number): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};` +
    `BlobEndpoint=http://127.0.0.1:${port}/${ACCOUNT};`
  );
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts Azurite's blob service (the real Azure Storage API server, in memory) on a free
 * loopback port, and resolves once it accepts connections. One per test file, reused.
 */
export async function startAzurite(): Promise<Azurite> {
  const port = await freePort();
  let child = await launch(port);
  return {
    port,
    connectionString: azuriteConnectionString(port),
    async stop() {
      await kill(child);
    },
    async restart() {
      child = await launch(port);
    },
  };
}

async function launch(port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      AZURITE_BLOB,
      '--inMemoryPersistence',
      '--silent',
      '--skipApiVersionCheck',
      '--disableTelemetry',
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
    ],
    // Azurite warns about the Node version on Node 20; that is expected and not shown.
    { stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: process.env.PATH ?? '' } },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const deadline = Date.now() + 60_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null) throw new Error(`Azurite ended at start:\n${stderr}`);
    if (Date.now() > deadline) {
      await kill(child);
      throw new Error(`Azurite did not listen within 60 s:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return child;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
