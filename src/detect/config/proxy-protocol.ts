import { defineDetector } from "../define.ts";

/** The PROXY protocol is on at some hop; next to TLS or parse errors it points at the two sides disagreeing. */
export const proxyProtocolConfigured = defineDetector({
  id: "config.proxy-protocol",
  description: "settings in the evidence that turn the PROXY protocol on",
  inputs: ["config.proxy-protocol"],
  emits: ["PD1741"],
  each(setting, emit) {
    emit({
      code: "PD1741",
      subject: setting.ref.source,
      vars: { setting: setting.setting },
      evidence: [setting.ref],
    });
  },
});
