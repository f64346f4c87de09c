import type { Http1Check } from "./define.ts";
import { EVENT_CHECKS, EXCESS_CHECKS } from "./events.ts";
import { FIELD_CHECKS } from "./fields.ts";
import { CONTENT_LENGTH_CHECKS, TRANSFER_ENCODING_CHECKS } from "./framing.ts";
import { SEMANTIC_CHECKS } from "./semantics.ts";
import { START_LINE_CHECKS } from "./start-line.ts";

/** Every HTTP/1 defect check. */
export const HTTP1_CHECKS: readonly Http1Check[] = [
  ...START_LINE_CHECKS,
  ...FIELD_CHECKS,
  ...TRANSFER_ENCODING_CHECKS,
  ...CONTENT_LENGTH_CHECKS,
  ...EVENT_CHECKS,
  ...EXCESS_CHECKS,
  ...SEMANTIC_CHECKS,
];
