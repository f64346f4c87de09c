import { decodeWireInput } from "../../wire/input/decode.ts";
import { parseHexLine } from "../../wire/input/hex-line.ts";
import { WHITE_SPACE } from "../gate/literals.ts";
import type { Line } from "../lines.ts";
import { type LineReaderFactory, lineRef } from "../reader.ts";
import { emitStreams } from "./streams.ts";

const MAX_BLOCK_LINES = 100_000;
const TCPDUMP_PACKET = /\bIP6?\s+\S+\s+>\s+[^:\s]+:.*(?:Flags|length)/;
/**
 * A hex line's offset ends in a hex digit, then a colon and white space (`0x0010:  4500`,
 * `00000010: 4745`); a tcpdump packet line has ` > ` between its addresses.
 */
const HEX_DUMP_NEEDLES = [
  ...[..."0123456789abcdef"].flatMap((digit) => WHITE_SPACE.map((space) => `${digit}:${space}`)),
  ...WHITE_SPACE.flatMap((before) => WHITE_SPACE.map((after) => `${before}>${after}`)),
];

/**
 * Hex dump blocks inside text evidence: `tcpdump -X`/`-XX` output, xxd, or an excerpt with
 * line numbers as pasted into a ticket. A block ends at the first line that is neither a hex
 * line nor a tcpdump packet line; its bytes are then parsed as HTTP/1.
 */
export const hexDumpReader: LineReaderFactory = {
  format: "hex-dump",
  needles: HEX_DUMP_NEEDLES,
  create(context) {
    let block: string[] = [];
    let first: Line | undefined;
    let hexLines = 0;
    const flush = (): void => {
      if (first && hexLines > 0) {
        const decoded = decodeWireInput(Buffer.from(block.join("\n"), "latin1"));
        emitStreams(decoded.streams, lineRef(context.source, first), context);
      }
      block = [];
      first = undefined;
      hexLines = 0;
    };
    return {
      accept(line) {
        const isHex = parseHexLine(line.text) !== undefined;
        if (!isHex && !TCPDUMP_PACKET.test(line.text)) {
          flush();
          return false;
        }
        if (block.length >= MAX_BLOCK_LINES) flush();
        first ??= line;
        if (isHex) hexLines++;
        block.push(line.text);
        return true;
      },
      /** A block's next hex or packet line, or the line that ends it, comes next. */
      inBlock: () => block.length > 0,
      end: flush,
    };
  },
};
