import type { WebSocketFailure, WebSocketFailureKind } from "../../model/observations/browser.ts";
import { type LineReaderFactory, lineRef, perLineReader } from "../reader.ts";
import { urlParts } from "./net-error.ts";

interface Wording {
  readonly kind: WebSocketFailureKind;
  readonly client: string;
  readonly pattern: RegExp;
}

/** Each client's words; `status` is the handshake's answer where the wording gives it. */
const WORDINGS: readonly Wording[] = [
  {
    kind: "handshake-refused",
    client: "browser",
    pattern: /Error during WebSocket handshake: Unexpected response code: (?<status>\d{3})/,
  },
  {
    // Safari's console leaves out Chrome's "Error during WebSocket handshake".
    kind: "handshake-refused",
    client: "browser",
    pattern: /WebSocket connection to '[^']{0,2000}' failed: Unexpected response code: (?<status>\d{3})/,
  },
  {
    kind: "connect-failed",
    client: "Firefox",
    pattern: /Firefox can[’']t establish a connection to the server at wss?:\/\//,
  },
  {
    // Chrome with nothing after "failed:": the reason is only in the network tab.
    kind: "connect-failed",
    client: "browser",
    pattern: /WebSocket connection to '[^']{0,2000}' failed:?\s*$/,
  },
  {
    kind: "origin-rejected",
    client: "gorilla/websocket (server)",
    pattern: /websocket: request origin not allowed by Upgrader\.CheckOrigin/,
  },
  { kind: "handshake-refused", client: "Node.js ws", pattern: /Unexpected server response: (?<status>\d{3})/ },
  {
    kind: "handshake-refused",
    client: "Python websockets",
    pattern: /server rejected WebSocket connection: HTTP (?<status>\d{3})/,
  },
  { kind: "handshake-refused", client: "gorilla/websocket", pattern: /websocket: bad handshake/ },
  {
    kind: "handshake-refused",
    client: ".NET ClientWebSocket",
    pattern: /The server returned status code '(?<status>\d{3})' when status code '101' was expected/,
  },
  {
    kind: "handshake-refused",
    client: "OkHttp",
    pattern: /Expected HTTP 101 response but was '(?<status>\d{3})/,
  },
  {
    kind: "upgrade-headers-missing",
    client: "gorilla/websocket (server)",
    pattern:
      /websocket: the client is not using the websocket protocol: '(?:upgrade|websocket)' token not found in '(?:Connection|Upgrade)' header/,
  },
  {
    kind: "upgrade-headers-missing",
    client: "Python websockets (server)",
    pattern: /InvalidUpgrade: (?:invalid|missing) (?:Connection|Upgrade) header/,
  },
  {
    kind: "keepalive-timeout",
    client: "Python websockets",
    pattern: /keepalive ping timeout(?:; no close frame received)?/,
  },
  { kind: "closed-abnormally", client: "tungstenite", pattern: /Connection reset without closing handshake/ },
  {
    kind: "closed-abnormally",
    client: "Python websockets",
    pattern: /no close frame received or sent|code = 1006 \(connection closed abnormally/,
  },
  { kind: "closed-abnormally", client: "gorilla/websocket", pattern: /websocket: close 1006 \(abnormal closure\)/ },
  {
    kind: "closed-abnormally",
    client: ".NET ClientWebSocket",
    pattern: /The remote party closed the WebSocket connection without completing the close handshake/,
  },
  { kind: "closed-abnormally", client: "Spring WebSocket", pattern: /CloseStatus\[code=1006\b/ },
];

/** Every wording holds one of these; it is also the gate's needle. */
export const WEBSOCKET_NEEDLE =
  /WebSocket|websocket|establish a connection to the server at ws|InvalidUpgrade|Unexpected server response|keepalive ping timeout|closing handshake|close frame|CloseStatus\[|HTTP 101/;
const URL = /\bwss?:\/\/[^\s"'<>]{1,2000}|\bhttps?:\/\/[^\s"'<>]{1,2000}/;
/** Longest line looked at; these errors are short, a stack trace around them is not read. */
const MAX_LINE = 8192;

export function parseWebSocketFailure(text: string): Omit<WebSocketFailure, "type" | "ref"> | undefined {
  const t = text.length > MAX_LINE ? text.slice(0, MAX_LINE) : text;
  if (!WEBSOCKET_NEEDLE.test(t)) return undefined;
  for (const wording of WORDINGS) {
    const m = wording.pattern.exec(t);
    if (!m) continue;
    const status = m.groups?.status;
    const url = URL.exec(t)?.[0].replace(/['",.;)]+$/, "");
    const correlation = urlParts(url);
    return {
      kind: wording.kind,
      client: wording.client,
      ...(status ? { status: Number(status) } : {}),
      ...(url ? { url } : {}),
      ...(correlation.authority ? { correlation } : {}),
    };
  }
  return undefined;
}

/** WebSocket clients' errors: a refused handshake, a connection gone without a close frame. */
export const webSocketFailureReader: LineReaderFactory = {
  ...perLineReader("websocket-client", (line, source) => {
    const parsed = parseWebSocketFailure(line.text);
    return parsed && { type: "websocket.failure", ref: lineRef(source, line), ...parsed };
  }),
  needles: [WEBSOCKET_NEEDLE],
};
