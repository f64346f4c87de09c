import { describe, expect, test } from "vitest";
import type { HeaderField } from "../hpack/decoder.ts";
import {
  connectionSpecificField,
  hostDiffersFromAuthority,
  invalidContentLength,
  invalidFieldName,
  invalidFieldValue,
  switchingProtocols,
  teOtherThanTrailers,
  uppercaseFieldName,
} from "./fields.ts";
import type { HeaderBlockContext, HeaderCheck, MessageRole } from "./finding.ts";
import { pseudoHeaderAfterRegular, pseudoHeaderDuplicate, pseudoHeaderInvalid, pseudoHeaderMissing } from "./pseudo.ts";

const block = (role: MessageRole, pairs: readonly (readonly [string, string])[]): HeaderBlockContext => ({
  role,
  direction: role === "request" ? "client" : "server",
  streamId: 1,
  fields: pairs.map(([name, value]): HeaderField => ({ name, value })),
  ref: { source: "t", byte: 0, frame: 1, stream: 1 },
});

const REQUEST: [string, string][] = [
  [":method", "GET"],
  [":scheme", "https"],
  [":authority", "a.example"],
  [":path", "/"],
];
const RESPONSE: [string, string][] = [[":status", "200"]];

/** Each check: blocks it must flag (with the var that says why) and near misses it must pass. */
const CASES: [
  string,
  HeaderCheck,
  [MessageRole, [string, string][], Record<string, unknown>][],
  [MessageRole, [string, string][]][],
][] = [
  [
    "connection-specific fields",
    connectionSpecificField,
    [
      ["response", [...RESPONSE, ["connection", "keep-alive"]], { name: "connection" }],
      ["response", [...RESPONSE, ["transfer-encoding", "chunked"]], { name: "transfer-encoding" }],
      ["request", [...REQUEST, ["proxy-connection", "keep-alive"]], { name: "proxy-connection" }],
      ["request", [...REQUEST, ["upgrade", "h2c"]], { name: "upgrade" }],
      ["response", [...RESPONSE, ["keep-alive", "timeout=5"]], { name: "keep-alive" }],
    ],
    [
      ["response", [...RESPONSE, ["x-connection", "close"]]],
      ["request", [...REQUEST, ["te", "trailers"]]],
    ],
  ],
  [
    "uppercase names",
    uppercaseFieldName,
    [["response", [...RESPONSE, ["Content-Type", "a"]], { lowercase: "content-type" }]],
    [["response", [...RESPONSE, ["content-type", "A"]]]],
  ],
  [
    "te other than trailers",
    teOtherThanTrailers,
    [["request", [...REQUEST, ["te", "gzip"]], { value: "gzip" }]],
    [["request", [...REQUEST, ["te", "trailers"]]]],
  ],
  [
    "invalid names",
    invalidFieldName,
    [
      ["response", [...RESPONSE, ["x header", "1"]], { defect: "contains 0x20" }],
      ["response", [...RESPONSE, ["", "1"]], { defect: "empty" }],
      ["response", [...RESPONSE, ["x\u00e9", "1"]], { defect: "contains 0xe9" }],
    ],
    [["response", [...RESPONSE, ["x-header_1", "1"]]]],
  ],
  [
    "invalid values",
    invalidFieldValue,
    [
      ["response", [...RESPONSE, ["x", "a\u0000b"]], { defect: "NUL" }],
      ["response", [...RESPONSE, ["x", "a\r\nb"]], { defect: "CR" }],
      ["response", [...RESPONSE, ["x", " a"]], { defect: "leading or trailing whitespace" }],
      ["response", [...RESPONSE, ["x", "a\u001bb"]], { defect: "control byte 0x1b" }],
    ],
    [["response", [...RESPONSE, ["x", "\u00e6\u0096\u0087 a\tb"]]]],
  ],
  [
    "invalid content-length",
    invalidContentLength,
    [
      ["response", [...RESPONSE, ["content-length", "abc"]], { defect: 'not a number: "abc"' }],
      [
        "response",
        [...RESPONSE, ["content-length", "5"], ["content-length", "6"]],
        { defect: "conflicting values 5, 6" },
      ],
    ],
    [["response", [...RESPONSE, ["content-length", "5"], ["content-length", "5"]]]],
  ],
  [
    "host vs :authority",
    hostDiffersFromAuthority,
    [["request", [...REQUEST, ["host", "b.example"]], { host: "b.example", authority: "a.example" }]],
    [
      ["request", [...REQUEST, ["host", "A.example"]]],
      ["response", [...RESPONSE, ["host", "b.example"]]],
    ],
  ],
  [
    "101 over HTTP/2",
    switchingProtocols,
    [["response", [[":status", "101"]], { status: 101 }]],
    [["informational", [[":status", "103"]]]],
  ],
  [
    "missing pseudo-headers",
    pseudoHeaderMissing,
    [
      ["response", [["content-type", "a"]], { name: ":status" }],
      [
        "request",
        [
          [":method", "GET"],
          [":path", "/"],
        ],
        { name: ":scheme" },
      ],
      ["request", [[":method", "CONNECT"]], { name: ":authority" }],
    ],
    [
      [
        "request",
        [
          [":method", "CONNECT"],
          [":authority", "a:443"],
        ],
      ],
      ["trailers", [["grpc-status", "0"]]],
    ],
  ],
  [
    "duplicate pseudo-headers",
    pseudoHeaderDuplicate,
    [["request", [...REQUEST, [":path", "/x"]], { name: ":path" }]],
    [["request", REQUEST]],
  ],
  [
    "invalid pseudo-headers",
    pseudoHeaderInvalid,
    [
      ["response", [...RESPONSE, [":path", "/"]], { defect: "does not belong in a response" }],
      ["request", [...REQUEST, [":status", "200"]], { defect: "does not belong in a request" }],
      ["trailers", [[":status", "200"]], { defect: "appears in trailers" }],
      ["request", [...REQUEST, [":foo", "x"]], { defect: "is not defined" }],
      ["response", [[":status", "20"]], { defect: "is not a three-digit status code" }],
      [
        "request",
        [
          [":method", "GET"],
          [":scheme", "https"],
          [":path", ""],
        ],
        { defect: "is empty" },
      ],
    ],
    [
      ["request", [...REQUEST, [":protocol", "websocket"]]],
      [
        "request",
        [
          [":method", "OPTIONS"],
          [":scheme", "https"],
          [":path", "*"],
        ],
      ],
    ],
  ],
  [
    "pseudo-headers after regular fields",
    pseudoHeaderAfterRegular,
    [
      [
        "response",
        [
          ["content-type", "a"],
          [":status", "200"],
        ],
        { name: ":status", after: "content-type" },
      ],
    ],
    [
      [
        "response",
        [
          [":status", "200"],
          ["content-type", "a"],
        ],
      ],
    ],
  ],
];

describe.each(CASES)("check: %s", (_, check, producing, nearMisses) => {
  test.each(producing.map((p, i) => [i, ...p] as const))("flags case %i", (_i, role, pairs, vars) => {
    const findings = check(block(role, pairs));
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0]!.vars).toMatchObject(vars);
    expect(findings[0]!.evidence[0]).toMatchObject({ source: "t", stream: 1 });
  });

  test.each(nearMisses.map((n, i) => [i, ...n] as const))("passes near miss %i", (_i, role, pairs) => {
    expect(check(block(role, pairs))).toEqual([]);
  });
});
