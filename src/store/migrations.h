/* The schema, as numbered migrations applied in order at start, each inside
 * one transaction with its row in schema_version. Never edit a migration
 * that has shipped: add the next one. */
#ifndef PW_STORE_MIGRATIONS_H
#define PW_STORE_MIGRATIONS_H

struct pw_migration {
	int version;
	const char *name;
	const char *sql; /* one or more statements */
};

extern const struct pw_migration pw_migrations[];
extern const int pw_migrations_count;

#endif
