// The fault matrix's results: one cell per (call, fault) or crash point, with the saga's final state, what it left
// behind and any duplicate, printed as a table (npm run test:faults) and checked against the properties that must
// hold in every cell: the saga ends; nothing is duplicated; anything left behind is named by the saga itself.
import type { KvVersion } from "../../support/rotationCertificates.js";

export interface Cell {
  /** The cluster the cell ran on. */
  cluster?: string;
  row: string;
  column: string;
  /** Completed, Compensated, RolledBack, Failed (…), Stuck. */
  state: string;
  left: string[];
  duplicates: string[];
  ms: number;
  /** The saga's own account, e.g. its error or a compensation that failed. */
  note?: string;
  /** Names of what the saga itself reports it could not undo. */
  reported?: string[];
}

/** Versions made in one run, beyond one per kind (a bootstrap, a CA, a client certificate): each extra is a duplicate. */
export function duplicateVersions(created: KvVersion[]): string[] {
  const byKind = new Map<string, number>();
  for (const v of created) {
    const kind = `${v.name} ${v.tags.stage === "bootstrap" ? "bootstrap" : "certificate"}`;
    byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  }
  return [...byKind].filter(([, n]) => n > 1).map(([kind, n]) => `${n - 1} extra ${kind}`);
}

const SHORT: Record<string, string> = { Completed: "Completed", Compensated: "Compensated", RolledBack: "RolledBack" };

function shortState(cell: Cell): string {
  const base = SHORT[cell.state] ?? cell.state.split(" ")[0]!;
  const marks = `${cell.left.length ? ` +${cell.left.length} left` : ""}${cell.duplicates.length ? ` ${cell.duplicates.length} dup` : ""}`;
  return `${base}${marks}`;
}

/** The matrix as text: one line per row, one column per fault, then every cell that left something or failed. */
export function formatMatrix(title: string, cells: Cell[], columns: readonly string[], known: Record<string, string> = {}): string {
  const rows = [...new Set(cells.map((c) => c.row))];
  const width = Math.max(...rows.map((r) => r.length), 8);
  const colWidth = Math.max(...cells.map((c) => shortState(c).length), ...columns.map((c) => c.length)) + 2;
  const cellAt = (row: string, column: string) => cells.find((c) => c.row === row && c.column === column);
  const lines = [
    `${title}: ${cells.length} cells in ${Math.round(cells.reduce((s, c) => s + c.ms, 0) / 1000)} s`,
    `${"".padEnd(width)}  ${columns.map((c) => c.padEnd(colWidth)).join("")}`,
    ...rows.map((row) => `${row.padEnd(width)}  ${columns.map((col) => (cellAt(row, col) ? shortState(cellAt(row, col)!) : "–").padEnd(colWidth)).join("")}`),
  ];
  const totals = new Map<string, number>();
  for (const cell of cells) totals.set(cell.state.split(" ")[0]!, (totals.get(cell.state.split(" ")[0]!) ?? 0) + 1);
  lines.push(`final states: ${[...totals].map(([s, n]) => `${s} ${n}`).join(", ")}; cells leaving resources: ${cells.filter((c) => c.left.length).length}; `
    + `duplicates: ${cells.reduce((n, c) => n + c.duplicates.length, 0)}`);
  for (const cell of cells.filter((c) => c.left.length || c.duplicates.length || !SHORT[c.state])) {
    lines.push(`  ${cell.row} × ${cell.column}: ${cell.state}${cell.left.length ? `; left: ${cell.left.join(", ")}` : ""}`
      + `${cell.duplicates.length ? `; duplicates: ${cell.duplicates.join(", ")}` : ""}${cell.note ? `; ${cell.note.slice(0, 160)}` : ""}`);
  }
  for (const [at, why] of Object.entries(known)) lines.push(`  known defect, open: ${at}: ${why}`);
  return lines.join("\n");
}

/**
 * A leftover the saga accounts for: a resource its compensation names as failed (a NIC goes with its endpoint), or
 * what an interrupted promotion leaves by design (the new versions are verified and trusted next to the old ones, so
 * nothing is undone and the next rotation finishes the tags: architecture.md "Rotate certificates").
 */
function saidSo(cell: Cell, left: string): boolean {
  if (/^(pending version of|trust entry) /.test(left)) return /promote|setCertificateStage/.test(cell.note ?? "");
  const name = left.split(" ").at(-1)!;
  return (cell.reported ?? []).some((r) => name === r || name.startsWith(`${r}-`));
}

/**
 * What must hold in every cell: the saga ended, nothing was duplicated, and whatever it left it accounts for (see
 * saidSo). `known` names cells with an open defect (and why); a known cell that holds again must leave the list.
 */
export function violations(cells: Cell[], known: Record<string, string> = {}): string[] {
  return cells.flatMap((c) => {
    const at = `${c.row} × ${c.column}`;
    const found = [
      ...(c.state === "Stuck" ? [`${at}: never ended`] : []),
      ...c.duplicates.map((d) => `${at}: ${d}`),
      ...c.left.filter((l) => !saidSo(c, l)).map((l) => `${at}: left ${l} without saying so`),
    ];
    if (!(at in known)) return found;
    return found.length ? [] : [`${at}: holds now; remove it from the known defects (${known[at]})`];
  });
}
