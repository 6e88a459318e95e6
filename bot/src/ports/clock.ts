/** Time, injected: the rules and use cases never read the system clock. */
export interface Clock {
  now(): Date;
}
