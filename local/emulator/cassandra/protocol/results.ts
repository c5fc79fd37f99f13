// RESULT bodies (native_protocol_v4.spec §4.2.5): Void, Rows with global table spec, Set_keyspace, Prepared.
import { encodeValue, writeTypeOption, type CqlType } from "./cqlTypes.js";
import { WireWriter } from "./wire.js";

export interface ColumnSpec {
  name: string;
  type: CqlType;
}

export interface TableSpec {
  keyspace: string;
  table: string;
  columns: readonly ColumnSpec[];
}

const ResultKind = { void: 0x0001, rows: 0x0002, setKeyspace: 0x0003, prepared: 0x0004 } as const;
const MetadataFlag = { globalTablesSpec: 0x0001, noMetadata: 0x0004 } as const;

export const setKeyspaceResult = (keyspace: string): Buffer => new WireWriter().int(ResultKind.setKeyspace).string(keyspace).toBuffer();

/** Rows: metadata (every column from one table, so a global table spec), then each row's cells as [bytes]. */
export function rowsResult(table: TableSpec, rows: ReadonlyArray<readonly unknown[]>): Buffer {
  const writer = new WireWriter().int(ResultKind.rows);
  writeRowsMetadata(writer, table);
  writer.int(rows.length);
  for (const row of rows) table.columns.forEach((column, index) => writer.bytes(encodeValue(column.type, row[index])));
  return writer.toBuffer();
}

/**
 * Prepared (§4.2.5.4) for a statement without bind markers: empty variables metadata, then the result metadata
 * (none for a statement that returns no rows).
 */
export function preparedResult(id: Buffer, resultTable: TableSpec | undefined): Buffer {
  const writer = new WireWriter().int(ResultKind.prepared).shortBytes(id);
  writer.int(0).int(0).int(0); // flags, columns_count, pk_count
  if (resultTable) writeRowsMetadata(writer, resultTable);
  else writer.int(MetadataFlag.noMetadata).int(0);
  return writer.toBuffer();
}

function writeRowsMetadata(writer: WireWriter, table: TableSpec): void {
  writer.int(MetadataFlag.globalTablesSpec).int(table.columns.length).string(table.keyspace).string(table.table);
  for (const column of table.columns) {
    writer.string(column.name);
    writeTypeOption(writer, column.type);
  }
}
