import { randomUUID } from 'node:crypto';
import { RestError, type BlobLeaseClient, type ContainerClient } from '@azure/storage-blob';
import { isExpired, STATE_PREFIX } from './createBlobStatePort.js';

/** The blob whose lease says which instance sweeps. It holds nothing. */
export const SWEEPER_LEASE_BLOB = 'sweeper-lease';
/** Azure allows leases of 15 to 60 seconds; the holder renews on every round. */
const LEASE_SECONDS = 60;

/** Deletes expired state blobs, one instance at a time. */
export interface BlobStateSweeper {
  /**
   * One round: takes or renews the lease, then deletes every expired state blob. Gives the
   * number deleted, or undefined when another instance holds the lease.
   */
  sweepOnce(): Promise<number | undefined>;
  /** Stops the timer and gives up the lease, so another instance can take over at once. */
  stop(): Promise<void>;
}

/**
 * The in-app sweeper for blob state. Azure lifecycle rules work in days, and state must be
 * gone within `STATE_TTL_MINUTES`, so each instance runs this every `intervalMs`; only the
 * one holding the blob lease sweeps. A blob is deleted only if its eTag is still the one
 * listed, so a conversation that carried on meanwhile is never swept away.
 */
export function createBlobStateSweeper(options: {
  container: ContainerClient;
  intervalMs: number;
  now?: () => number;
  onError?: (error: unknown) => void;
}): BlobStateSweeper {
  const { container } = options;
  const now = options.now ?? Date.now;
  const leaseBlob = container.getBlockBlobClient(SWEEPER_LEASE_BLOB);
  let held: BlobLeaseClient | undefined;

  async function holdLease(): Promise<boolean> {
    if (held) {
      try {
        await held.renewLease();
        return true;
      } catch {
        held = undefined;
      }
    }
    try {
      // Create-only: the lease blob is made once and never overwritten.
      await leaseBlob.upload('', 0, { conditions: { ifNoneMatch: '*' } });
    } catch (error) {
      if (!(error instanceof RestError && (error.statusCode === 409 || error.statusCode === 412))) {
        throw error;
      }
    }
    const lease = leaseBlob.getBlobLeaseClient(randomUUID());
    try {
      await lease.acquireLease(LEASE_SECONDS);
      held = lease;
      return true;
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 409) return false;
      throw error;
    }
  }

  async function sweepOnce(): Promise<number | undefined> {
    await container.createIfNotExists();
    if (!(await holdLease())) return undefined;
    let deleted = 0;
    const listing = container.listBlobsFlat({ prefix: STATE_PREFIX, includeMetadata: true });
    for await (const blob of listing) {
      if (!isExpired(blob.metadata, now())) continue;
      try {
        await container
          .getBlobClient(blob.name)
          .delete({ conditions: { ifMatch: blob.properties.etag ?? '' } });
        deleted += 1;
      } catch (error) {
        // 412: written again since it was listed (the person carried on); 404: gone already.
        if (!(error instanceof RestError && [404, 412].includes(error.statusCode ?? 0)))
          throw error;
      }
    }
    return deleted;
  }

  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = sweepOnce().catch((error: unknown) => options.onError?.(error));
  }, options.intervalMs);
  timer.unref();

  return {
    sweepOnce,
    async stop() {
      clearInterval(timer);
      await running;
      await held?.releaseLease().catch(() => undefined);
      held = undefined;
    },
  };
}
