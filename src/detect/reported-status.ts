import type { FindingCode } from "../model/finding.ts";

/**
 * The finding for a status a client reports a server answered, when the status itself names a
 * hop's limit or failure (413, 431, 502, 503, 504); other statuses are left alone. Go clients,
 * gRPC clients and curl's `--fail` report them in their own words.
 */
const REPORTED_STATUS_CODES: Readonly<Record<string, FindingCode>> = {
  "413": "PD1554",
  "431": "PD1583",
  "502": "PD1555",
  "503": "PD1556",
  "504": "PD1557",
};

export function reportedStatusCode(status: string | number | undefined): FindingCode | undefined {
  return status === undefined ? undefined : REPORTED_STATUS_CODES[String(status)];
}

/** Every code reportedStatusCode gives, for a detector's `emits`. */
export const REPORTED_STATUS_FINDINGS: readonly FindingCode[] = Object.values(REPORTED_STATUS_CODES);
