import type { Line } from "../lines.ts";
import type { FileReaderFactory } from "../reader.ts";
import { emitProxyProtocolSetting } from "./proxy-protocol.ts";
import { statusMessages } from "./status-messages.ts";

/** Larger configuration files are not kept whole; they are reported as unread. */
const MAX_CONFIG_BYTES = 16 << 20;
const CONFIG_NAME = /\.(ya?ml|json)$|(^|\/)nginx\.conf$|\.conf$/i;
const KUBERNETES_SHAPE = /^\s*(apiVersion|kind)\s*:|"(apiVersion|kind)"\s*:/m;
const NGINX_SHAPE = /^\s*(http|server|location|upstream|events)\s*\{|^\s*proxy_\w+\s/m;
const KONG_VALUES_SHAPE = /^\s*(image|env|ingressController|proxy|admin|extraConfigMaps|deployment)\s*:/m;
const ENVOY_ADMIN_SHAPE = /"configs"\s*:\s*\[|::health_flags::|^outbound\|/m;

/**
 * Configuration files go to the configuration checks (the same analyzers as `proxydoc lint`),
 * so one `diagnose` run weighs a misconfiguration together with the logs it causes.
 */
export const configReader: FileReaderFactory = {
  format: "configuration",
  sniff(head, name) {
    if (!CONFIG_NAME.test(name) && !name.endsWith("/clusters") && !name.endsWith("clusters.txt")) return false;
    const text = head.toString("utf8", 0, Math.min(head.length, 64 * 1024));
    return (
      KUBERNETES_SHAPE.test(text) ||
      NGINX_SHAPE.test(text) ||
      KONG_VALUES_SHAPE.test(text) ||
      ENVOY_ADMIN_SHAPE.test(text)
    );
  },
  async read(chunks, context) {
    const parts: Buffer[] = [];
    let size = 0;
    for await (const chunk of chunks) {
      size += chunk.length;
      if (size <= MAX_CONFIG_BYTES) parts.push(chunk);
    }
    if (size > MAX_CONFIG_BYTES) return { records: 0, unknown: 1 };
    const text = Buffer.concat(parts, size).toString("utf8");
    context.emit({ type: "config.document", ref: { source: context.source }, text });
    const lines = linesOf(text);
    for (const line of lines) emitProxyProtocolSetting(context, line);
    // What controllers wrote into the objects' status is evidence like any log line, and Envoy's
    // admin output (`/clusters`) is read by its line reader as well.
    const quoted = KUBERNETES_SHAPE.test(text)
      ? statusMessages(text, context.source)
      : ENVOY_ADMIN_SHAPE.test(text)
        ? lines
        : [];
    return { records: 1, unknown: 0, ...(quoted.length > 0 ? { quoted } : {}) };
  },
};

/** The document's lines with their places, as a line reader would get them. */
function linesOf(text: string): Line[] {
  const out: Line[] = [];
  let byte = 0;
  const texts = text.split("\n");
  for (let i = 0; i < texts.length; i++) {
    const line = (texts[i] as string).replace(/\r$/, "");
    out.push({ text: line, line: i + 1, byte, length: Buffer.byteLength(line), truncated: false });
    byte += Buffer.byteLength(texts[i] as string) + 1;
  }
  return out;
}
