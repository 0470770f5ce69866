import type { DialectName, SqlDialect } from '../dialect.js';
import { duckdb } from './duckdb.js';
import { mysql } from './mysql.js';
import { postgres } from './postgres.js';
import { spark } from './spark.js';

/** The registry: adding a dialect is one file and one line here. */
export const DIALECTS: Readonly<Record<DialectName, SqlDialect>> = { duckdb, postgres, mysql, spark };
