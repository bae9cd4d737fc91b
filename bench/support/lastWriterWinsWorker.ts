/**
 * The "before" of the lost-update figure: what botbuilder's ConversationState does with
 * blob storage. Each of TURNS concurrent turns reads the conversation's blob, adds one to a
 * counter, and writes it back with eTag "*" (no condition), so the last writer wins.
 * Prints {"done": TURNS} when every write has returned.
 */
import { BlobServiceClient } from '@azure/storage-blob';

async function main(): Promise<void> {
  const turns = Number(process.env.TURNS ?? '200');
  const blob = BlobServiceClient.fromConnectionString(process.env.CONNECTION_STRING ?? '')
    .getContainerClient(process.env.CONTAINER ?? 'bench')
    .getBlockBlobClient('conversation');
  const turn = async () => {
    const response = await blob.download();
    const chunks: Buffer[] = [];
    for await (const chunk of response.readableStreamBody ?? []) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const counter = (JSON.parse(text) as { writes: number }).writes + 1;
    const body = JSON.stringify({ writes: counter });
    // As ConversationState.saveChanges: eTag "*", i.e. no If-Match at all.
    await blob.upload(body, Buffer.byteLength(body));
  };
  await Promise.all(Array.from({ length: turns }, turn));
  process.stdout.write(`${JSON.stringify({ done: turns })}\n`);
}

void main();
