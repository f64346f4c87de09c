import type { ResponseFigures } from "../model/observations/probe.ts";
import type { Timings, TlsDetails } from "./connect.ts";
import type { EndReason } from "./http1-exchange.ts";

export type ProbeProtocol = "http/1.1" | "h2" | "h2c";

/** An HTTP/2 frame as the probe saw it, for the report and for `--save`. */
export interface ProbeFrame {
  readonly direction: "out" | "in";
  readonly atMs: number;
  readonly type: string;
  readonly stream: number;
  readonly flags: readonly string[];
  readonly length: number;
  readonly detail?: string;
}

export interface ProbeResponse extends ResponseFigures {
  readonly reason?: string;
  readonly httpVersion?: string;
}

/** The probe's own account of one exchange: everything the report and the detectors read. */
export interface ProbeResult {
  readonly url: string;
  readonly method: string;
  readonly protocol: ProbeProtocol;
  readonly remote?: { readonly address: string; readonly port: number };
  readonly tls?: TlsDetails;
  /** The ALPN protocols offered, over TLS. */
  readonly alpnOffered?: readonly string[];
  readonly timings: Timings;
  readonly end: EndReason;
  readonly error?: { readonly phase: string; readonly message: string };
  readonly response?: ProbeResponse;
  /** HTTP/2 only: the frames, and how the stream ended. */
  readonly frames?: readonly ProbeFrame[];
  readonly reset?: { readonly code: string; readonly afterBodyBytes: number };
  readonly goaway?: { readonly code: string; readonly lastStreamId: number; readonly debug: string };
  readonly bytesSent: number;
  readonly bytesReceived: number;
}
