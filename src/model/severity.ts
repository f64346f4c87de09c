export type Severity = "error" | "warning" | "info";

export const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };

export function isSeverity(value: string): value is Severity {
  return value === "error" || value === "warning" || value === "info";
}

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_ORDER[severity] >= SEVERITY_ORDER[threshold];
}
