import { describe, expect, it } from 'vitest';
import { TaskPriority } from '../../../main/engine/clock';
import { EventQueue } from '../../../main/engine/event-queue';
import { speechMs, wordCount } from '../../../main/engine/speech';
import { createTestEnv } from '../../support/test-env';

describe('virtual clock', () => {
  it('runs tasks by time, then priority, then insertion order', () => {
    const env = createTestEnv();
    const order: string[] = [];
    env.clock.schedule(10, TaskPriority.timer, () => order.push('timer@10'));
    env.clock.schedule(10, TaskPriority.arrival, () => order.push('arrival@10'));
    env.clock.schedule(5, TaskPriority.user, () => order.push('user@5'));
    env.clock.schedule(10, TaskPriority.deadline, () => order.push('deadline@10'));
    env.clock.schedule(10, TaskPriority.arrival, () => order.push('arrival2@10'));
    env.clock.runUntilIdle();
    expect(order).toEqual(['user@5', 'arrival@10', 'arrival2@10', 'deadline@10', 'timer@10']);
    expect(env.now()).toBe(10);
  });

  it('skips cancelled tasks and never goes back in time', () => {
    const env = createTestEnv();
    const seen: number[] = [];
    const handle = env.clock.schedule(50, TaskPriority.timer, () => seen.push(50));
    env.clock.schedule(20, TaskPriority.timer, () => {
      seen.push(env.now());
      env.clock.schedule(5, TaskPriority.timer, () => seen.push(env.now())); // in the past: runs now
    });
    env.clock.cancel(handle);
    env.clock.runUntilIdle();
    expect(seen).toEqual([20, 20]);
  });

  it('sleep() runs what falls due and stops at the target time', () => {
    const env = createTestEnv();
    const seen: number[] = [];
    env.clock.schedule(100, TaskPriority.timer, () => seen.push(env.now()));
    env.clock.schedule(300, TaskPriority.timer, () => seen.push(env.now()));
    env.sleep(200);
    expect(seen).toEqual([100]);
    expect(env.now()).toBe(200);
    env.teardown();
    expect(env.clock.pending).toBe(0);
  });

  it('keeps heap order over many random tasks', () => {
    const queue = new EventQueue();
    const times = Array.from({ length: 500 }, (_, i) => (i * 7919) % 997);
    for (const t of times) queue.push(t, 0, () => {});
    const popped: number[] = [];
    for (let task = queue.pop(); task; task = queue.pop()) popped.push(task.at);
    expect(popped).toEqual([...times].sort((a, b) => a - b));
  });
});

describe('speech timing', () => {
  it('counts whitespace-separated tokens and rounds words × 60000 / wpm', () => {
    expect(wordCount("Hi, what's your order number?")).toBe(5);
    expect(wordCount('   ')).toBe(0);
    expect(speechMs("Hi, what's your order number?", 150)).toBe(2000);
    expect(speechMs('one two three', 170)).toBe(1059);
  });
});
