import type { Config } from '../../config.js';
import type { Database } from '../db/database.js';

/** What route plugins are built with. */
export type AppDeps = { db: Database; config: Config };
