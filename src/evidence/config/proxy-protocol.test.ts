import { describe, expect, test } from "vitest";
import { proxyProtocolSetting } from "./proxy-protocol.ts";

describe("PROXY protocol settings", () => {
  test.each([
    'service.beta.kubernetes.io/aws-load-balancer-proxy-protocol: "*"',
    '  use-proxy-protocol: "true"',
    "    listen 443 ssl proxy_protocol;",
    "    server web1 10.0.0.5:443 check send-proxy-v2",
    "  protocol: HTTPSPROXY",
    "- name: envoy.filters.listener.proxy_protocol",
    "proxy_protocol_v2.enabled=true",
    "        proxy_protocol v1",
  ])("%s is a setting that turns it on", (line) => {
    expect(proxyProtocolSetting(line)).toBe(line.trim());
  });

  test.each([
    'use-proxy-protocol: "false"',
    "# proxy_protocol is off here",
    "  protocol: HTTPS",
    "proxy_pass http://backend;",
    "the proxy protocol error page",
    "proxy_protocol v1 is what the upstream expects",
  ])("%s is not", (line) => {
    expect(proxyProtocolSetting(line)).toBeUndefined();
  });
});
