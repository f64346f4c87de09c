import { asArray, asObject, asString } from "../access.ts";
import { defineAnalyzer } from "../analyzer.ts";
import { proxyMetadataFlag } from "../proxy-config.ts";

/** TCP ServiceEntries without addresses while DNS capture with address auto-allocation is off. */
export const serviceEntryAddresses = defineAnalyzer({
  name: "serviceentry.AddressAnalyzer",
  description: "ServiceEntries with TCP ports and no addresses when DNS capture and auto-allocation are off",
  inputs: ["ServiceEntry"],
  emits: ["PD5191"],
  analyze(context) {
    const { index } = context;
    const dnsCapture = proxyMetadataFlag(index, undefined, "ISTIO_META_DNS_CAPTURE");
    const autoAllocate =
      proxyMetadataFlag(index, undefined, "ISTIO_META_DNS_AUTO_ALLOCATE") ||
      proxyMetadataFlag(index, undefined, "PILOT_ENABLE_IP_AUTOALLOCATE");
    if (dnsCapture && autoAllocate) return;
    for (const entry of index.ofKind("ServiceEntry")) {
      const spec = asObject(entry.body.spec);
      if (asArray(spec?.addresses).length > 0 || asArray(asObject(entry.body.status)?.addresses).length > 0) continue;
      asArray(spec?.ports).forEach((item, position) => {
        const port = asObject(item);
        const protocol = (asString(port?.protocol) ?? "").toUpperCase();
        if (protocol !== "" && protocol !== "TCP") return;
        context.report("PD5191", entry, ["spec", "ports", position], { port: String(port?.number ?? position) });
      });
    }
  },
});
