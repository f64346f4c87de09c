import type { Correlation } from "../../model/observations/base.ts";
import { WHITE_SPACE } from "../gate/literals.ts";
import type { Line } from "../lines.ts";
import type { LineReader, LineReaderFactory, ReaderContext } from "../reader.ts";
import { emitSignal } from "./emit-signal.ts";
import type { SignatureHit } from "./signatures.ts";
import { classifyMeshMessage } from "./signatures.ts";

/** An event as `kubectl describe` and `kubectl get events` print it. */
export interface KubeEvent {
  readonly type: string;
  readonly reason: string;
  readonly count: number;
  readonly message: string;
  readonly object?: string;
  readonly namespace?: string;
}

/** A row of a describe `Events:` table, also when pasted alone with single spaces. */
const EVENT_ROW =
  /^\s*(?<type>Normal|Warning)\s+(?<reason>[A-Za-z]+)\s+(?:<unknown>|\d+[smhdy](?:\d+[smhdy])*)(?:\s+\(x(?<count>\d+) over [^)]*\))?\s+(?<from>[a-z][\w.-]*(?:, [\w.-]+)?)\s+(?<message>\S.*)$/;
const GET_EVENTS_HEADER = /^(?:NAMESPACE\s+)?LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+.*MESSAGE/;
const GET_PODS_HEADER = /^(?:NAMESPACE\s+)?NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\b/;
/** Pod statuses of `kubectl get pods` that say a container keeps dying. */
/** `kubectl get endpoints` and `kubectl get endpointslices`, with or without `-A`. */
const GET_ENDPOINTS_HEADER = /^(?:NAMESPACE\s+)?NAME\s+(?:ADDRESSTYPE\s+PORTS\s+)?ENDPOINTS\s+AGE\b/;
/** How kubectl prints an Endpoints or EndpointSlice without one ready address. */
const NO_ENDPOINTS = new Set(["<none>", "<unset>"]);
const FAILING_STATUS = new Set(["OOMKilled", "CrashLoopBackOff"]);
const DESCRIBE_KEY = /^([A-Z][A-Za-z ]*):(?:\s+(.*))?$/;
const CONTAINER_NAME = /^ {2}([a-z0-9][a-z0-9-]*):\s*$/;
const STATE_REASON = /^\s+Reason:\s+(OOMKilled|CrashLoopBackOff)\s*$/;

/** Parses a describe-style event row. */
export function parseEventRow(text: string): KubeEvent | undefined {
  const match = EVENT_ROW.exec(text);
  if (!match?.groups) return undefined;
  const { type, reason, count, message } = match.groups as Record<string, string>;
  return {
    type: type as string,
    reason: reason as string,
    count: count ? Number(count) : 1,
    message: message as string,
  };
}

interface Column {
  readonly name: string;
  readonly start: number;
}

/** Column starts of a `kubectl get events` header; cells are cut at them. */
export function columnsOf(header: string): Column[] {
  const columns: Column[] = [];
  const re = /\S+(?: \S+)*/g;
  for (let match = re.exec(header); match; match = re.exec(header))
    columns.push({ name: match[0], start: match.index });
  return columns;
}

/** Cuts a table row at its header's column starts; the last column takes the rest of the line. */
export function cellsOf(text: string, columns: readonly Column[]): Map<string, string> {
  const cells = new Map<string, string>();
  columns.forEach((column, i) => {
    const next = columns[i + 1];
    cells.set(column.name, text.slice(column.start, next ? next.start : undefined).trim());
  });
  return cells;
}

export function parseEventColumns(text: string, columns: readonly Column[]): KubeEvent | undefined {
  const cells = cellsOf(text, columns);
  const type = cells.get("TYPE");
  const reason = cells.get("REASON");
  const message = cells.get("MESSAGE");
  if ((type !== "Normal" && type !== "Warning") || !reason || !message) return undefined;
  const countCell = cells.get("COUNT");
  const object = cells.get("OBJECT");
  const namespace = cells.get("NAMESPACE");
  return {
    type,
    reason,
    message,
    count: countCell && /^\d+$/.test(countCell) ? Number(countCell) : 1,
    ...(object ? { object } : {}),
    ...(namespace ? { namespace } : {}),
  };
}

/** `kubectl describe` blocks and events, and `kubectl get events` tables. */
class KubeReader implements LineReader {
  private readonly context: ReaderContext;
  private mode: "none" | "describe" | "events-table" | "pods-table" | "endpoints-table" = "none";
  private columns: Column[] = [];
  private pod: string | undefined;
  private namespace: string | undefined;
  private container: string | undefined;
  private section = "";

  constructor(context: ReaderContext) {
    this.context = context;
  }

  accept(line: Line): boolean {
    const text = line.text;
    if (GET_EVENTS_HEADER.test(text) || GET_PODS_HEADER.test(text)) {
      this.mode = GET_PODS_HEADER.test(text) ? "pods-table" : "events-table";
      this.columns = columnsOf(text);
      return true;
    }
    if (GET_ENDPOINTS_HEADER.test(text)) {
      this.mode = "endpoints-table";
      this.columns = columnsOf(text);
      return true;
    }
    if (this.mode === "pods-table") {
      if (this.acceptPodRow(line)) return true;
      this.mode = "none";
    }
    if (this.mode === "endpoints-table") {
      if (this.acceptEndpointsRow(line)) return true;
      this.mode = "none";
    }
    if (/^Name:\s+\S+/.test(text)) return this.startDescribe(text);
    if (this.mode === "events-table") {
      const event = parseEventColumns(text, this.columns);
      if (event) {
        this.onEvent(line, event, this.tableCorrelation(event));
        return true;
      }
      this.mode = "none";
    }
    if (this.mode === "describe" && this.acceptDescribeLine(line)) return true;
    this.mode = this.mode === "describe" ? "none" : this.mode;
    const event = parseEventRow(text);
    if (!event) return false;
    this.onEvent(line, event, {});
    return true;
  }

