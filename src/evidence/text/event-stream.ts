import { type LineReaderFactory, lineRef, perLineReader } from "../reader.ts";

/** The SSE fields no other text starts a line with: `retry: <ms>` and `event: <name>`. */
const FIELD = /^(retry): \d{1,9}\s*$|^(event): [\w.:-]{1,100}\s*$/;

export function eventStreamFieldOf(text: string): "retry" | "event" | undefined {
  const m = FIELD.exec(text);
  return m ? ((m[1] ?? m[2]) as "retry" | "event") : undefined;
}

/** Lines of a Server-Sent Events body pasted with the client's output: the response was a stream. */
export const eventStreamReader: LineReaderFactory = {
  ...perLineReader("event-stream", (line, source) => {
    const field = eventStreamFieldOf(line.text);
    return field && { type: "text.event-stream", ref: lineRef(source, line), field };
  }),
  needles: ["retry: ", "event: "],
};
