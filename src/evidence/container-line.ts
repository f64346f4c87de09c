import { jsonRecord } from "./json-line.ts";
import type { Line } from "./lines.ts";

/** A line the Kubernetes CRI runtimes write under /var/log/containers: time, stream, full or partial tag. */
const CRI_PREFIX = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}) (?:stdout|stderr) [FP] /;
const DOCKER_JSON_START = '{"log":"';
/**
 * A pod's name as Kubernetes makes it: ending in the random suffix of a ReplicaSet, DaemonSet or
 * Job pod (five characters from an alphabet without vowels, 0, 1 and 3) or a StatefulSet ordinal.
 */
const POD_NAME = "[a-z0-9][a-z0-9.-]*-(?:[bcdfghjklmnpqrstvwxz2456789]{5}|\\d{1,4})";
/**
 * The time `--timestamps` puts after the pod's name (RFC 3339 with a zone), when the line goes on
 * as a log line starts: its own time, a bracket, JSON, a klog level.
 */
const STAMP =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}) (?=\d{4}[-/]\d{2}[-/]\d{2}|[[{]|[IWEF]\d{4} )/;
/**
 * The time alone, as `kubectl logs --timestamps` and the runtimes write it: nanoseconds, which a
 * program's own log times do not carry.
 */
const NANO_STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7,9}(?:Z|[+-]\d{2}:\d{2}) /;
/** `kubectl logs --prefix`: `[pod/<pod>/<container>] `; kubetail and older tools: `[<pod>] `. */
const KUBECTL_PREFIX = new RegExp(`^\\[(?:pod\\/[a-z0-9][a-z0-9.-]*\\/[a-z0-9][a-z0-9-]*|${POD_NAME})\\] `);
/**
 * stern: `<pod> <container> `, when the line goes on as a log line starts (a time, a bracket,
 * JSON, a quoted header, a klog level).
 */
const POD_CONTAINER_PREFIX = new RegExp(`^${POD_NAME} [a-z0-9][a-z0-9-]{0,62} (?=[[{'"\\d]|[IWEF]\\d{4} )`);
/**
 * `docker compose logs`: the service and its replica (`web_1 | `, `web-1  | `), or a container
 * name padded to the column (`pdfding  | `).
 */
const COMPOSE_PREFIX = /^[a-z0-9][\w.-]{0,62}(?:[-_]\d{1,3} +| {2,})\| /;
/**
 * A syslog or journal header (`Aug 23 22:27:43 host proxy[513]: `, or a file tag without the colon
 * as rsyslog's imfile writes it: `… host error.log `) in front of a line that starts
 * with its own date, JSON or a klog level; HAProxy's lines keep theirs, its reader knows it.
 */
const SYSLOG_PREFIX =
  /^[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} [\w.:-]{1,253} [\w./-]{1,64}(?:\[\d{1,10}\])?:? (?=\d{4}[-/]\d{2}[-/]\d{2}[ T]|\{|[IWEF]\d{4} )/;
/**
 * OpenWrt's `logread` (BusyBox syslogd): an optional `Sat Mar 21 00:53:40 2020 ` and the facility
 * and level before the tag (`daemon.err nginx[5127]: `), in front of a line that starts with its
 * own date, JSON or a klog level.
 */
const LOGREAD_PREFIX =
  /^(?:[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4} )?(?:kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|local[0-7])\.(?:emerg|alert|crit|err|warn|warning|notice|info|debug) [\w./-]{1,64}(?:\[\d{1,10}\])?: (?=\d{4}[-/]\d{2}[-/]\d{2}[ T]|\{|[IWEF]\d{4} )/;
/** Log tailers that bracket any pod's name with the container's (`[ubuntu istio-proxy] `), before a log line's start. */
const BRACKETED_POD_CONTAINER = /^\[[a-z0-9][a-z0-9.-]{0,252} [a-z0-9][a-z0-9-]{0,62}\] (?=[[{'"\d]|[IWEF]\d{4} )/;

/**
 * The application's own line inside a container runtime's log line: Docker's json-file
 * (`{"log":"…\n","stream":"stderr","time":"…"}`) or the CRI format (`<time> stderr F …`), and
 * without the pod and container names that `kubectl logs --prefix` or stern put in front. Other
 * lines come back unchanged; the line number and byte offset always stay those of the file.
 */
export function unwrapContainerLine(line: Line): Line {
  const prefix =
    KUBECTL_PREFIX.exec(line.text) ??
    POD_CONTAINER_PREFIX.exec(line.text) ??
    BRACKETED_POD_CONTAINER.exec(line.text) ??
    COMPOSE_PREFIX.exec(line.text) ??
    SYSLOG_PREFIX.exec(line.text) ??
    LOGREAD_PREFIX.exec(line.text);
  const named = prefix
    ? withoutPrefix(withoutPrefix(line, prefix), STAMP.exec(line.text.slice(prefix[0].length)))
    : line;
  const text = named.text;
  if (text.startsWith(DOCKER_JSON_START)) {
    const log = jsonRecord(text)?.log;
    return typeof log === "string" ? { ...named, text: log.replace(/\r?\n$/, "") } : named;
  }
  const cri = CRI_PREFIX.exec(text);
  return cri ? withoutPrefix(named, cri) : withoutPrefix(named, NANO_STAMP.exec(text));
}

function withoutPrefix(line: Line, prefix: RegExpExecArray | null): Line {
  return prefix ? { ...line, text: line.text.slice(prefix[0].length) } : line;
}
