import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";

/** Why network-namespace lab tests cannot run here, or null when they can. */
export function netnsUnavailable(): string | null {
  if (process.getuid?.() !== 0) return "network namespaces need root";
  for (const tool of ["/usr/sbin/ip", "/usr/sbin/nft"]) {
    if (!existsSync(tool) && !existsSync(tool.replace("/usr/sbin", "/sbin"))) return `${tool} is not installed`;
  }
  try {
    execFileSync("ip", ["netns", "list"], { stdio: "ignore" });
  } catch {
    return "ip netns is not permitted in this sandbox";
  }
  return null;
}

/**
 * A test host: a network namespace joined to this one by a veth pair, with addresses in a /30
 * that exists only between the two ends. Everything is removed by `destroy()`.
 */
export class TestHost {
  readonly name: string;
  readonly hostAddress: string;
  readonly address: string;
  readonly #veth: string;
  readonly #children: ChildProcess[] = [];

  constructor(tag: string) {
    const id = (process.pid % 200) + 20;
    const sub = Math.floor(Math.random() * 60) * 4;
    this.name = `pd${tag}${process.pid}`;
    this.#veth = `pd${tag}${process.pid % 100000}`.slice(0, 12);
    this.hostAddress = `10.${id}.${sub >> 8}.${(sub & 255) + 1}`;
    this.address = `10.${id}.${sub >> 8}.${(sub & 255) + 2}`;
    const ip = (...args: string[]) => execFileSync("ip", args, { stdio: "pipe" });
    ip("netns", "add", this.name);
    ip("link", "add", `${this.#veth}a`, "type", "veth", "peer", "name", `${this.#veth}b`);
    ip("link", "set", `${this.#veth}b`, "netns", this.name);
    ip("addr", "add", `${this.hostAddress}/30`, "dev", `${this.#veth}a`);
    ip("link", "set", `${this.#veth}a`, "up");
    this.exec("ip", "addr", "add", `${this.address}/30`, "dev", `${this.#veth}b`);
    this.exec("ip", "link", "set", `${this.#veth}b`, "up");
    this.exec("ip", "link", "set", "lo", "up");
    this.exec("nft", "add", "table", "inet", "lab");
    this.exec("nft", "add", "chain", "inet", "lab", "input", "{ type filter hook input priority 0 ; policy accept ; }");
  }

  exec(...command: string[]): string {
    return execFileSync("ip", ["netns", "exec", this.name, ...command], { stdio: "pipe" }).toString();
  }

  /** Drops the given share of incoming TCP packets to `port` inside the host (0 removes the rule). */
  dropPercent(port: number, percent: number): void {
    this.exec("nft", "flush", "chain", "inet", "lab", "input");
    if (percent <= 0) return;
    const rule =
      percent >= 100 ? `tcp dport ${port} drop` : `tcp dport ${port} numgen random mod 100 < ${percent} drop`;
    this.exec("nft", `add rule inet lab input ${rule}`);
  }

  /** Starts a process inside the host; it is ended by PID in destroy(). */
  spawn(command: string, args: readonly string[]): ChildProcess {
    const child = spawn("ip", ["netns", "exec", this.name, command, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    this.#children.push(child);
    return child;
  }

  destroy(): void {
    for (const child of this.#children) if (child.pid && child.exitCode === null) child.kill("SIGTERM");
    try {
      execFileSync("ip", ["link", "del", `${this.#veth}a`], { stdio: "ignore" });
    } catch {}
    try {
      execFileSync("ip", ["netns", "del", this.name], { stdio: "ignore" });
    } catch {}
  }
}

/** Resolves with the first stdout line of a child that starts with `prefix`. */
export function waitForLine(child: ChildProcess, prefix: string, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    const timer = setTimeout(() => reject(new Error(`no "${prefix}" line within ${timeoutMs} ms`)), timeoutMs);
    child.stdout?.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split("\n").find((l) => l.startsWith(prefix));
      if (line) {
        clearTimeout(timer);
        resolve(line);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before "${prefix}"`));
    });
  });
}
