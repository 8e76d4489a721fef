import type { Exchange } from './exchange';
import type { Journal } from './journal';

/**
 * Ended exchanges wait here until the current burst of I/O is done, then go into the
 * journal in the order they ended: when 100 delayed answers fall due in the same
 * millisecond, they are all written before any journal entry is built.
 */
export class JournalQueue {
  private queue: Exchange[] = [];
  private scheduled = false;

  constructor(
    private readonly journal: Journal,
    /** Called after each flush. */
    private readonly onFlushed: () => void,
  ) {}

  /** Nothing waits to be journaled. */
  get idle(): boolean {
    return !this.scheduled;
  }

  push(exchange: Exchange): void {
    this.queue.push(exchange);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    for (const exchange of batch) this.journal.append((id) => exchange.entry(id), exchange.record());
    this.onFlushed();
  }
}
