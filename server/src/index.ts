export { buildApp } from './app.js';
export { loadConfig, type Config } from './config.js';
export { openDatabase, rows, type Database, type Db } from './db/client.js';
export { migrateDatabase } from './db/migrate.js';
export type { Deps } from './deps.js';