  /** A table's rows or a describe block's lines come next, until a line that is not one. */
  inBlock(): boolean {
    return this.mode !== "none";
  }

  end(): void {}

  private startDescribe(text: string): boolean {
    this.mode = "describe";
    this.pod = text.replace(/^Name:\s+/, "").trim();
    this.namespace = undefined;
    this.container = undefined;
    this.section = "";
    return true;
  }

  private acceptDescribeLine(line: Line): boolean {
    const text = line.text;
    if (text.trim() === "") return true;
    const key = DESCRIBE_KEY.exec(text);
    if (key) {
      this.section = key[1] as string;
      const value = key[2]?.trim();
      if (this.section === "Namespace" && value) this.namespace = value;
      if (this.section === "Endpoints" && value && NO_ENDPOINTS.has(value) && this.pod)
        this.onNoEndpoints(line, this.pod, this.describeCorrelation().namespace);
      this.container = undefined;
      return true;
    }
    if (!/^\s/.test(text)) return false;
    if (this.section.endsWith("Containers")) {
      const name = CONTAINER_NAME.exec(text);
      if (name) this.container = name[1];
      const reason = STATE_REASON.exec(text);
      if (reason && this.container) this.onContainerReason(line, reason[1] as string, this.container);
      return true;
    }
    if (this.section === "Events") {
      const event = parseEventRow(text);
      if (event) this.onEvent(line, event, {});
    }
    return true;
  }

  /** A `kubectl get pods` row; a failing status becomes a signal about the pod. */
  private acceptPodRow(line: Line): boolean {
    const cells = cellsOf(line.text, this.columns);
    const name = cells.get("NAME");
    const status = cells.get("STATUS");
    if (!name || !status || !/^\d+\/\d+$/.test(cells.get("READY") ?? "")) return false;
    if (FAILING_STATUS.has(status)) {
      const namespace = cells.get("NAMESPACE");
      const hit: SignatureHit = {
        signal: status === "OOMKilled" ? "oom-killed" : "container-backoff",
        details: { reason: status },
      };
      emitSignal(this.context, line, hit, {
        origin: "kubernetes",
        message: `pod ${name}: ${status}`,
        scope: status,
        correlation: { pod: name, ...(namespace ? { namespace } : {}) },
      });
    }
    return true;
  }

  /** A `kubectl get endpoints` (or endpointslices) row; one without addresses becomes a signal. */
  private acceptEndpointsRow(line: Line): boolean {
    const cells = cellsOf(line.text, this.columns);
    const name = cells.get("NAME");
    const endpoints = cells.get("ENDPOINTS");
    if (!name || !endpoints || /\s/.test(name)) return false;
    // A slice is named after its Service with a generated suffix.
    const service = cells.has("ADDRESSTYPE") ? name.replace(/-[a-z0-9]{5}$/, "") : name;
    if (NO_ENDPOINTS.has(endpoints)) this.onNoEndpoints(line, service, cells.get("NAMESPACE"));
    return true;
  }

  private onNoEndpoints(line: Line, service: string, namespace: string | undefined): void {
    emitSignal(
      this.context,
      line,
      { signal: "service-no-endpoints", details: { service } },
      {
        origin: "kubernetes",
        message: `${service}: no endpoints`,
        scope: "Endpoints",
        ...(namespace ? { correlation: { namespace } } : {}),
      },
    );
  }

  private describeCorrelation(): Correlation {
    return {
      ...(this.pod ? { pod: this.pod } : {}),
      ...(this.namespace ? { namespace: this.namespace } : {}),
    };
  }

  private tableCorrelation(event: KubeEvent): Correlation {
    const pod = event.object?.startsWith("pod/") ? event.object.slice(4) : undefined;
    return { ...(pod ? { pod } : {}), ...(event.namespace ? { namespace: event.namespace } : {}) };
  }

  private onContainerReason(line: Line, reason: string, container: string): void {
    const hit: SignatureHit = {
      signal: reason === "OOMKilled" ? "oom-killed" : "container-backoff",
      details: { container, reason },
    };
    emitSignal(this.context, line, hit, {
      origin: "kubernetes",
      message: `container ${container}: ${reason}`,
      scope: reason,
      correlation: this.describeCorrelation(),
    });
  }

  private onEvent(line: Line, event: KubeEvent, correlation: Correlation): void {
    const hit = classifyMeshMessage(event.message, "kubernetes") ?? classifyReason(event);
    if (!hit) return;
    emitSignal(this.context, line, hit, {
      origin: "kubernetes",
      message: event.message,
      level: event.type,
      scope: event.reason,
      count: event.count,
      correlation: this.mode === "describe" ? this.describeCorrelation() : correlation,
    });
  }
}

/** Events whose reason alone names the problem. */
function classifyReason(event: KubeEvent): SignatureHit | undefined {
  if (event.reason === "OOMKilling" || event.reason === "OOMKilled") return { signal: "oom-killed", details: {} };
  return undefined;
}

export const kubeReader: LineReaderFactory = {
  format: "kubectl",
  needles: [
    GET_EVENTS_HEADER,
    GET_PODS_HEADER,
    GET_ENDPOINTS_HEADER,
    // `Name:` opening a describe block, and the type of an event row, each before white space.
    ...WHITE_SPACE.map((space) => `Name:${space}`),
    ...["Normal", "Warning"].flatMap((type) => WHITE_SPACE.map((space) => `${type}${space}`)),
  ],
  create: (context) => new KubeReader(context),
};
