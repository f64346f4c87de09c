import { describe, expect, test } from "vitest";
import { envoyAccessReader } from "../../evidence/envoy/access-reader.ts";
import { envoyDebugReader } from "../../evidence/envoy/debug-reader.ts";
import { readPieces } from "../../evidence/envoy/testing.ts";
import type { Finding } from "../../model/finding.ts";
import type { EnvoyCodecError } from "../../model/observations/envoy.ts";
import { runDetectors } from "../run.ts";
import { codecErrorCode } from "./debug-codec.ts";
import { resetCode } from "./debug-resets.ts";
import { ENVOY_DETECTORS } from "./index.ts";

const CODES = { protocol: "PD1308", termination: "PD1309", connect: "PD1310", tls: "PD1311" } as const;

function codecError(code: string, message: string, side: EnvoyCodecError["side"] = "upstream"): EnvoyCodecError {
  return {
    type: "envoy.codec-error",
    ref: { source: "t" },
    connection: "C1",
    side,
    protocol: "http/1.1",
    code,
    message,
    completedHeaders: [],
  };
}

async function findings(text: string): Promise<Finding[]> {
  const access = await readPieces(envoyAccessReader, [Buffer.from(text)]);
  const debug = await readPieces(envoyDebugReader, [Buffer.from(text)]);
  return runDetectors(ENVOY_DETECTORS, [...access.observations, ...debug.observations]).findings;
}

describe("Envoy detectors", () => {
  test("a codec error gets its most specific code", () => {
    expect(codecErrorCode(codecError("HPE_INVALID_HEADER_TOKEN", "HPE_INVALID_HEADER_TOKEN"))).toBe("PD1302");
    expect(codecErrorCode(codecError("INVALID_HEADER_NAME_CHARACTER", "INVALID_HEADER_NAME_CHARACTER"))).toBe("PD1302");
    expect(codecErrorCode(codecError("headers size exceeds limit", "headers size exceeds limit"))).toBe("PD1303");
    expect(codecErrorCode(codecError("headers count exceeds limit", "headers count exceeds limit"))).toBe("PD1304");
    expect(codecErrorCode(codecError("HPE_UNEXPECTED_CONTENT_LENGTH", "HPE_UNEXPECTED_CONTENT_LENGTH"))).toBe("PD1305");
    expect(codecErrorCode(codecError("HPE_INVALID_METHOD", "HPE_INVALID_METHOD", "downstream"))).toBe("PD1324");
    expect(codecErrorCode(codecError("HPE_INVALID_URL", "HPE_INVALID_URL", "downstream"))).toBe("PD1313");
    expect(codecErrorCode(codecError("HPE_CR_EXPECTED", "HPE_CR_EXPECTED"))).toBe("PD1301");
  });

  test("reset reasons and transport failures map to codes, TLS first", () => {
    expect(resetCode("protocol error", undefined, CODES)).toBe("PD1308");
    expect(resetCode("connection termination", "", CODES)).toBe("PD1309");
    expect(resetCode("remote connection failure", "delayed connect error: 111", CODES)).toBe("PD1310");
    expect(
      resetCode(
        "connection failure",
        "TLS_error:|268435703:SSL_routines:OPENSSL_internal:WRONG_VERSION_NUMBER:TLS_error_end",
        CODES,
      ),
    ).toBe("PD1311");
    expect(resetCode("overflow", undefined, CODES)).toBeUndefined();
  });

  test("an access-log group finding names the producer, status, cluster and an example request", async () => {
    const line =
      '[2022-04-24T12:23:37.047Z] "GET /wrong HTTP/1.1" 502 UPE upstream_reset_before_response_started{protocol_error} - "-" 0 87 1001 - "-" "curl/7.80.0" "3987a4cb" "http-chunked:8080" "10.244.0.17:8080" inbound|8080|| 127.0.0.6:39063 10.244.0.17:8080 10.244.0.14:35500 - default';
    const upe = (await findings(line)).find((f) => f.code === "PD1201");
    expect(upe?.vars).toMatchObject({
      producer: "envoy",
      status: 502,
      flags: "UPE",
      cluster: "inbound|8080||",
      count: 1,
      host: "10.244.0.17:8080",
      path: "/wrong",
      requestId: "3987a4cb",
    });
    expect(upe?.evidence[0]).toMatchObject({ line: 1 });
  });

  test("the last completed header is named when the parser stops", async () => {
    const text = [
      "2023-03-31T02:56:51.930156Z trace envoy http [C5] message begin",
      "2023-03-31T02:56:51.930156Z trace envoy http [C5] completed header: key=Strict-Transport-Security value=max-age=172800",
      "2023-03-31T02:56:51.930156Z debug envoy client [C5] Error dispatching received data: http/1.1 protocol error: HPE_INVALID_HEADER_TOKEN",
    ].join("\n");
    const token = (await findings(text)).find((f) => f.code === "PD1302");
    expect(token?.vars).toMatchObject({ lastHeader: "Strict-Transport-Security: max-age=172800", headerCount: 1 });
  });
});
