import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";
import type { PeerOutcome } from "../../src/wire/peers/model.ts";
import type { Observation } from "./peers.ts";

/** curl's exit code tells how it ended: 0 fine, 18/56 cut mid-body, anything else refused. */
export function curlFetch(url: string, head: boolean): Promise<Observation> {
  return new Promise((resolve) => {
    const args = ["-sS", "--max-time", "5", "-o", "/dev/null", "-w", "%{http_code}", ...(head ? ["-I"] : []), url];
    const child = spawn("curl", args);
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    child.on("close", (code) => {
      const outcome: PeerOutcome = code === 0 ? "accept" : code === 18 || code === 56 ? "truncate" : "reject";
      resolve({ outcome, detail: `exit ${code}: ${out.trim().slice(0, 160)}` });
    });
  });
}

/** node:http, strict or with the insecure parser; headers failing is `reject`, body failing `truncate`. */
export function nodeFetch(port: number, path: string, head: boolean, insecure: boolean): Promise<Observation> {
  return new Promise((resolve) => {
    let settled = false;
    let gotResponse = false;
    const done = (outcome: PeerOutcome, detail: string): void => {
      if (settled) return;
      settled = true;
      resolve({ outcome, detail });
    };
    const req = http.request(
      { host: "127.0.0.1", port, path, method: head ? "HEAD" : "GET", insecureHTTPParser: insecure, agent: false },
      (res) => {
        gotResponse = true;
        res.on("data", () => {});
        res.on("end", () => done("accept", `status ${res.statusCode}`));
        res.on("aborted", () => done("truncate", "aborted"));
        res.on("error", (error: NodeJS.ErrnoException) => done("truncate", error.code ?? error.message));
      },
    );
    req.on("upgrade", (res, socket) => {
      socket.destroy();
      done("accept", `upgrade ${res.statusCode}`);
    });
    req.on("error", (error: NodeJS.ErrnoException) =>
      done(gotResponse ? "truncate" : "reject", `${error.code ?? ""} ${error.message}`.trim()),
    );
    req.setTimeout(5000, () => req.destroy(new Error("timeout")));
    req.end();
  });
}

const GO_CLIENT = `package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

func main() {
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	for _, arg := range os.Args[1:] {
		method, url, _ := strings.Cut(arg, " ")
		req, _ := http.NewRequest(method, url, nil)
		resp, err := client.Do(req)
		if err != nil {
			fmt.Printf("reject\\t%s\\n", strings.ReplaceAll(err.Error(), "\\n", " "))
			continue
		}
		_, err = io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			fmt.Printf("truncate\\t%d %s\\n", resp.StatusCode, strings.ReplaceAll(err.Error(), "\\n", " "))
			continue
		}
		fmt.Printf("accept\\tstatus %d\\n", resp.StatusCode)
	}
}
`;

/** Compiles the Go client once into the directory; undefined when Go cannot build it. */
export function buildGoClient(dir: string): string | undefined {
  writeFileSync(join(dir, "client.go"), GO_CLIENT);
  const binary = join(dir, "client");
  const env = {
    ...process.env,
    HOME: dir,
    GOCACHE: join(dir, "cache"),
    GOPATH: join(dir, "gopath"),
    GO111MODULE: "off",
  };
  const run = spawnSync("go", ["build", "-o", binary, join(dir, "client.go")], {
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
  return run.status === 0 ? binary : undefined;
}

/** Runs the Go client once for many requests (`METHOD url` each); async, so an in-process upstream can answer. */
export function goFetchAll(binary: string, requests: readonly string[]): Promise<Observation[]> {
  return new Promise((resolve) => {
    const child = spawn(binary, requests);
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("close", () => {
      clearTimeout(timer);
      resolve(
        out
          .trim()
          .split("\n")
          .filter(Boolean)
          .map((line) => {
            const [outcome, ...detail] = line.split("\t");
            return { outcome: (outcome ?? "reject") as PeerOutcome, detail: detail.join(" ") };
          }),
      );
    });
  });
}
