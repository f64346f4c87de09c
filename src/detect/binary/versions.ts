import type { GoBuildObservation, GoModule } from "../../model/observations/binary.ts";

export interface GoRelease {
  readonly minor: number;
  readonly patch: number;
}

/** `go1.13.15` → 1.13.15; `go1.21rc2` → 1.21.0; `devel …` and anything else → undefined. */
export function goRelease(version: string | undefined): GoRelease | undefined {
  const match = /^go1\.(\d{1,2})(?:\.(\d{1,2}))?/.exec(version ?? "");
  if (!match) return undefined;
  return { minor: Number(match[1]), patch: Number(match[2] ?? 0) };
}

export function atLeast(release: GoRelease, minor: number, patch = 0): boolean {
  return release.minor > minor || (release.minor === minor && release.patch >= patch);
}

/** The module a binary requires, by path. */
export function dependency(observation: GoBuildObservation, path: string): GoModule | undefined {
  return observation.deps.find((dep) => dep.path === path);
}

/** The version a module resolved to: the replacement's when it names one. */
export function effectiveVersion(module: GoModule): string {
  const replaced = module.replacedBy?.version;
  return replaced && replaced !== "(devel)" ? replaced : module.version;
}

/**
 * The commit date (YYYYMMDD) a module version stands for. Pseudo-versions carry it; golang.org/x/net
 * only tagged releases from v0.1.0 (October 2022) on, later than every date compared here.
 */
export function moduleDate(module: GoModule): string | undefined {
  const version = effectiveVersion(module);
  const pseudo = /-(?:0\.)?(\d{8})\d{6}-[0-9a-f]{12}(?:\+incompatible)?$/.exec(version);
  if (pseudo) return pseudo[1];
  if (module.path === "golang.org/x/net" && /^v0\.(?:[1-9]\d*)\.\d+/.test(version)) return "20221001";
  return undefined;
}

export interface KubeRelease {
  readonly minor: number;
  readonly patch: number;
}

/**
 * The Kubernetes release a client-go stands for: `v0.N.P` is 1.N.P; the old majors v2…v12 are
 * 1.5…1.15. A `v0.0.0` replaced by a local folder (how Kubernetes builds its own binaries) says
 * nothing; the version stamped with `-X …/version.gitVersion=` then does.
 */
export function clientGoRelease(observation: GoBuildObservation): KubeRelease | undefined {
  const module = dependency(observation, "k8s.io/client-go");
  const version = module ? effectiveVersion(module) : "";
  const modern = /^v0\.(\d+)\.(\d+)/.exec(version);
  if (modern && Number(modern[1]) > 0) return { minor: Number(modern[1]), patch: Number(modern[2]) };
  const legacy = /^v(\d+)\.\d+\.\d+/.exec(version);
  if (legacy && Number(legacy[1]) >= 2) return { minor: Number(legacy[1]) + 3, patch: 0 };
  const stamped = /version\.gitVersion=v1\.(\d+)\.(\d+)/.exec(observation.settings["-ldflags"] ?? "");
  if (stamped && (module || observation.mainModule?.path === "k8s.io/kubernetes")) {
    return { minor: Number(stamped[1]), patch: Number(stamped[2]) };
  }
  return undefined;
}

/** First patch of each minor that enables the HTTP/2 health check by default (kubernetes#95981 and backports). */
const HEALTH_CHECK_FROM: Readonly<Record<number, number>> = { 18: 18, 19: 5, 20: 0 };

export function clientGoChecksHealth(release: KubeRelease): boolean {
  if (release.minor > 20) return true;
  const from = HEALTH_CHECK_FROM[release.minor];
  return from !== undefined && release.patch >= from;
}

export function describeKube(release: KubeRelease | undefined): string {
  return release ? `(Kubernetes 1.${release.minor}.${release.patch})` : "";
}
