import type { ObservationBase } from "./base.ts";

/** What failed under an application's HTTP request, as the client's own wording tells. */
export type AppClientFailure =
  | "connection-refused"
  | "tcp-timeout"
  | "host-unreachable"
  | "name-not-resolved"
  | "connection-reset"
  | "closed-before-response"
  | "response-timeout"
  | "body-timeout"
  | "body-cut"
  | "plaintext-answer-to-tls"
  | "tls-answer-to-plaintext"
  | "plaintext-request-to-tls-server"
  | "certificate-rejected"
  | "tls-handshake-failed"
  | "malformed-header"
  | "header-too-large"
  | "goaway"
  | "h2-answer-not-h2"
  | "concurrency-limit"
  | "no-server"
  | "malformed-response";

/**
 * One failed request of an application HTTP client (Node.js http, undici, node-fetch, axios,
 * urllib3/requests, aiohttp, httpx, Apache HttpClient, OkHttp, Reactor Netty, the JDK clients,
 * .NET HttpClient, reqwest/hyper/tonic/rustls, Ruby Net::HTTP and Faraday, PHP cURL and Guzzle):
 * an error line, or an exception with its causes joined at its first line.
 */
export interface AppClientErrorObservation extends ObservationBase<"app-client.error"> {
  /** The client library as its wording names it, such as `urllib3 (requests)` or `.NET HttpClient`. */
  readonly library: string;
  readonly failure: AppClientFailure;
  /** Values taken from the wording: the reason text, the host, the TCP operation, a timeout. */
  readonly fields: Readonly<Record<string, string>>;
  /**
   * The gateway framework the client runs in, when its stack frames name one (Zuul, Spring Cloud
   * Gateway, YARP, Ocelot): its timeouts are a proxy's route timeouts, not an application's.
   */
  readonly gateway?: string;
}

/** What a Python application server (gunicorn, uWSGI, uvicorn) logs about a request it could not serve. */
export type AppServerEventKind =
  | "worker-timeout"
  | "http-to-uwsgi"
  | "uwsgi-buffer-too-small"
  | "request-refused"
  | "proxy-not-allowed";

export interface AppServerEvent extends ObservationBase<"app-server.event"> {
  readonly server: string;
  readonly kind: AppServerEventKind;
  /** Values the line gives: the worker's pid, the block size and the limit, the parser's error. */
  readonly fields: Readonly<Record<string, string>>;
}

export type AppClientObservation = AppClientErrorObservation | AppServerEvent;
