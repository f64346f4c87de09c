import type { AppClientObservation } from "./observations/app-client.ts";
import type { BinaryObservation } from "./observations/binary.ts";
import type { BrowserObservation } from "./observations/browser.ts";
import type { CaptureObservation } from "./observations/capture.ts";
import type { CloudLbObservation } from "./observations/cloud-lb.ts";
import type { ConfigObservation } from "./observations/config.ts";
import type { CurlObservation } from "./observations/curl.ts";
import type { EnvoyObservation } from "./observations/envoy.ts";
import type { GoObservation } from "./observations/go.ts";
import type { GrpcObservation } from "./observations/grpc.ts";
import type { HaproxyObservation } from "./observations/haproxy.ts";
import type { MeshObservation } from "./observations/mesh.ts";
import type { NetworkObservation } from "./observations/network.ts";
import type { NghttpObservation } from "./observations/nghttp.ts";
import type { NginxObservation } from "./observations/nginx.ts";
import type { ProbeObservation } from "./observations/probe.ts";
import type { ProxiesObservation } from "./observations/proxies.ts";
import type { TextObservation } from "./observations/text.ts";
import type { WireObservation } from "./observations/wire.ts";

/**
 * A typed fact read from evidence. Each family lives in its own file under observations/;
 * every member has a `type` of the form `<family>.<kind>` and a `ref`.
 */
export type Observation =
  | AppClientObservation
  | BinaryObservation
  | BrowserObservation
  | CaptureObservation
  | CloudLbObservation
  | ConfigObservation
  | CurlObservation
  | EnvoyObservation
  | GoObservation
  | GrpcObservation
  | HaproxyObservation
  | MeshObservation
  | NetworkObservation
  | NghttpObservation
  | NginxObservation
  | ProbeObservation
  | ProxiesObservation
  | TextObservation
  | WireObservation;

export type ObservationType = Observation["type"];

export type ObservationOf<T extends ObservationType> = Extract<Observation, { type: T }>;
