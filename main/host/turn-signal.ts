/** Wakes everyone waiting for the next end of the bot's turn. */
export class TurnSignal {
  private waiters: (() => void)[] = [];

  wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  signal(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}
