import type { FindingVars } from "../../model/finding.ts";
import type { Correlation } from "../../model/observations/base.ts";
import type { ResponderHint } from "../../model/observations/curl.ts";

type MutableVars = Record<string, string | number | boolean>;

/** Drops undefined and empty values so templates show `<name>` only for what is truly unknown. */
export function compact(vars: Readonly<Record<string, string | number | boolean | undefined>>): FindingVars {
  const out: MutableVars = {};
  for (const [key, value] of Object.entries(vars)) if (value !== undefined && value !== "") out[key] = value;
  return out;
}

/** host, path and url from an observation's correlation, for next-step commands. */
export function placeVars(correlation: Correlation | undefined, scheme = "https"): FindingVars {
  if (!correlation) return {};
  const { authority, path, upstream, requestId } = correlation;
  return compact({
    host: authority,
    path,
    upstream,
    requestId,
    url: authority ? `${scheme}://${authority}${path ?? "/"}` : undefined,
  });
}

/** What a finding is about: the URL when known, else the host, else a fallback. */
export function subjectOf(correlation: Correlation | undefined, fallback: string): string {
  if (correlation?.authority) return `${correlation.authority}${correlation.path ?? ""}`;
  return fallback;
}

/**
 * Who to name as the producer of a failure. A reset or a cut body is the doing of the proxy
 * nearest the client even when the status before it was the application's.
 */
export function failureProducer(responder: ResponderHint | undefined): string | undefined {
  return responder?.frontProxy ?? (responder ? "server" : undefined);
}
