import { Option } from "@commander-js/extra-typings";
import type { Severity } from "../model/severity.ts";

export type OutputFormat = "text" | "json";

export function formatOption() {
  return new Option("-f, --format <format>", "report format")
    .choices(["text", "json"] as const)
    .default("text" as const);
}

export function failOnOption() {
  return new Option("--fail-on <severity>", "lowest severity that makes the exit code 1")
    .choices(["error", "warning", "info"] as const)
    .default("warning" as Severity);
}

export const SHOW_SECRETS_HELP = "quote Authorization, Cookie and token values as they are (redacted by default)";
