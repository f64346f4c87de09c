/** Helpers of the capture lab tests: programs, free ports, readiness, tcpdump on loopback. */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { statSync } from "node:fs";
import { createServer, Socket } from "node:net";

export function has(program: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${program}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address ? address.port : 0;
}

export function waitFor(child: ChildProcess, pattern: RegExp, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}: ${text}`)), ms);
    const onData = (chunk: Buffer): void => {
      text += chunk.toString();
      if (pattern.test(text)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stderr?.on("data", onData);
    child.stdout?.on("data", onData);
  });
}

export function exited(child: ChildProcess, ms: number): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(resolve, ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Resolves once something accepts connections on the port (bounded). */
export async function waitForPort(port: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
      socket.connect(port, "127.0.0.1");
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nothing listens on ${port}`);
}

/** Waits until the capture file has grown past `size` and then stopped growing (bounded). */
export async function captureSettled(path: string, size: number, ms: number): Promise<number> {
  const deadline = Date.now() + ms;
  let last = -1;
  for (;;) {
    const now = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
    if ((now > size && now === last) || Date.now() > deadline) return now;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Why the lab cannot run here, or "" when it can. */
export function skipReasonFor(programs: readonly string[]): string {
  const missing = programs.filter((p) => !has(p));
  if (missing.length > 0) return `missing ${missing.join(", ")}`;
  return process.getuid?.() === 0 ? "" : "tcpdump needs root";
}

/** Starts tcpdump on loopback and waits until packets reach the file (a probe connection to `probePort`). */
export async function startCapture(file: string, filter: string, probePort: number): Promise<ChildProcess> {
  const tcpdump = spawn("tcpdump", ["-i", "lo", "-U", "-s", "0", "-Z", "root", "-w", file, filter], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  await waitFor(tcpdump, /listening on/, 10_000);
  await waitForPort(probePort, 5000);
  await captureSettled(file, 24, 10_000);
  return tcpdump;
}

/** Lets the last packets reach the file, then stops tcpdump by its PID. */
export async function stopCapture(tcpdump: ChildProcess, file: string): Promise<void> {
  await captureSettled(file, statSync(file, { throwIfNoEntry: false })?.size ?? 0, 10_000);
  if (tcpdump.pid) process.kill(tcpdump.pid, "SIGINT");
  await exited(tcpdump, 5000);
}
