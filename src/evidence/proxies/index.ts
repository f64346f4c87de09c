import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";
import { apacheErrorLogReader } from "./apache.ts";
import { caddyReader } from "./caddy.ts";
import { cloudflaredReader } from "./cloudflared.ts";
import { iisLogReader } from "./iis.ts";
import { linkerdProxyReader } from "./linkerd.ts";
import { nodeProxyReader } from "./node-proxy.ts";
import { platformRouterReader } from "./platform.ts";
import { traefikReader } from "./traefik.ts";
import { varnishlogReader } from "./varnishlog.ts";
import { yarpReader } from "./yarp.ts";

export const PROXIES_LINE_READERS: readonly LineReaderFactory[] = [
  apacheErrorLogReader,
  caddyReader,
  traefikReader,
  linkerdProxyReader,
  nodeProxyReader,
  cloudflaredReader,
  yarpReader,
  platformRouterReader,
  iisLogReader,
  varnishlogReader,
];
export const PROXIES_FILE_READERS: readonly FileReaderFactory[] = [];
