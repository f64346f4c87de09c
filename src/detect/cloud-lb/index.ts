import type { AnyDetector } from "../define.ts";
import { cloudflareStatusDetector } from "./cloudflare.ts";
import { cloudfrontPageDetector } from "./cloudfront.ts";
import { cloudLbOutcomes } from "./outcomes.ts";
import { varnishPageDetector } from "./varnish.ts";

export const CLOUD_LB_DETECTORS: readonly AnyDetector[] = [
  cloudLbOutcomes,
  cloudflareStatusDetector,
  cloudfrontPageDetector,
  varnishPageDetector,
];
