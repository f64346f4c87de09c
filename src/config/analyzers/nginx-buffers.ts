import { defineAnalyzer } from "../analyzer.ts";
import { nginxSettings, sizeBytes } from "../nginx-settings.ts";

const PAGE = 4096;

/** proxy_buffer_size too small for the response headers that reach nginx. */
export const nginxProxyBuffer = defineAnalyzer({
  name: "nginx.ProxyBufferAnalyzer",
  description: "nginx / ingress-nginx proxy_buffer_size below one page or below the response header sizes it serves",
  inputs: ["NginxConfig", "ConfigMap", "Ingress"],
  emits: ["PD5211"],
  analyze(context) {
    const settings = nginxSettings(context.index);
    const largeHeaders = settings
      .filter((s) => s.name === "large_client_header_buffers")
      .map((s) => sizeBytes(s.args[1]) ?? 0)
      .reduce((a, b) => Math.max(a, b), 0);
    for (const setting of settings) {
      if (setting.name !== "proxy_buffer_size") continue;
      const size = sizeBytes(setting.args[0]);
      if (size === undefined) continue;
      if (size < PAGE) {
        context.report("PD5211", setting.resource, setting.path, {
          size: setting.args[0] ?? "",
          comparison: "below one memory page (4k), the smallest useful header buffer",
        });
      } else if (largeHeaders > size) {
        context.report("PD5211", setting.resource, setting.path, {
          size: setting.args[0] ?? "",
          comparison: `smaller than the ${largeHeaders / 1024}k header lines the same server accepts from clients, which upstreams often echo (cookies, tokens)`,
        });
      }
    }
  },
});
