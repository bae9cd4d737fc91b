import { createHash } from 'node:crypto';
import {
  BlobServiceClient,
  RestError,
  type ContainerClient,
  type StoragePipelineOptions,
} from '@azure/storage-blob';
import type { StatePort, VersionedState, WriteResult } from './StatePort.js';
import { createBlobStateSweeper, type BlobStateSweeper } from './blobStateSweeper.js';
import { StateTimeoutError, StateUnavailableError } from './stateErrors.js';

/** What the blob state port needs. */
export interface BlobStatePortOptions {
  connectionString: string;
  /** The container that holds conversation state; made on first use. */
  container?: string;
  /** How long one storage call may take before the turn gives up on it (ms). */
  timeoutMs: number;
  /** The clock expiry is judged against, in ms since the epoch; tests pass their own. */
  now?: () => number;
  /** How often this instance tries to sweep expired state (ms); default one minute. */
  sweepIntervalMs?: number;
  /** Told when a sweep fails (storage down); the next round tries again. */
  onSweepError?: (error: unknown) => void;
}

/** Where state blobs live inside the container. The sweeper looks only here. */
export const STATE_PREFIX = 'state/';
/** The default container name. */
export const DEFAULT_CONTAINER = 'waymark-state';
/** Blob metadata key holding the expiry, in ms since the epoch. */
export const EXPIRES_METADATA = 'expiresat';

/**
 * A {@link StatePort} on Azure Blob Storage with @azure/storage-blob, shared by every
 * instance. Each key is one blob; its eTag is the version.
 *
 * - A write with a version sends `If-Match: <that eTag>`; a create sends `If-None-Match: *`.
 *   Nothing is ever written unconditionally (no `*` eTag), so a stale write is refused with
 *   412/409 and reported as a conflict instead of silently winning.
 * - Blob names are SHA-256 hashes of the key, so channel conversation ids (which may carry a
 *   phone number or a tenant id) never appear in storage.
 * - The expiry is blob metadata: reads treat an expired blob as missing, and the in-app
 *   sweeper (one instance at a time, under a blob lease) deletes it.
 * - Every call is bounded by `timeoutMs` and retried at most once, so a slow or stopped
 *   store turns into a fail-safe reply quickly; the client is not rebuilt, so the bot recovers
 *   by itself when storage returns.
 */
