/**
 * A real PostgreSQL server for tests (scripts/postgres.mjs, which the bench uses too): one server
 * per test file, started in beforeAll; `database()` gives each test a fresh, empty database.
 */
export type { TestPostgres } from '../../scripts/postgres.mjs';
export { postgresBin, startPostgres } from '../../scripts/postgres.mjs';
