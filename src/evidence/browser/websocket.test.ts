import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { parseWebSocketFailure } from "./websocket.ts";

describe("WebSocket client errors", () => {
  test.each([
    [
      "WebSocket connection to 'wss://app.test/ws' failed: Error during WebSocket handshake: Unexpected response code: 502",
      { kind: "handshake-refused", client: "browser", status: 502, url: "wss://app.test/ws" },
    ],
    ["Error: Unexpected server response: 403", { kind: "handshake-refused", client: "Node.js ws", status: 403 }],
    [
      "websockets.exceptions.InvalidStatus: server rejected WebSocket connection: HTTP 404",
      { kind: "handshake-refused", client: "Python websockets", status: 404 },
    ],
    ["dial: websocket: bad handshake", { kind: "handshake-refused", client: "gorilla/websocket" }],
    [
      "System.Net.WebSockets.WebSocketException (0x80004005): The server returned status code '400' when status code '101' was expected.",
      { kind: "handshake-refused", client: ".NET ClientWebSocket", status: 400 },
    ],
    [
      "java.net.ProtocolException: Expected HTTP 101 response but was '426 Upgrade Required'",
      { kind: "handshake-refused", client: "OkHttp", status: 426 },
    ],
    [
      "ConnectionClosedError: sent 1011 (internal error) keepalive ping timeout; no close frame received",
      { kind: "keepalive-timeout", client: "Python websockets" },
    ],
    ["Connection reset without closing handshake", { kind: "closed-abnormally", client: "tungstenite" }],
    [
      "websockets.exceptions.ConnectionClosedError: no close frame received or sent",
      { kind: "closed-abnormally", client: "Python websockets" },
    ],
    [
      "The remote party closed the WebSocket connection without completing the close handshake.",
      { kind: "closed-abnormally", client: ".NET ClientWebSocket" },
    ],
    ["Session closed: CloseStatus[code=1006, reason=null]", { kind: "closed-abnormally", client: "Spring WebSocket" }],
    [
      `error="websocket: the client is not using the websocket protocol: 'upgrade' token not found in 'Connection' header"`,
      { kind: "upgrade-headers-missing", client: "gorilla/websocket (server)" },
    ],
    [
      "[Error] WebSocket connection to 'wss://ut.example/socket.io/?EIO=4&transport=websocket' failed: Unexpected response code: 400",
      { kind: "handshake-refused", client: "browser", status: 400 },
    ],
    [
      "Error #01: websocket: request origin not allowed by Upgrader.CheckOrigin",
      { kind: "origin-rejected", client: "gorilla/websocket (server)" },
    ],
    [
      "Firefox can’t establish a connection to the server at wss://test.example/api/v1/ws.",
      { kind: "connect-failed", client: "Firefox", url: "wss://test.example/api/v1/ws" },
    ],
    [
      "Firefox can't establish a connection to the server at ws://10.0.0.5:8080/socket.",
      { kind: "connect-failed", client: "Firefox" },
    ],
    [
      "WebSocket connection to 'wss://app.test/ws' failed: ",
      { kind: "connect-failed", client: "browser", url: "wss://app.test/ws" },
    ],
  ])("%s", (line, expected) => {
    expect(parseWebSocketFailure(line)).toMatchObject(expected);
  });

  test.each([
    "read: websocket: close 1000 (normal)",
    "websockets.exceptions.ConnectionClosedOK: received 1000 (OK); then sent 1000 (OK)",
    "Session closed: CloseStatus[code=1001, reason=Going away]",
    "upgraded the connection to websocket for /ws",
    "WebSocket connection to 'wss://app.test/ws' failed: Error in connection establishment: net::ERR_CONNECTION_REFUSED",
    "Firefox can’t establish a connection to the server at https://app.test/.",
  ])("an orderly close or a plain mention is not a failure: %s", (line) => {
    expect(parseWebSocketFailure(line)).toBeUndefined();
  });

  test.prop([fc.string({ maxLength: 400 }), fc.nat({ max: 120 })])(
    "never throws on text around a wording",
    (noise, at) => {
      const line = "WebSocket connection failed: Error during WebSocket handshake: Unexpected response code: 400";
      const mixed = line.slice(0, at) + noise + line.slice(at);
      const parsed = parseWebSocketFailure(mixed);
      if (parsed?.status !== undefined) expect(parsed.status).toBeGreaterThanOrEqual(100);
    },
  );
});
