// The cluster's `clientCertificates` list. PUT/PATCH replace it whole (azure-rest.md §1.4), so every
// change is computed from the list read just before the write: entries are matched by thumbprint,
// entries this app does not own are kept as they are (even ones it cannot parse), nothing is doubled.

export interface TrustEntry {
  pem: string;
  /** SHA-1 thumbprint (upper-case hex), or undefined when the PEM cannot be parsed. */
  thumbprint: string | undefined;
}

export interface TrustChange {
  /** Entries to be present afterwards (added if missing). */
  add: TrustEntry[];
  /** Thumbprints to remove; never touches an entry that is not listed here. */
  remove: string[];
}

const norm = (t: string) => t.replace(/:/g, "").toUpperCase();

export function applyTrustChange(current: TrustEntry[], change: TrustChange): TrustEntry[] {
  const removed = new Set(change.remove.map(norm));
  const seen = new Set<string>();
  const result: TrustEntry[] = [];
  for (const entry of [...current, ...change.add]) {
    const key = entry.thumbprint ? norm(entry.thumbprint) : `pem:${entry.pem.trim()}`;
    if (seen.has(key) || (entry.thumbprint && removed.has(norm(entry.thumbprint)))) continue;
    seen.add(key);
    result.push(entry);
  }
  return result;
}

export function trusts(list: TrustEntry[], thumbprint: string): boolean {
  return list.some((e) => e.thumbprint !== undefined && norm(e.thumbprint) === norm(thumbprint));
}

/** True when both lists hold the same entries in the same order (a write would change nothing). */
export function sameTrust(a: TrustEntry[], b: TrustEntry[]): boolean {
  const keys = (l: TrustEntry[]) => l.map((e) => (e.thumbprint ? norm(e.thumbprint) : e.pem.trim())).join("|");
  return keys(a) === keys(b);
}

/** How the thumbprints a cluster shows differ from the ones written: written but missing, listed but not written. */
export function writeDifference(shown: string[], written: string[]): { missing: string[]; unwritten: string[] } {
  const has = (list: string[], t: string) => list.some((x) => norm(x) === norm(t));
  return { missing: written.filter((t) => !has(shown, t)), unwritten: shown.filter((t) => !has(written, t)) };
}

/** The cluster shows exactly the thumbprints written: what was added is there and what was removed is gone. */
export function showsWritten(shown: string[], written: string[]): boolean {
  const { missing, unwritten } = writeDifference(shown, written);
  return !missing.length && !unwritten.length;
}

/** Thumbprints of the parsable entries, in the list's order. */
export function thumbprintsOf(entries: TrustEntry[]): string[] {
  return entries.flatMap((e) => (e.thumbprint ? [e.thumbprint] : []));
}
