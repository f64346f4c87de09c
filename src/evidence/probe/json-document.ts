/** The most a JSON evidence document may hold; larger ones are reported, not parsed. */
export const MAX_JSON_BYTES = 64 << 20;

/** True when the first bytes look like a JSON document of the given proxydoc schema. */
export function sniffSchema(head: Buffer, schema: string): boolean {
  const text = head.toString("utf8", 0, Math.min(head.length, 4096)).trimStart();
  return text.startsWith("{") && text.includes(`"${schema}"`);
}

/** Reads a whole JSON document within the size cap; null when it is too large or malformed. */
export async function readJsonDocument(chunks: AsyncIterable<Buffer>): Promise<unknown> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > MAX_JSON_BYTES) return null;
    parts.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(parts, size).toString("utf8")) as unknown;
  } catch {
    return null;
  }
}
