import type { SourceRef } from "../source.ts";
import type { ObservationBase } from "./base.ts";

/** The load balancer whose request log was read. */
export type CloudBalancer = "aws-alb" | "aws-elb" | "gcp" | "azure-appgw";

/**
 * How long an AWS request waited between the load balancer receiving it and answering, in the
 * classes that tell its 502s and 504s apart: at once (under a second), about the 10 s connect
 * timeout, longer, or not known (the classic ELB logs one time only, so never how long it waited).
 */
export type AwsWait = "instant" | "connect-timeout" | "long" | "unknown";

/**
 * Requests of a cloud load balancer's log that ended the same way, counted: AWS ALB or classic
 * ELB access-log entries by ELB status, target status, error reason and target; GCP Application
 * Load Balancer entries (or `uniq -c` counts of them) by status and `statusDetails`.
 */
export interface CloudLbOutcome extends ObservationBase<"cloudlb.outcome"> {
  readonly balancer: CloudBalancer;
  /** The load balancer's name (ALB resource id, forwarding rule), when the log says it. */
  readonly lb?: string;
  /** The status the load balancer sent to the client; absent when none was (or none is known). */
  readonly status?: number;
  /** AWS: the status the target sent; absent when the target sent none (`-`). */
  readonly targetStatus?: number;
  /** The target (`ip:port`) or backend service of failed requests. */
  readonly target?: string;
  /** GCP `statusDetails`, or the AWS `error_reason`. */
  readonly detail?: string;
  readonly wait?: AwsWait;
  readonly count: number;
  /** AWS: entries whose target_processing_time was -1 (no response from the target). */
  readonly targetTimeMissing?: number;
  /** Longest time from the request's arrival to the answer, in seconds. */
  readonly longestSeconds?: number;
  readonly firstTime?: string;
  readonly lastTime?: string;
  /** A few entries of the group (the first is `ref`). */
  readonly samples: readonly SourceRef[];
}

/** Totals of one load balancer log, so a group can be weighed against the rest. */
export interface CloudLbTotals extends ObservationBase<"cloudlb.totals"> {
  readonly balancer: CloudBalancer;
  readonly entries: number;
  /** Entries not counted in a group because the table of groups was full. */
  readonly ungrouped: number;
}

/** Cloudflare's own error page for a 52x (`Error 522`, `522: Connection timed out`). */
export interface CloudflareErrorPage extends ObservationBase<"cloudlb.cloudflare-page"> {
  readonly status: number;
}

/** CloudFront's own error page, by the sentence that says what failed towards the origin. */
export interface CloudFrontErrorPage extends ObservationBase<"cloudlb.cloudfront-page"> {
  readonly failure: "origin-connect" | "origin-closed" | "origin-timeout";
}

/**
 * What a 503 that Varnish made itself says about its fetch from the origin, by its reason phrase
 * (Fastly's cache runs on Varnish): no first byte in time, a failed read, no connection in time, a
 * failure Varnish does not name (`Backend fetch failed`, or Varnish 3's generic page), no healthy
 * backend.
 */
export type VarnishFailure =
  | "first-byte-timeout"
  | "backend-read-error"
  | "connect-timeout"
  | "backend-fetch-failed"
  | "no-healthy-backend";

/** Varnish's own 503 page (`Error 503 first byte timeout`, `Guru Meditation`), or its status line pasted alone. */
export interface VarnishErrorPage extends ObservationBase<"cloudlb.varnish-page"> {
  readonly failure: VarnishFailure;
  /** The reason phrase as the page writes it. */
  readonly reason: string;
}

export type CloudLbObservation =
  | CloudLbOutcome
  | CloudLbTotals
  | CloudflareErrorPage
  | CloudFrontErrorPage
  | VarnishErrorPage;
