// A collection of named, soft-deletable objects (certificates, plain secrets) in the StateStore. Names compare
// case-insensitively; a soft-deleted object is kept RECOVERABLE_DAYS, then purged by the system (§5.9).
import { notFound, type ObjectKind } from "./errors.js";
import type { DeletionInfo } from "./model.js";

export const RECOVERABLE_DAYS = 90;

export class NamedRecords<T extends { name: string; deleted?: DeletionInfo }> {
  constructor(
    private readonly kind: ObjectKind,
    private readonly open: () => Map<string, T>,
    private readonly nowSeconds: () => number,
  ) {}

  /** The record with this name, soft-deleted or not; one past its scheduled purge date is purged first. */
  find(name: string): T | undefined {
    const record = this.open().get(name.toLowerCase());
    if (record?.deleted && record.deleted.scheduledPurgeDate <= this.nowSeconds()) {
      this.remove(name);
      return undefined;
    }
    return record;
  }

  all(): T[] {
    return [...this.open().values()].flatMap((record) => this.find(record.name) ?? []);
  }

  /** Writes the record back (the store may persist on set, so mutations are always followed by this). */
  save(record: T): void {
    this.open().set(record.name.toLowerCase(), record);
  }

  remove(name: string): void {
    this.open().delete(name.toLowerCase());
  }

  softDelete(record: T): void {
    const deletedDate = this.nowSeconds();
    record.deleted = { deletedDate, scheduledPurgeDate: deletedDate + RECOVERABLE_DAYS * 24 * 3600 };
    this.save(record);
  }

  /** The soft-deleted record, or 404 as `GET /deleted…/{n}` answers for a name that is not deleted. */
  deleted(name: string): T {
    const record = this.find(name);
    if (!record?.deleted) throw notFound(`${this.kind}NotFound`, `Deleted ${this.kind} not found: ${name}`);
    return record;
  }

  recover(name: string): T {
    const record = this.deleted(name);
    delete record.deleted;
    this.save(record);
    return record;
  }

  purge(name: string): void {
    this.deleted(name);
    this.remove(name);
  }
}
