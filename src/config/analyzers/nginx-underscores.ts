import { defineAnalyzer } from "../analyzer.ts";
import { nginxSettings } from "../nginx-settings.ts";

const READS_REQUEST_HEADER = new Set(["real_ip_header", "canary_by_header"]);

/** Request headers with underscores that nginx drops while underscores_in_headers is off. */
export const nginxUnderscoreHeaders = defineAnalyzer({
  name: "nginx.UnderscoreHeaderAnalyzer",
  description:
    "nginx / ingress-nginx settings that read a header with an underscore while underscores_in_headers is off",
  inputs: ["NginxConfig", "ConfigMap", "Ingress"],
  emits: ["PD5212"],
  analyze(context) {
    const settings = nginxSettings(context.index);
    if (settings.some((s) => s.name === "underscores_in_headers" && s.args[0] === "on")) return;
    for (const setting of settings) {
      const header = setting.args[0] ?? "";
      if (!READS_REQUEST_HEADER.has(setting.name) || !header.includes("_")) continue;
      context.report("PD5212", setting.resource, setting.path, { header });
    }
  },
});
