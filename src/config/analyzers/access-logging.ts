import { asArray, asObject, asString } from "../access.ts";
import { defineAnalyzer } from "../analyzer.ts";

const BUILT_IN_PROVIDERS = new Set(["envoy", "prometheus", "stackdriver"]);

/** Access logging that is configured but cannot log: empty or unknown providers, a format without a file. */
export const accessLogging = defineAnalyzer({
  name: "telemetry.AccessLogAnalyzer",
  description: "Telemetry access logging with no or unknown providers; mesh access-log format without a file",
  inputs: ["MeshConfig", "Telemetry"],
  emits: ["PD5173"],
  analyze(context) {
    const { index } = context;
    const mesh = index.mesh.resource;
    const body = index.mesh.body;
    const defaults = asArray(asObject(body.defaultProviders)?.accessLogging);
    const defined = new Set(asArray(body.extensionProviders).map((p) => asString(asObject(p)?.name) ?? ""));
    for (const telemetry of index.ofKind("Telemetry")) {
      asArray(asObject(telemetry.body.spec)?.accessLogging).forEach((item, position) => {
        const entry = asObject(item);
        const providers = asArray(entry?.providers);
        if (providers.length === 0 && defaults.length === 0 && entry?.disabled !== true) {
          context.report("PD5173", telemetry, ["spec", "accessLogging", position], {
            problem: "names no provider and the mesh config has no default access-log provider, so it is ignored",
          });
        }
        if (!mesh) return;
        providers.forEach((p, i) => {
          const name = asString(asObject(p)?.name);
          if (!name || defined.has(name) || BUILT_IN_PROVIDERS.has(name)) return;
          context.report("PD5173", telemetry, ["spec", "accessLogging", position, "providers", i, "name"], {
            problem: `names provider "${name}", which the mesh config does not define`,
          });
        });
      });
    }
    if (!mesh) return;
    const file = asString(body.accessLogFile);
    for (const key of ["accessLogFormat", "accessLogEncoding"]) {
      const value = asString(body[key]);
      if (
        value &&
        value.trim() !== "" &&
        (file === undefined || file.trim() === "") &&
        index.ofKind("Telemetry").length === 0
      ) {
        context.report("PD5173", mesh, [key], {
          problem: `${key} is set but accessLogFile is empty, so no access log is written`,
        });
        break;
      }
    }
  },
});
