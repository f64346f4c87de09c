/** One line of a hex dump: its offset and the bytes it shows. */
export interface HexLine {
  readonly offset: number;
  readonly bytes: Buffer;
}

// An optional line number (seed excerpts carry them, sometimes glued to the offset), then the
// offset: `0x03d0:` (tcpdump -X), `0000:` (curl --trace), `00000010:` (xxd).
const HEX_LINE = /^\s*(?:\d{1,6}\s*(?=0x))?(0x[0-9a-fA-F]{1,8}|[0-9a-fA-F]{4,8}):\s+(.*)$/;
const HEX_TOKEN = /^(?:[0-9a-fA-F]{2}){1,2}$/;

/** What a dump prints for one byte in its text column. */
function rendered(byte: number, spaceAs: string): string {
  if (byte === 0x20) return spaceAs;
  return byte > 0x20 && byte < 0x7f ? String.fromCharCode(byte) : ".";
}

function render(bytes: Buffer, spaceAs: string): string {
  let text = "";
  for (const byte of bytes) text += rendered(byte, spaceAs);
  return text;
}

/**
 * Reads one hex dump line, or undefined when the line is not one. The text column is used to
 * tell where the hex ends, so text that happens to look like hex (`cafe`) is not taken as bytes.
 */
export function parseHexLine(text: string): HexLine | undefined {
  const match = HEX_LINE.exec(text);
  if (!match) return undefined;
  const offsetText = match[1] as string;
  const offset = Number.parseInt(offsetText.replace(/^0x/i, ""), 16);
  const rest = (match[2] as string).replace(/\s+$/, "");
  const tokens = rest.split(/\s+/);
  const hexTokens: string[] = [];
  let byteCount = 0;
  for (const token of tokens) {
    if (!HEX_TOKEN.test(token) || byteCount + token.length / 2 > 16) break;
    hexTokens.push(token);
    byteCount += token.length / 2;
  }
  if (hexTokens.length === 0) return undefined;
  // The longest run of hex whose text column matches it; a line without a column takes all.
  for (let k = hexTokens.length; k >= 1; k--) {
    const bytes = Buffer.from(hexTokens.slice(0, k).join(""), "hex");
    const column = textColumn(rest, hexTokens.slice(0, k));
    if (column && (column === render(bytes, ".") || column === render(bytes, " ").trimEnd())) {
      return { offset, bytes };
    }
  }
  return { offset, bytes: Buffer.from(hexTokens.join(""), "hex") };
}

/** The text after the first k hex tokens of the line (tcpdump puts it after two spaces). */
function textColumn(rest: string, tokens: readonly string[]): string | undefined {
  let pos = 0;
  for (const token of tokens) {
    const at = rest.indexOf(token, pos);
    if (at < 0) return undefined;
    pos = at + token.length;
  }
  return rest.slice(pos).replace(/^\s+/, "");
}
