import type { LineReaderFactory } from "../reader.ts";
import { lineRef } from "../reader.ts";

/** The check statuses of `show stat` (src/check.c), as HAProxy's own messages word them. */
const CHECK_STATUSES: Readonly<Record<string, string>> = {
  SOCKERR: "Socket error",
  L4TOUT: "Layer4 timeout",
  L4CON: "Layer4 connection problem",
  L6TOUT: "Layer6 timeout",
  L6RSP: "Layer6 invalid response",
  L7TOUT: "Layer7 timeout",
  L7RSP: "Layer7 invalid response",
  L7STS: "Layer7 wrong status",
  EXTCHK: "External check error",
};
/** Fields read from each row; a row has about 100. */
const MAX_FIELDS = 128;
const MAX_LINE = 8 << 10;
const HEADER = "# pxname,svname,";

/**
 * HAProxy's runtime `show stat` CSV: after its `# pxname,svname,…` header, each server that is
 * DOWN reads as HAProxy's own message would (with the last check's status and code), and a
 * backend that is DOWN as a backend without a server.
 */
export const haproxyShowStatReader: LineReaderFactory = {
  format: "haproxy-show-stat",
  needles: [HEADER],
  create(context) {
    let columns: Map<string, number> | undefined;
    return {
      // After the header, any CSV row is one: every line is offered from then on.
      inBlock: () => columns !== undefined,
      accept(line) {
        const text = line.text.length > MAX_LINE ? line.text.slice(0, MAX_LINE) : line.text;
        if (text.startsWith(HEADER)) {
          const names = text.slice(2).split(",", MAX_FIELDS);
          columns = new Map(names.map((name, i) => [name, i]));
          return true;
        }
        if (!columns || !text.includes(",")) return false;
        const cells = text.split(",", MAX_FIELDS);
        const cell = (name: string): string => cells[columns?.get(name) ?? -1] ?? "";
        const [backend, server, status] = [cell("pxname"), cell("svname"), cell("status")];
        if (backend === "" || server === "" || cells.length < 18) return false;
        if (!status.startsWith("DOWN") || server === "FRONTEND") return true;
        const ref = lineRef(context.source, line);
        if (server === "BACKEND") {
          context.emit({ type: "haproxy.no-server", ref, proxyType: "backend", backend });
          return true;
        }
        const reason = CHECK_STATUSES[cell("check_status").replace(/^\*/, "")];
        const code = Number(cell("check_code"));
        context.emit({
          type: "haproxy.server-state",
          ref,
          backend,
          server,
          backup: cell("bck") === "1",
          state: "down",
          ...(reason ? { reason } : {}),
          ...(code > 0 ? { code } : {}),
        });
        return true;
      },
      end() {},
    };
  },
};
