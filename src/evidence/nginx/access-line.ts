import type { AccessFormat } from "../../model/observations/nginx.ts";

/** The fields of one nginx access-log line in the combined or ingress-nginx format. */
export interface ParsedAccessLine {
  readonly client: string;
  readonly time: string;
  readonly method?: string;
  readonly path?: string;
  readonly status: number;
  readonly bytes?: number;
  readonly userAgent: string;
  readonly requestTime?: number;
  readonly upstreamName?: string;
  readonly upstream?: string;
  readonly upstreamStatus?: string;
  readonly requestId?: string;
  readonly format: AccessFormat;
}

/** Combined, also with older ingress-nginx's `[$the_real_ip] -` after the client. */
export const COMBINED =
  /^(\S+) \S+ (?:\[[^\]]*\] \S+ )?\S+ \[(\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4})\] "((?:[^"\\]|\\.)*)" (\d{3}) (\d+|-) "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)"(.*)$/;
/** The part ingress-nginx's default log-format-upstream adds after the combined fields. */
const LIST = "(-|[^\\s,]+(?:, [^\\s,]+)*(?: : [^\\s,]+(?:, [^\\s,]+)*)*)";
const INGRESS_TAIL = new RegExp(
  `^ (\\d+) ([\\d.]+) \\[([^\\]]*)\\] \\[([^\\]]*)\\] ${LIST} ${LIST} ${LIST} ${LIST} (\\S+)\\s*$`,
);
/** ingress-nginx before 0.20: no alternative upstream name and no request id. */
const OLD_INGRESS_TAIL = new RegExp(`^ (\\d+) ([\\d.]+) \\[([^\\]]*)\\]() ${LIST} ${LIST} ${LIST} ${LIST}()\\s*$`);

/**
 * A custom log_format that names its fields after the client, user and time of the combined
 * format: `1.2.3.4 - - [20/Apr/2017:07:59:12 +0000] request="GET / HTTP/1.1" status=504 rt=10.001`.
 */
export const KEY_VALUE =
  /^(\S+) \S+ \S+ \[(\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4})\] ((?:[\w-]+=.* )?status=\d{3}\b.*)$/;
const PAIR = /([\w-]+)=("(?:[^"\\]|\\.)*"|\S*)/g;
/** The names custom formats give the fields a summary reads, long and short. */
const KEY_FIELDS: Readonly<Record<string, keyof KeyValueFields>> = {
  request: "request",
  req: "request",
  request_line: "request",
  status: "status",
  rt: "requestTime",
  request_time: "requestTime",
  reqtime: "requestTime",
  upstat: "upstreamStatus",
  upstream_status: "upstreamStatus",
  us: "upstreamStatus",
  ups: "upstreamStatus",
  upadd: "upstream",
  upstream_addr: "upstream",
  upstream: "upstream",
  reqid: "requestId",
  request_id: "requestId",
  req_id: "requestId",
  ua: "userAgent",
  http_user_agent: "userAgent",
  user_agent: "userAgent",
  bbs: "bytes",
  body_bytes_sent: "bytes",
  bytes_sent: "bytes",
};
type KeyValueFields = Record<
  "request" | "status" | "requestTime" | "upstreamStatus" | "upstream" | "requestId" | "userAgent" | "bytes",
  string
>;

function parseKeyValueLine(text: string): ParsedAccessLine | undefined {
  const m = KEY_VALUE.exec(text);
  if (!m) return undefined;
  const fields: Partial<KeyValueFields> = {};
  for (const pair of (m[3] as string).matchAll(PAIR)) {
    const field = KEY_FIELDS[(pair[1] as string).toLowerCase()];
    const raw = pair[2] as string;
    const value = raw.startsWith('"') ? raw.slice(1, -1) : raw;
    if (field && fields[field] === undefined && value !== "" && value !== "-") fields[field] = value;
  }
  const request = /^([A-Z]+) (\S+)/.exec(fields.request ?? "");
  const requestTime = Number(fields.requestTime);
  const bytes = Number(fields.bytes);
  return {
    client: m[1] as string,
    time: m[2] as string,
    ...(request ? { method: request[1] as string, path: request[2] as string } : {}),
    status: Number(fields.status),
    ...(Number.isFinite(bytes) ? { bytes } : {}),
    userAgent: fields.userAgent ?? "",
    ...(Number.isFinite(requestTime) ? { requestTime } : {}),
    ...(fields.upstream ? { upstream: fields.upstream } : {}),
    ...(fields.upstreamStatus ? { upstreamStatus: fields.upstreamStatus } : {}),
    ...(fields.requestId ? { requestId: fields.requestId } : {}),
    format: "key-value",
  };
}

/**
 * Parses one access-log line; undefined when it is not one. With `tail: false` the
 * ingress-nginx fields are not read (the caller only needs the status of most lines).
 */
export function parseAccessLine(text: string, options: { readonly tail?: boolean } = {}): ParsedAccessLine | undefined {
  const m = COMBINED.exec(text);
  if (!m) return parseKeyValueLine(text);
  const request = /^([A-Z]+) (\S+)/.exec(m[3] as string);
  const base = {
    client: m[1] as string,
    time: m[2] as string,
    ...(request ? { method: request[1] as string, path: request[2] as string } : {}),
    status: Number(m[4]),
    ...(m[5] !== "-" ? { bytes: Number(m[5]) } : {}),
    userAgent: m[7] as string,
  };
  const rest = m[8] as string;
  const tail = options.tail === false || rest === "" ? null : (INGRESS_TAIL.exec(rest) ?? OLD_INGRESS_TAIL.exec(rest));
  if (!tail) return { ...base, format: "combined" };
  const dash = (value: string | undefined): string | undefined => (value && value !== "-" ? value : undefined);
  const upstreamName = dash(tail[3]);
  const upstream = dash(tail[5]);
  const upstreamStatus = dash(tail[8]);
  const requestId = dash(tail[9]);
  return {
    ...base,
    requestTime: Number(tail[2]),
    ...(upstreamName ? { upstreamName } : {}),
    ...(upstream ? { upstream } : {}),
    ...(upstreamStatus ? { upstreamStatus } : {}),
    ...(requestId ? { requestId } : {}),
    format: "ingress-nginx",
  };
}
