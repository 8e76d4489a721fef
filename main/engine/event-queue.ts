/**
 * A min-heap of tasks ordered by (time, priority, insertion order): the one event queue of
 * the discrete-event simulation. Cancelled tasks are skipped when popped.
 */
export interface QueuedTask {
  readonly at: number;
  readonly priority: number;
  readonly seq: number;
  readonly run: () => void;
  cancelled: boolean;
}

export class EventQueue {
  private readonly heap: QueuedTask[] = [];
  private seq = 0;
  private live = 0;

  push(at: number, priority: number, run: () => void): QueuedTask {
    const task: QueuedTask = { at, priority, seq: this.seq++, run, cancelled: false };
    this.heap.push(task);
    this.live++;
    this.up(this.heap.length - 1);
    return task;
  }

  cancel(task: QueuedTask): void {
    if (!task.cancelled) {
      task.cancelled = true;
      this.live--;
    }
  }

  /** The earliest task that is not cancelled, without removing it. */
  peek(): QueuedTask | undefined {
    this.dropCancelled();
    return this.heap[0];
  }

  pop(): QueuedTask | undefined {
    this.dropCancelled();
    const top = this.heap[0];
    if (top === undefined) return undefined;
    this.removeTop();
    this.live--;
    return top;
  }

  clear(): void {
    for (const task of this.heap) task.cancelled = true;
    this.heap.length = 0;
    this.live = 0;
  }

  /** Tasks still to run. */
  get size(): number {
    return this.live;
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0]?.cancelled) this.removeTop();
  }

  private removeTop(): void {
    const last = this.heap.pop();
    if (last !== undefined && this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
  }

  private before(a: QueuedTask, b: QueuedTask): boolean {
    if (a.at !== b.at) return a.at < b.at;
    if (a.priority !== b.priority) return a.priority < b.priority;
    return a.seq < b.seq;
  }

  private up(index: number): void {
    const heap = this.heap;
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const a = heap[i] as QueuedTask;
      const p = heap[parent] as QueuedTask;
      if (!this.before(a, p)) break;
      heap[i] = p;
      heap[parent] = a;
      i = parent;
    }
  }

  private down(index: number): void {
    const heap = this.heap;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let best = i;
      if (left < heap.length && this.before(heap[left] as QueuedTask, heap[best] as QueuedTask)) best = left;
      if (right < heap.length && this.before(heap[right] as QueuedTask, heap[best] as QueuedTask)) best = right;
      if (best === i) return;
      const tmp = heap[i] as QueuedTask;
      heap[i] = heap[best] as QueuedTask;
      heap[best] = tmp;
      i = best;
    }
  }
}
