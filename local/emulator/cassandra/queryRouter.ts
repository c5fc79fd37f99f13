// What an emulated node answers to a CQL statement: SELECT on its system tables (column selection, `col = literal`
// filters, LIMIT), USE of a system keyspace and DESCRIBE; anything else is an error frame, as Cassandra would send one.
import { IDENTIFIER, identifier } from "./cqlIdentifiers.js";
import { describe } from "./describe.js";
import type { TableSpec } from "./protocol/results.js";
import { findSystemTable, SYSTEM_KEYSPACES, type NodeView, type Row } from "./systemTables.js";
import { ErrorCode } from "./protocol/messages.js";

export type QueryOutcome =
  | { kind: "rows"; table: TableSpec; rows: unknown[][] }
  | { kind: "setKeyspace"; keyspace: string }
  | { kind: "error"; code: number; message: string };

const SELECT = new RegExp(String.raw`^SELECT\s+(.+?)\s+FROM\s+(?:(${IDENTIFIER})\.)?(${IDENTIFIER})` +
  String.raw`(?:\s+WHERE\s+(.+?))?(?:\s+LIMIT\s+(\d+))?(?:\s+ALLOW\s+FILTERING)?$`, "is");
const USE = new RegExp(String.raw`^USE\s+(${IDENTIFIER})$`, "is");
const CONDITION = new RegExp(String.raw`^(${IDENTIFIER})\s*=\s*('(?:[^']|'')*'|[\w.:-]+)$`, "s");

const invalid = (message: string): QueryOutcome => ({ kind: "error", code: ErrorCode.invalid, message });

function literal(text: string): string {
  return text.startsWith("'") ? text.slice(1, -1).replace(/''/g, "'") : text;
}

export function routeQuery(query: string, view: NodeView, sessionKeyspace: string | undefined): QueryOutcome {
  const statement = query.trim().replace(/;\s*$/, "").trim();
  if (/^DESC(?:RIBE)?\b/i.test(statement)) return describe(statement, view, sessionKeyspace);
  const use = USE.exec(statement);
  if (use) {
    const keyspace = identifier(use[1] as string);
    return SYSTEM_KEYSPACES.includes(keyspace) ? { kind: "setKeyspace", keyspace } : invalid(`Keyspace '${keyspace}' does not exist`);
  }
  const select = SELECT.exec(statement);
  if (!select) {
    const verb = statement.split(/\s+/)[0]?.toUpperCase() ?? "";
    return /^(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|TRUNCATE|GRANT|REVOKE|LIST|BEGIN|USE)$/.test(verb)
      ? invalid(`The emulated node runs only SELECT on system tables, USE of a system keyspace and DESCRIBE, not ${verb}.`)
      : { kind: "error", code: ErrorCode.syntax, message: `line 1:0 no viable alternative at input '${verb}'` };
  }
  const [, selectors = "", keyspaceText, tableText = "", where, limit] = select;
  const keyspace = keyspaceText ? identifier(keyspaceText) : sessionKeyspace;
  if (!keyspace) return invalid("No keyspace has been specified. USE a keyspace, or explicitly specify keyspace.tablename");
  const table = identifier(tableText);
  if (!SYSTEM_KEYSPACES.includes(keyspace)) return invalid(`Keyspace ${keyspace} does not exist`);
  const found = findSystemTable(keyspace, table);
  if (!found) return invalid(`unconfigured table ${table}`);

  const columns = selectors.trim() === "*" ? found.spec.columns
    : selectors.split(",").map((s) => found.spec.columns.find((c) => c.name === identifier(s.trim())) ?? s.trim());
  const unknown = columns.find((c) => typeof c === "string");
  if (typeof unknown === "string") return invalid(`Undefined column name ${unknown} in table ${keyspace}.${table}`);
  const specColumns = columns.filter((c) => typeof c !== "string");

  let rows: Row[] = found.rows(view);
  for (const condition of where ? where.split(/\s+AND\s+/i) : []) {
    const match = CONDITION.exec(condition.trim());
    if (!match) return invalid(`The emulated node supports only 'column = literal' restrictions, not: ${condition.trim()}`);
    const column = identifier(match[1] as string);
    if (!found.spec.columns.some((c) => c.name === column)) return invalid(`Undefined column name ${column} in table ${keyspace}.${table}`);
    const value = literal(match[2] as string);
    rows = rows.filter((row) => String(row[column]) === value);
  }
  if (limit !== undefined) rows = rows.slice(0, Number(limit));
  return {
    kind: "rows",
    table: { keyspace, table, columns: specColumns },
    rows: rows.map((row) => specColumns.map((c) => row[c.name] ?? null)),
  };
}
