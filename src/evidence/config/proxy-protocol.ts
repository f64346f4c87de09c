import type { Line } from "../lines.ts";
import { type LineReaderFactory, lineRef, type ReaderContext } from "../reader.ts";

/**
 * Settings that turn the PROXY protocol on at one hop: a load balancer that sends it, or a proxy
 * that expects it. Both sides must agree; when one sends it and the other does not expect it (or
 * expects it before TLS while it comes after), every connection breaks.
 */
const SETTINGS: readonly RegExp[] = [
  // Kubernetes Service annotations (AWS, and the same key on other clouds' controllers).
  /\bproxy[-_]protocol(?:[-_]v2)?(?:\.enabled)?["']?\s*[:=]\s*["']?(?:\*|(?:true|on|enabled?|v1|v2)\b)/i,
  // ingress-nginx ConfigMap.
  /\buse-proxy-protocol["']?\s*:\s*["']?true\b/,
  // nginx.
  /\blisten\s+[^;]*\bproxy_protocol\b|^\s*proxy_protocol\s+on\s*;/,
  // Caddy (layer4 and reverse_proxy transports).
  /^\s*proxy_protocol\s+v[12]\s*$/,
  // HAProxy.
  /\b(?:send-proxy(?:-v2)?|accept-proxy)\b/,
  // Emissary-ingress Listener protocols that put the PROXY protocol in the stack.
  /^\s*protocol:\s*["']?(?:HTTPSPROXY|HTTPPROXY|TCPPROXY)\b/,
  // Envoy listener filter.
  /envoy\.filters\.listener\.proxy_protocol/,
];

const MAX_SETTING_LINE = 2048;

export function proxyProtocolSetting(text: string): string | undefined {
  if (text.length > MAX_SETTING_LINE || !/proxy/i.test(text)) return undefined;
  return SETTINGS.some((setting) => setting.test(text)) ? text.trim().slice(0, 200) : undefined;
}

export function emitProxyProtocolSetting(context: ReaderContext, line: Line): boolean {
  const setting = proxyProtocolSetting(line.text);
  if (!setting) return false;
  context.emit({ type: "config.proxy-protocol", ref: lineRef(context.source, line), setting });
  return true;
}

/** A PROXY-protocol setting quoted on its own (an annotation, a ConfigMap key, a listen line). */
export const proxyProtocolSettingReader: LineReaderFactory = {
  format: "proxy-protocol-setting",
  needles: SETTINGS,
  create(context) {
    return { accept: (line) => emitProxyProtocolSetting(context, line), end() {} };
  },
};
