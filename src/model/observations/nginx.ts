import type { ObservationBase } from "./base.ts";

/** combined; ingress-nginx's upstream format; a custom log_format of `key=value` fields. */
export type AccessFormat = "combined" | "ingress-nginx" | "key-value";

/** Which build of nginx wrote the line, as far as the line tells. */
export type NginxFlavour = "nginx" | "kong" | "ingress-nginx";

/** One line of an nginx, OpenResty, Kong or ingress-nginx error log. */
export interface NginxErrorLine extends ObservationBase<"nginx.error"> {
  readonly time?: string;
  /** debug, info, notice, warn, error, crit, alert, emerg. */
  readonly level: string;
  readonly pid?: number;
  /** The connection number after `*`. */
  readonly connection?: number;
  /** The message without the `while …` context and the client/server/request tail. */
  readonly message: string;
  /** The failing system call, such as `open`, `mkdir`, `connect`, `recv`. */
  readonly syscall?: string;
  readonly errno?: number;
  readonly errnoText?: string;
  /** The line ends inside the errno's parentheses: it was cut where it was copied from. */
  readonly cut?: boolean;
  /** The file the system call was about. */
  readonly path?: string;
  /** The `while …` context: `reading upstream`, `connecting to upstream`… */
  readonly action?: string;
  readonly client?: string;
  readonly server?: string;
  readonly request?: string;
  readonly upstream?: string;
  readonly host?: string;
  readonly flavour: NginxFlavour;
  /** For Kong/OpenResty lines, the Lua source (`balancer.lua:123`) the message came from. */
  readonly luaSource?: string;
}

/** Counts of an nginx or ingress-nginx access log, with a few example lines per status. */
export interface NginxAccessSummary extends ObservationBase<"nginx.access-summary"> {
  readonly lines: number;
  readonly byStatus: Readonly<Record<string, number>>;
  /** Upstream statuses (`$upstream_status`) seen on lines whose own status is 4xx/5xx, by status. */
  readonly upstreamStatusByStatus: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Example lines per notable status (499, 5xx), bounded. */
  readonly examples: Readonly<Record<string, readonly NginxAccessExample[]>>;
  readonly format: AccessFormat;
}

export interface NginxAccessExample {
  readonly ref: ObservationBase<"nginx.access-summary">["ref"];
  readonly method?: string;
  readonly path?: string;
  readonly upstreamStatus?: string;
  readonly upstream?: string;
  readonly requestTime?: number;
  readonly upstreamName?: string;
  readonly requestId?: string;
}

/** A line of the ingress-nginx controller's own (klog) log that bears on routing. */
export interface IngressControllerLine extends ObservationBase<"nginx.ingress-controller"> {
  /** I, W, E or F. */
  readonly severity: string;
  readonly kind: "no-active-endpoints" | "no-endpoints-object" | "ingress-class-ignored" | "annotation-refused";
  /** The controller, when it is not ingress-nginx: HAProxy's ingress controller logs its own wording. */
  readonly controller?: "haproxy-ingress";
  /** The Service (for endpoints) or the Ingress the line is about, as `namespace/name`; empty when not named. */
  readonly service: string;
  readonly message: string;
}

export type NginxObservation = NginxErrorLine | NginxAccessSummary | IngressControllerLine;
