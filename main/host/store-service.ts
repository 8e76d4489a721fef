import { FormatError } from '../formats/format-error';
import { storeFailure } from '../store/sqlite-failure';
import { StoreError } from '../store/store-error';
import { Store } from '../store/store';
import { HostError } from './host-error';

/**
 * The scenario library behind the library routes. The database opens on first use, so the
 * workbench starts (and says what is wrong) even when the file is damaged or too new.
 */
export class StoreService {
  private store: Store | null = null;

  constructor(readonly file: string) {}

  /** Runs `fn` on the open library; store and format errors come back as typed host errors. */
  async use<T>(fn: (store: Store) => T | Promise<T>): Promise<T> {
    try {
      return await fn(this.open());
    } catch (error) {
      throw asHostError(storeFailure(this.file, error));
    }
  }

  close(): void {
    this.store?.close();
    this.store = null;
  }

  private open(): Store {
    if (this.store === null || !this.store.isOpen) this.store = Store.open(this.file);
    return this.store;
  }
}

export function asHostError(error: unknown): unknown {
  if (error instanceof StoreError) return new HostError(error.code, error.message, [...error.issues]);
  if (error instanceof FormatError) {
    const count = error.issues.length;
    return new HostError('invalid_input', `${count} problem${count === 1 ? '' : 's'} in the files; nothing was imported:\n${error.message}`, error.toApiIssues());
  }
  return error;
}
