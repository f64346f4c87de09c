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
  readonly format: "combined" | "ingress-nginx";
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
 * Parses one access-log line; undefined when it is not one. With `tail: false` the
 * ingress-nginx fields are not read (the caller only needs the status of most lines).
 */
export function parseAccessLine(text: string, options: { readonly tail?: boolean } = {}): ParsedAccessLine | undefined {
  const m = COMBINED.exec(text);
  if (!m) return undefined;
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