export function createBlobStatePort(options: BlobStatePortOptions): StatePort & {
  readonly containerClient: ContainerClient;
  readonly sweeper: BlobStateSweeper;
} {
  const now = options.now ?? Date.now;
  const pipeline: StoragePipelineOptions = {
    retryOptions: {
      maxTries: 2,
      retryDelayInMs: 20,
      maxRetryDelayInMs: 100,
      tryTimeoutInMs: options.timeoutMs,
    },
    keepAliveOptions: { enable: true },
  };
  const service = BlobServiceClient.fromConnectionString(options.connectionString, pipeline);
  const container = service.getContainerClient(options.container ?? DEFAULT_CONTAINER);
  let containerReady: Promise<unknown> | undefined;
  const ensureContainer = () =>
    (containerReady ??= container
      .createIfNotExists({ abortSignal: AbortSignal.timeout(options.timeoutMs) })
      .catch((error: unknown) => {
        containerReady = undefined;
        throw error;
      }));

  /** Runs a storage call, making the container if it is missing (a fresh or restarted store). */
  async function call<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      await ensureContainer();
      return await run(AbortSignal.timeout(options.timeoutMs));
    } catch (error) {
      if (codeOf(error) === 'ContainerNotFound') {
        containerReady = undefined;
        try {
          await ensureContainer();
          return await run(AbortSignal.timeout(options.timeoutMs));
        } catch (again) {
          throw translate(again);
        }
      }
      throw translate(error);
    }
  }

  const blobOf = (key: string) => container.getBlockBlobClient(blobName(key));

  async function upload(
    key: string,
    state: unknown,
    conditions: { ifMatch: string } | { ifNoneMatch: '*' },
    expiresAt: Date,
  ): Promise<WriteResult> {
    const body = JSON.stringify(state);
    try {
      const response = await call((abortSignal) =>
        blobOf(key).upload(body, Buffer.byteLength(body), {
          conditions,
          metadata: { [EXPIRES_METADATA]: String(expiresAt.getTime()) },
          blobHTTPHeaders: { blobContentType: 'application/json' },
          abortSignal,
        }),
      );
      return { kind: 'written', version: response.etag ?? '' };
    } catch (error) {
      if (isConflict(error)) return { kind: 'conflict' };
      throw error;
    }
  }

  const sweeper = createBlobStateSweeper({
    container,
    intervalMs: options.sweepIntervalMs ?? 60_000,
    now,
    ...(options.onSweepError ? { onError: options.onSweepError } : {}),
  });

  return {
    containerClient: container,
    sweeper,

    async read(key): Promise<VersionedState | undefined> {
      try {
        const blob = blobOf(key);
        const response = await call((abortSignal) => blob.download(0, undefined, { abortSignal }));
        if (isExpired(response.metadata, now())) return undefined;
        const text = await streamText(response.readableStreamBody);
        return { state: JSON.parse(text) as unknown, version: response.etag ?? '' };
      } catch (error) {
        if (error instanceof StateMissing) return undefined;
        throw error;
      }
    },

    async write(key, state, expectedVersion, expiresAt): Promise<WriteResult> {
      if (expectedVersion !== undefined) {
        return upload(key, state, { ifMatch: expectedVersion }, expiresAt);
      }
      const created = await upload(key, state, { ifNoneMatch: '*' }, expiresAt);
      if (created.kind === 'written') return created;
      // The key exists; if it has only expired (not yet swept), replace exactly that blob.
      const existing = await properties(key);
      if (!existing || !isExpired(existing.metadata, now())) return created;
      return upload(key, state, { ifMatch: existing.etag }, expiresAt);
    },

    async delete(key): Promise<void> {
      await call((abortSignal) => blobOf(key).deleteIfExists({ abortSignal }));
    },

    close(): Promise<void> {
      return sweeper.stop();
    },
  };

  async function properties(key: string) {
    try {
      const response = await call((abortSignal) => blobOf(key).getProperties({ abortSignal }));
      return { etag: response.etag ?? '', metadata: response.metadata };
    } catch (error) {
      if (error instanceof StateMissing) return undefined;
      throw error;
    }
  }
}

/** The blob that holds a key: a hash, so no conversation id is ever visible in storage. */
export function blobName(key: string): string {
  return `${STATE_PREFIX}${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

/** True when blob metadata says the state has expired (or says nothing readable). */
export function isExpired(metadata: Record<string, string> | undefined, now: number): boolean {
  const at = Number(metadata?.[EXPIRES_METADATA]);
  return !Number.isFinite(at) || at <= now;
}

/** A blob that does not exist: a read gives undefined, never an error. */
class StateMissing extends Error {
  override readonly name = 'StateMissing';
}

function translate(error: unknown): Error {
  if (error instanceof RestError && error.statusCode === 404) return new StateMissing();
  if (error instanceof RestError && isConflictStatus(error.statusCode)) return error;
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return new StateTimeoutError();
  }
  return new StateUnavailableError(error instanceof Error ? error.name : typeof error);
}

function isConflict(error: unknown): boolean {
  return error instanceof RestError && isConflictStatus(error.statusCode);
}

/** 412: If-Match failed; 409: If-None-Match * found the blob (BlobAlreadyExists). */
function isConflictStatus(status: number | undefined): boolean {
  return status === 412 || status === 409;
}

function codeOf(error: unknown): string | undefined {
  return error instanceof RestError ? error.code : undefined;
}

async function streamText(stream: NodeJS.ReadableStream | undefined): Promise<string> {
  if (!stream) return 'null';
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
