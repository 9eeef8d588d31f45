import { customType } from 'drizzle-orm/pg-core';

/** Postgres tsvector (drizzle has none): always a generated column here. */
export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
