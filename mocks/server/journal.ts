import type { JournalFilter, MockJournalEntry } from '../../main/api/routes/mocks';
import type { MockExchangeDetail } from '../../main/api/routes/mocks-exchange';
import { exchangeDetail } from './exchange-record';
import type { ExchangeRecord } from './exchange-record';

export type JournalListener = (entry: MockJournalEntry) => void;

/** An entry before the journal numbers it. */
export type UnnumberedEntry = Omit<MockJournalEntry, 'id'>;

/**
 * The request journal: a ring buffer of the latest `capacity` entries. Entries are
 * numbered when they end (so ids grow in buffer order and `after` polls miss nothing).
 */
export class Journal {
  private readonly buffer: (MockJournalEntry | undefined)[];
  /** Beside each entry, what its full view is made from (same slots as `buffer`). */
  private readonly records: (ExchangeRecord | undefined)[];
  private head = 0;
  private count = 0;
  private nextId = 1;
  private recorded = 0;
  private readonly listeners = new Set<JournalListener>();

  constructor(readonly capacity = 1000) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`journal size must be a whole number ≥ 1, got ${capacity}`);
    this.buffer = new Array<MockJournalEntry | undefined>(capacity);
    this.records = new Array<ExchangeRecord | undefined>(capacity);
  }

  add(unnumbered: UnnumberedEntry): MockJournalEntry {
    return this.append((id) => ({ id, ...unnumbered }));
  }

  /** Adds the entry `build` makes with the next id (no copy on the hot path). */
  append(build: (id: number) => MockJournalEntry, record?: ExchangeRecord): MockJournalEntry {
    const entry = build(this.nextId++);
    const slot = (this.head + this.count) % this.capacity;
    this.buffer[slot] = entry;
    this.records[slot] = record;
    if (this.count < this.capacity) this.count++;
    else this.head = (this.head + 1) % this.capacity;
    this.recorded++;
    for (const listener of this.listeners) {
      try {
        listener(entry);
      } catch {
        // A failing listener must not break the server or the other listeners.
      }
    }
    return entry;
  }

  /** Entries kept now. */
  get size(): number {
    return this.count;
  }

  /** Entries added since the start or the last clear (kept or not). */
  get total(): number {
    return this.recorded;
  }

  /** Kept entries, oldest first. */
  entries(): MockJournalEntry[] {
    const out: MockJournalEntry[] = [];
    for (let i = 0; i < this.count; i++) {
      const entry = this.buffer[(this.head + i) % this.capacity];
      if (entry) out.push(entry);
    }
    return out;
  }

  /** The matching entries, oldest first; with `limit`, the most recent ones. */
  query(filter: JournalFilter = {}): MockJournalEntry[] {
    const since = filter.since === undefined ? undefined : Date.parse(filter.since);
    const matching = this.entries().filter((e) => matchesFilter(e, filter, since));
    return filter.limit === undefined ? matching : matching.slice(-filter.limit);
  }

  /** The full request and response of a kept entry; null when it is gone (or was never an exchange). */
  detail(id: number): MockExchangeDetail | null {
    const first = this.nextId - this.count;
    if (!Number.isInteger(id) || id < first || id >= this.nextId) return null;
    const record = this.records[(this.head + (id - first)) % this.capacity];
    return record === undefined ? null : exchangeDetail(id, record);
  }

  /** Empties the journal; returns how many entries it held. Ids keep growing. */
  clear(): number {
    const cleared = this.count;
    this.buffer.fill(undefined);
    this.records.fill(undefined);
    this.head = 0;
    this.count = 0;
    this.recorded = 0;
    return cleared;
  }

  subscribe(listener: JournalListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

function matchesFilter(entry: MockJournalEntry, filter: JournalFilter, sinceMs: number | undefined): boolean {
  if (filter.route !== undefined && entry.routeId !== filter.route) return false;
  if (filter.session !== undefined && entry.session !== filter.session) return false;
  if (filter.after !== undefined && entry.id <= filter.after) return false;
  if (sinceMs !== undefined && Date.parse(entry.time) < sinceMs) return false;
  if (filter.status !== undefined) {
    if (entry.status === null) return false;
    if (typeof filter.status === 'number') return entry.status === filter.status;
    return Math.floor(entry.status / 100) === Number(filter.status[0]);
  }
  return true;
}
