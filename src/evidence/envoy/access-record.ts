import type { Correlation } from "../../model/observations/base.ts";
import type { EnvoyAccessFormat, EnvoyAccessRecord } from "../../model/observations/envoy.ts";
import type { SourceRef } from "../../model/source.ts";
import { isAccessRecord, jsonField, parseJsonObject } from "./access-json.ts";
import { recordStart, tokenizeText, UNTIMED_PREFIX } from "./access-text.ts";
import { producerOf, splitFlags } from "./vocabulary.ts";

interface GroupFacts {
  readonly groupCount: number;
  readonly minDuration: number;
  readonly maxDuration: number;
}

interface Fields {
  format: EnvoyAccessFormat;
  status: number;
  flags: string;
  details: string;
  terminationDetails: string;
  transportFailure: string;
  method: string;
  path: string;
  protocol: string;
  requestId: string;
  authority: string;
  upstreamHost: string;
  cluster: string;
  duration: number;
  upstreamServiceTime: number;
  bytesReceived: number;
  bytesSent: number;
  time: string;
}

function numberOf(text: string | undefined): number {
  if (text === undefined) return -1;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? n : -1;
}

function jsonFields(text: string, start: number): Fields | undefined {
  const record = parseJsonObject(text, start, text.length);
  if (!record || !isAccessRecord(record)) return undefined;
  const get = (field: Parameters<typeof jsonField>[1]): string => jsonField(record, field) ?? "-";
  return {
    format: "json",
    status: Number(get("status")),
    flags: get("flags"),
    details: get("details"),
    terminationDetails: get("terminationDetails"),
    transportFailure: get("transportFailure"),
    method: get("method"),
    path: get("path"),
    protocol: get("protocol"),
    requestId: get("requestId"),
    authority: get("authority"),
    upstreamHost: get("host"),
    cluster: get("cluster"),
    duration: numberOf(jsonField(record, "duration")),
    upstreamServiceTime: numberOf(jsonField(record, "upstreamServiceTime")),
    bytesReceived: numberOf(jsonField(record, "bytesReceived")),
    bytesSent: numberOf(jsonField(record, "bytesSent")),
    time: get("time"),
  };
}

function textFields(text: string, start: number): Fields | undefined {
  const f = tokenizeText(text, start, text.length);
  if (!f) return undefined;
  return {
    format: f.format,
    status: f.status,
    flags: f.flags,
    details: f.details,
    terminationDetails: f.terminationDetails,
    transportFailure: f.transportFailure,
    method: f.method,
    path: f.path,
    protocol: f.protocol,
    requestId: f.requestId,
    authority: f.authority,
    upstreamHost: f.upstreamHost,
    cluster: f.cluster,
    duration: f.duration,
    upstreamServiceTime: f.upstreamServiceTime,
    bytesReceived: f.bytesReceived,
    bytesSent: f.bytesSent,
    time: f.time,
  };
}

/** `outbound|8080||reviews.shop.svc.cluster.local` → the service's namespace. */
function namespaceOfCluster(cluster: string): string | undefined {
  const host = cluster.split("|")[3];
  const match = host ? /^[^.]+\.([^.]+)\.svc(?:\.|$)/.exec(host) : null;
  return match?.[1];
}

function set(text: string): string | undefined {
  return text === "-" || text === "" ? undefined : text;
}

function excerptOf(text: string): string {
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/** Reads one access line fully into an observation; undefined when it is not an access record. */
export function accessRecordOf(
  text: string,
  where: { source: string; line: number; byte: number },
  group: GroupFacts,
): EnvoyAccessRecord | undefined {
  const start = recordStart(text, 0, text.length);
  if (start < 0) return undefined;
  const f = text.charCodeAt(start) === 0x7b ? jsonFields(text, start) : textFields(text, start);
  if (!f || !Number.isInteger(f.status)) return undefined;
  const flags = splitFlags(f.flags);
  const details = set(f.details);
  const producer = producerOf(details, flags);
  const ref: SourceRef = {
    source: where.source,
    line: where.line,
    byte: where.byte,
    excerpt: excerptOf(text.startsWith(UNTIMED_PREFIX) ? text.slice(UNTIMED_PREFIX.length) : text),
    ...(set(f.time) ? { time: f.time } : {}),
  };
  const correlation: Correlation = {
    ...(set(f.requestId) ? { requestId: f.requestId } : {}),
    ...(set(f.authority) ? { authority: f.authority } : {}),
    ...(set(f.upstreamHost) ? { upstream: f.upstreamHost } : {}),
    ...(set(f.path) ? { path: f.path } : {}),
    ...(namespaceOfCluster(f.cluster) ? { namespace: namespaceOfCluster(f.cluster) as string } : {}),
  };
  const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
    (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
  const nonNegative = (n: number): number | undefined => (n >= 0 ? n : undefined);
  return {
    type: "envoy.access",
    ref,
    correlation,
    format: f.format,
    status: f.status,
    flags,
    groupCount: group.groupCount,
    ...optional("details", details),
    ...optional("terminationDetails", set(f.terminationDetails)),
    ...optional("transportFailure", set(f.transportFailure)),
    ...optional("method", set(f.method)),
    ...optional("path", set(f.path)),
    ...optional("protocol", set(f.protocol)),
    ...optional("requestId", set(f.requestId)),
    ...optional("authority", set(f.authority)),
    ...optional("upstreamHost", set(f.upstreamHost)),
    ...optional("upstreamCluster", set(f.cluster)),
    ...optional("durationMs", nonNegative(f.duration)),
    ...optional("upstreamServiceTimeMs", nonNegative(f.upstreamServiceTime)),
    ...optional("bytesReceived", nonNegative(f.bytesReceived)),
    ...optional("bytesSent", nonNegative(f.bytesSent)),
    ...optional("startTime", set(f.time)),
    ...optional("producer", producer),
    ...optional("groupMinDurationMs", nonNegative(group.minDuration)),
    ...optional("groupMaxDurationMs", nonNegative(group.maxDuration)),
  };
}
