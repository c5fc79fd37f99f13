// Server-side DESCRIBE, which cqlsh 4.0+ sends as a query (cqlsh.py do_describe): Cassandra 4.0's
// cql3/statements/DescribeStatement.java over the described system keyspaces, with its result columns
// (system.describe: keyspace_name, type, name[, create_statement]), element order and error messages.
import { IDENTIFIER, identifier } from "./cqlIdentifiers.js";
import type { QueryOutcome } from "./queryRouter.js";
import { ErrorCode } from "./protocol/messages.js";
import { cql } from "./protocol/cqlTypes.js";
import { keyspaceCql, quoteIfNeeded, tableCql } from "./schema/createStatements.js";
import { byName, DESCRIBED_KEYSPACES, type SchemaKeyspace } from "./schema/systemSchema.js";
import { PARTITIONER, type NodeView } from "./systemTables.js";

type Element = [keyspace: string, type: string, name: string, createStatement: string];

const QUALIFIED = new RegExp(String.raw`^(?:(${IDENTIFIER})\.)?(${IDENTIFIER})$`, "s");
const textColumns = (...names: string[]) => names.map((name) => ({ name, type: cql.text }));
const LIST_COLUMNS = textColumns("keyspace_name", "type", "name");
const ELEMENT_COLUMNS = textColumns("keyspace_name", "type", "name", "create_statement");
/** The snitch a node reports: DatabaseDescriptor wraps the configured one in DynamicEndpointSnitch by default. */
const SNITCH = "DynamicEndpointSnitch";

const rows = (columns: typeof LIST_COLUMNS, values: string[][]): QueryOutcome =>
  ({ kind: "rows", table: { keyspace: "system", table: "describe", columns }, rows: values });
const listing = (elements: Element[]) => rows(LIST_COLUMNS, elements.map((e) => e.slice(0, 3)));
const described = (elements: Element[]) => rows(ELEMENT_COLUMNS, elements);
/** SchemaElement.NAME_COMPARATOR: DESCRIBE lists keyspaces by name (system_schema holds them in token order). */
const BY_NAME = [...DESCRIBED_KEYSPACES].sort(byName);

/** A DESCRIBE that Cassandra refuses: InvalidRequest unless it does not parse. */
class NotFound extends Error {
  constructor(message: string, readonly code: number = ErrorCode.invalid) {
    super(message);
  }
}

const keyspaceNamed = (name: string | undefined): SchemaKeyspace => {
  if (name === undefined) throw new NotFound("No keyspace specified and no current keyspace");
  const keyspace = DESCRIBED_KEYSPACES.find((k) => k.name === name);
  if (!keyspace) throw new NotFound(`'${name}' not found in keyspaces`);
  return keyspace;
};

/** The keyspace, then (unless only the keyspace is asked for) its tables by name; system keyspaces have no types. */
function keyspaceElements(keyspace: SchemaKeyspace, onlyKeyspace: boolean, internals: boolean): Element[] {
  const ks = quoteIfNeeded(keyspace.name);
  return [[ks, "keyspace", ks, keyspaceCql(keyspace)],
    ...(onlyKeyspace ? [] : keyspace.tables.map((t): Element => [ks, "table", quoteIfNeeded(t.name), tableCql(t, internals)]))];
}

function qualified(text: string, sessionKeyspace: string | undefined): { keyspace: string | undefined; name: string } {
  const match = QUALIFIED.exec(text.trim());
  if (!match) throw new NotFound(`line 1:0 no viable alternative at input '${text}'`, ErrorCode.syntax);
  return { keyspace: match[1] ? identifier(match[1]) : sessionKeyspace, name: identifier(match[2] ?? "") };
}

