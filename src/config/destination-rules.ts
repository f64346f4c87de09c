import { asArray, asNumber, asObject, asString, type JsonObject, stringMap } from "./access.ts";
import { type MeshIndex, resolveHost, type ServiceInfo, visible } from "./mesh-index.ts";
import type { FieldPath, Resource } from "./resource.ts";

/** The Services a DestinationRule's host covers (exact, or by wildcard), seen from its namespace. */
export function destinationRuleTargets(index: MeshIndex, rule: Resource): ServiceInfo[] {
  const host = asString(asObject(rule.body.spec)?.host);
  return host ? index.servicesForHost(host, rule.namespace) : [];
}

export interface TlsSetting {
  readonly mode: string;
  readonly path: FieldPath;
  readonly port: number | undefined;
  readonly subsetLabels: Readonly<Record<string, string>>;
}

/** Every tls.mode a DestinationRule sets: top level, per port, per subset and per subset port. */
export function tlsSettings(rule: Resource): TlsSetting[] {
  const spec = asObject(rule.body.spec);
  const out: TlsSetting[] = [];
  const fromPolicy = (policy: JsonObject | undefined, base: FieldPath, labels: Record<string, string>): void => {
    const mode = asString(asObject(policy?.tls)?.mode);
    if (mode)
      out.push({ mode: mode.toUpperCase(), path: [...base, "tls", "mode"], port: undefined, subsetLabels: labels });
    asArray(policy?.portLevelSettings).forEach((item, index) => {
      const setting = asObject(item);
      const portMode = asString(asObject(setting?.tls)?.mode);
      const port = asNumber(asObject(setting?.port)?.number);
      if (portMode) {
        out.push({
          mode: portMode.toUpperCase(),
          path: [...base, "portLevelSettings", index, "tls", "mode"],
          port,
          subsetLabels: labels,
        });
      }
    });
  };
  fromPolicy(asObject(spec?.trafficPolicy), ["spec", "trafficPolicy"], {});
  asArray(spec?.subsets).forEach((item, index) => {
    const subset = asObject(item);
    fromPolicy(asObject(subset?.trafficPolicy), ["spec", "subsets", index, "trafficPolicy"], stringMap(subset?.labels));
  });
  return out;
}

export interface SubsetDef {
  readonly rule: Resource;
  readonly name: string;
  readonly index: number;
  readonly labels: Readonly<Record<string, string>>;
}

/** Subsets defined for a host by DestinationRules visible from a namespace. */
export function subsetsForHost(index: MeshIndex, host: string, fromNamespace: string): SubsetDef[] {
  const fqdn = resolveHost(host, fromNamespace);
  const out: SubsetDef[] = [];
  for (const rule of index.destinationRulesFor(fqdn)) {
    const spec = asObject(rule.body.spec);
    const exportTo = asArray(spec?.exportTo).map(String);
    if (!visible(exportTo, rule.namespace, fromNamespace)) continue;
    asArray(spec?.subsets).forEach((item, position) => {
      const subset = asObject(item);
      const name = asString(subset?.name);
      if (name) out.push({ rule, name, index: position, labels: stringMap(subset?.labels) });
    });
  }
  return out;
}

export interface RouteDestination {
  readonly resource: Resource;
  readonly host: string;
  readonly subset: string | undefined;
  readonly port: number | undefined;
  readonly path: FieldPath;
}

const ROUTE_KINDS = ["http", "tcp", "tls"] as const;

/** Every destination (and mirror) of a VirtualService, with the path of its host field. */
export function routeDestinations(service: Resource): RouteDestination[] {
  const spec = asObject(service.body.spec);
  const out: RouteDestination[] = [];
  for (const kind of ROUTE_KINDS) {
    asArray(spec?.[kind]).forEach((item, routeIndex) => {
      const route = asObject(item);
      asArray(route?.route).forEach((target, targetIndex) => {
        const destination = asObject(asObject(target)?.destination);
        pushDestination(out, service, destination, ["spec", kind, routeIndex, "route", targetIndex, "destination"]);
      });
      pushDestination(out, service, asObject(route?.mirror), ["spec", kind, routeIndex, "mirror"]);
    });
  }
  return out;
}

function pushDestination(
  out: RouteDestination[],
  resource: Resource,
  destination: JsonObject | undefined,
  path: FieldPath,
): void {
  const host = asString(destination?.host);
  if (!host) return;
  out.push({
    resource,
    host,
    subset: asString(destination?.subset),
    port: asNumber(asObject(destination?.port)?.number),
    path,
  });
}
