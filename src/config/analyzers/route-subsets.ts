import { defineAnalyzer } from "../analyzer.ts";
import { routeDestinations, subsetsForHost } from "../destination-rules.ts";

/** VirtualService destinations naming a subset that no visible DestinationRule defines. */
export const routeToUndefinedSubset = defineAnalyzer({
  name: "virtualservice.SubsetAnalyzer",
  description: "VirtualService routes to subsets that no DestinationRule defines",
  inputs: ["VirtualService"],
  emits: ["PD5113"],
  analyze(context) {
    for (const service of context.index.ofKind("VirtualService")) {
      for (const destination of routeDestinations(service)) {
        if (!destination.subset) continue;
        const defined = [context.index, context.applied].some((index) =>
          index
            ? subsetsForHost(index, destination.host, service.namespace).some((s) => s.name === destination.subset)
            : false,
        );
        if (defined) continue;
        context.report("PD5113", service, [...destination.path, "subset"], {
          subset: destination.subset,
          host: destination.host,
        });
      }
    }
  },
});
