import type { Correlation } from "../../model/observations/base.ts";
import type { GoWordingEra } from "../../model/observations/go.ts";

/** The request a Go `*url.Error` wraps: `Get "https://…": <err>` (Go 1.14+) or `Get https://…: <err>`. */
export interface WrappedRequest {
  readonly method: string;
  readonly url: string;
  readonly era: GoWordingEra;
}

const URL_ERROR = /\b(Get|Post|Put|Patch|Delete|Head|Options) (?:"(https?:\/\/[^"\s]+)"|(https?:\/\/[^\s"]+?)): /;

export function wrappedRequest(message: string): WrappedRequest | undefined {
  const match = URL_ERROR.exec(message);
  if (!match) return undefined;
  const [, method, quoted, bare] = match;
  const url = quoted ?? bare ?? "";
  return {
    method: (method ?? "").toUpperCase(),
    url,
    era: quoted !== undefined ? "go1.14-or-later" : "before-go1.14",
  };
}

const URL_PARTS = /^[a-z][a-z0-9+.-]*:\/\/([^/?#\s]+)([^?#\s]*)/i;
const NAMESPACED = /\/namespaces\/([a-z0-9][a-z0-9.-]{0,252})(?:\/([a-z0-9.-]+)\/([a-z0-9][a-z0-9.-]{0,252}))?/;

/** Host, path, namespace and pod named by a URL (Kubernetes API paths included). */
export function correlationOfUrl(url: string): Correlation {
  const parts = URL_PARTS.exec(url);
  if (!parts) return {};
  const authority = parts[1] ?? "";
  const path = parts[2] || "/";
  const kube = NAMESPACED.exec(path);
  const namespace = kube?.[1];
  const pod = kube?.[2] === "pods" ? kube[3] : undefined;
  return {
    authority,
    path,
    ...(namespace ? { namespace } : {}),
    ...(pod ? { pod } : {}),
  };
}

/** Joins correlations, the earlier ones winning. */
export function mergeCorrelation(...parts: readonly (Correlation | undefined)[]): Correlation | undefined {
  const merged: Record<string, string> = {};
  for (const part of parts) {
    if (!part) continue;
    for (const [key, value] of Object.entries(part)) {
      if (typeof value === "string" && value !== "" && !(key in merged)) merged[key] = value;
    }
  }
  return Object.keys(merged).length > 0 ? (merged as Correlation) : undefined;
}
