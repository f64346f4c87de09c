import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";
import { awsAccessLogReader, awsStatusLineReader } from "./alb.ts";
import { appGatewayAccessReader } from "./appgw.ts";
import { cloudflarePageReader } from "./cloudflare.ts";
import { cloudfrontPageReader } from "./cloudfront.ts";
import { gclbJsonReader, gclbLineReader } from "./gclb.ts";
import { varnishPageReader } from "./varnish.ts";

export const CLOUD_LB_LINE_READERS: readonly LineReaderFactory[] = [
  awsAccessLogReader,
  appGatewayAccessReader,
  awsStatusLineReader,
  gclbLineReader,
  cloudflarePageReader,
  cloudfrontPageReader,
  varnishPageReader,
];
export const CLOUD_LB_FILE_READERS: readonly FileReaderFactory[] = [gclbJsonReader];
