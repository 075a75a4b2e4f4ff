import type { SqliteDatabase } from './sqlite-database.ts';

/** Persists which routes the user switched on or off, so a toggle survives a restart. */
export class SqliteRouteStateStore {
  readonly #database: SqliteDatabase;

  constructor(database: SqliteDatabase) {
    this.#database = database;
  }

  load(): Record<string, boolean> {
    const rows = this.#database.prepare('SELECT route, enabled FROM route_state').all() as { route: string; enabled: number }[];
    return Object.fromEntries(rows.map((row) => [row.route, row.enabled === 1]));
  }

  save(route: string, enabled: boolean): void {
    this.#database.prepare('INSERT INTO route_state VALUES (?, ?, ?) ON CONFLICT (route) DO UPDATE SET enabled = excluded.enabled, changed_at = excluded.changed_at')
      .run(route, enabled ? 1 : 0, Date.now());
  }
}
