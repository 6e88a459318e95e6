import type { AppContext } from '../../src/app/context.js';
import type { BusEvent, JobQueueTx, Store, UnitOfWork } from '../../src/ports/index.js';
import { testClock, type TestClock } from './clock.js';
import { fakeContacts, fakeIdentities } from './contacts.fake.js';
import { fakeDelivery } from './delivery.fake.js';
import { fakeDlpMessages, fakeDlpReviews, fakeDlpRules } from './dlp.fake.js';
import { fakeMedia } from './media.fake.js';
import { fakeMessages, fakeStatuses } from './messages.fake.js';
import { fakePairs } from './pairs.fake.js';
import { fakeMembers, fakeNumbers, fakeTenants } from './people.fake.js';
import { emptyState, type State } from './state.js';
import { fakeTemplates } from './templates.fake.js';
import { fakeNumberHealth, fakeRateCards, fakeUsage } from './health.fake.js';
import { fakeParticipants, fakeRejoin, fakeThreads } from './threads.fake.js';

/** The core's ports over one in-memory state, for one transaction's jobs and live events. */
export function storeOver(state: State, clock: TestClock, jobs: JobQueueTx, live: BusEvent[]): Store {
  const now = () => clock.now();
  return {
    tenants: fakeTenants(state),
    members: fakeMembers(state),
    numbers: fakeNumbers(state),
    contacts: fakeContacts(state, now),
    identities: fakeIdentities(state, now),
    pairs: fakePairs(state),
    threads: fakeThreads(state),
    participants: fakeParticipants(state),
    rejoin: fakeRejoin(state),
    messages: fakeMessages(state, now),
    statuses: fakeStatuses(state),
    delivery: fakeDelivery(state, now),
    media: fakeMedia(state),
    templates: fakeTemplates(state),
    numberHealth: fakeNumberHealth(state),
    usage: fakeUsage(state),
    rateCards: fakeRateCards(state),
    dlpRules: fakeDlpRules(state),
    dlpReviews: fakeDlpReviews(state),
    dlpMessages: fakeDlpMessages(state),
    events: {
      async append(event) {
        state.events.push(structuredClone(event));
      },
    },
    archive: { append: (entry) => void state.archive.push(structuredClone(entry)) },
    jobs,
    live: { publish: (event) => void live.push(structuredClone(event)) },
  };
}

export interface InMemoryStore {
  /** The committed tables: tests seed them and read them. */
  state: State;
  uow: UnitOfWork<Store>;
  clock: TestClock;
  /** How many transactions (`run`) were committed and rolled back. */
  transactions: { committed: number; rolledBack: number };
}

/**
 * A unit of work over an in-memory store, with a real transaction's guarantees where tests rely on them: work that
 * throws leaves nothing behind (the state is restored, its jobs and live events dropped), live events are published
 * only once the work commits, and `read` sends no jobs.
 */
export function inMemoryStore(options: { clock?: TestClock; state?: State } = {}): InMemoryStore {
  const state = options.state ?? emptyState();
  const clock = options.clock ?? testClock();
  const transactions = { committed: 0, rolledBack: 0 };
  const restore = (snapshot: State) => {
    for (const key of Object.keys(snapshot) as (keyof State)[])
      Object.assign(state, { [key]: snapshot[key] });
  };
  const uow: UnitOfWork<Store> = {
    async run(work) {
      const snapshot = structuredClone(state);
      const live: BusEvent[] = [];
      const jobs: JobQueueTx = { send: async (job) => void state.jobs.push(structuredClone(job)) };
      try {
        const result = await work(storeOver(state, clock, jobs, live));
        state.live.push(...live);
        transactions.committed += 1;
        return result;
      } catch (error) {
        restore(snapshot);
        transactions.rolledBack += 1;
        throw error;
      }
    },
    async read(work) {
      const refuse: JobQueueTx = {
        send: async () => {
          throw new Error('jobs are sent inside uow.run, not uow.read');
        },
      };
      // Like the database's reads: live events published outside a transaction go nowhere.
      return work(storeOver(state, clock, refuse, []));
    },
  };
  return { state, uow, clock, transactions };
}

export const TEST_TEMPLATES: AppContext['templates'] = {
  optIn: { name: 'bridgeline_opt_in', language: 'en' },
  resume: { name: 'bridgeline_resume', language: 'en' },
};

export interface FakeWorld extends InMemoryStore {
  ctx: AppContext;
}

/** An `AppContext` over an in-memory store and a fixed clock: what a use case's unit test runs against. */
export function fakeContext(
  options: { clock?: TestClock; templates?: AppContext['templates'] } = {},
): FakeWorld {
  const store = inMemoryStore(options.clock ? { clock: options.clock } : {});
  return {
    ...store,
    ctx: { uow: store.uow, clock: store.clock, templates: options.templates ?? TEST_TEMPLATES },
  };
}
