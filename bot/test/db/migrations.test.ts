import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource, migrations } from '../../src/db/data-source.js';
import { Database } from '../../src/db/database.js';
import { freshDatabaseUrl } from '../support/test-database.js';

let db: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  const fresh = await freshDatabaseUrl();
  drop = fresh.drop;
  db = await Database.open({ url: fresh.url, dataDir: null, snapshot: fresh.snapshot });
});
afterAll(async () => {
  await db?.close();
  await drop?.();
});

describe('migrations', () => {
  it('run down to an empty schema and up again', async () => {
    const ds = createDataSource(db.url, 2);
    await ds.initialize();
    for (let i = 0; i < migrations.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    const afterDown = await ds.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'messages'`,
    );
    expect(afterDown).toHaveLength(0);
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(migrations.map((m) => m.name));
    await ds.destroy();
  });
});
