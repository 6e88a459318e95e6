import type { Clock } from '../../src/ports/index.js';

/** A clock that stands still until a test moves it. */
export interface TestClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): Date;
}

export function testClock(start: Date | string = '2025-06-02T09:00:00.000Z'): TestClock {
  let t = new Date(start);
  return {
    now: () => new Date(t),
    set(at) {
      t = new Date(at);
    },
    advance(ms) {
      t = new Date(t.getTime() + ms);
      return new Date(t);
    },
  };
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