function tableElement(keyspaceName: string | undefined, name: string, internals: boolean): QueryOutcome {
  const keyspace = keyspaceNamed(keyspaceName);
  const table = keyspace.tables.find((t) => t.name === name);
  if (!table) throw new NotFound(`Table '${name}' not found in keyspace '${keyspace.name}'`);
  return described([[quoteIfNeeded(keyspace.name), "table", quoteIfNeeded(table.name), tableCql(table, internals)]]);
}

function describeWhat(what: string, view: NodeView, sessionKeyspace: string | undefined, internals: boolean): QueryOutcome {
  const [word = "", ...more] = what.split(/\s+/);
  const rest = more.join(" ");
  const listed = (elements: (keyspace: SchemaKeyspace) => Element[]) =>
    listing((sessionKeyspace === undefined ? BY_NAME : [keyspaceNamed(sessionKeyspace)]).flatMap(elements));
  const missing = (kind: string) => {
    const { keyspace, name } = qualified(rest, sessionKeyspace);
    throw new NotFound(`${kind} '${name}' not found in '${keyspaceNamed(keyspace).name}'`);
  };
  switch (word.toUpperCase()) {
    case "CLUSTER":
      return rows(textColumns("cluster", "partitioner", "snitch"),
        [[view.clusterName, PARTITIONER.replace(/^org\.apache\.cassandra\.dht\./, ""), SNITCH]]);
    case "KEYSPACES":
      return listing(BY_NAME.map((k) => keyspaceElements(k, true, false)[0] as Element));
    case "SCHEMA": // only the non-system keyspaces, and a new managed cluster has none
      return described([]);
    case "FULL":
      if (rest.toUpperCase() !== "SCHEMA") break;
      return described(BY_NAME.flatMap((k) => keyspaceElements(k, false, internals)));
    case "ONLY":
    case "KEYSPACE": {
      const only = word.toUpperCase() === "ONLY";
      const name = (only ? rest.replace(/^KEYSPACE\b\s*/i, "") : rest).trim();
      if (only && !/^KEYSPACE\b/i.test(rest)) break;
      return described(keyspaceElements(keyspaceNamed(name ? identifier(name) : sessionKeyspace), only, internals));
    }
    case "TABLES":
    case "COLUMNFAMILIES":
      return listed((k) => keyspaceElements(k, false, false).slice(1));
    case "TYPES":
    case "FUNCTIONS":
    case "AGGREGATES":
      return listed(() => []);
    case "TABLE":
    case "COLUMNFAMILY": {
      const { keyspace, name } = qualified(rest, sessionKeyspace);
      return tableElement(keyspace, name, internals);
    }
    case "INDEX":
      return missing("Table for existing index");
    case "MATERIALIZED":
      return missing("Materialized view");
    case "TYPE":
      return missing("User defined type");
    case "FUNCTION":
      return missing("User defined function");
    case "AGGREGATE":
      return missing("User defined aggregate");
  }
  // DESCRIBE <name>: a keyspace, else a table of the given (or current) keyspace.
  const { keyspace, name } = qualified(what, undefined);
  if (keyspace === undefined && DESCRIBED_KEYSPACES.some((k) => k.name === name)) {
    return described(keyspaceElements(keyspaceNamed(name), false, internals));
  }
  const ks = keyspaceNamed(keyspace ?? sessionKeyspace ?? name);
  if (!ks.tables.some((t) => t.name === name)) throw new NotFound(`'${name}' not found in keyspace '${ks.name}'`);
  return tableElement(ks.name, name, internals);
}

export function describe(statement: string, view: NodeView, sessionKeyspace: string | undefined): QueryOutcome {
  const body = statement.replace(/^DESC(?:RIBE)?\b/i, "").trim();
  const internals = /\s+WITH\s+INTERNALS$/i.test(body);
  try {
    return describeWhat(body.replace(/\s+WITH\s+INTERNALS$/i, "").trim(), view, sessionKeyspace, internals);
  } catch (error) {
    if (error instanceof NotFound) return { kind: "error", code: error.code, message: error.message };
    throw error;
  }
}
