#include "store/migrations.h"

const struct pw_migration pw_migrations[] = {
	{1, "foundation",
	 "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
	 /* The audit log: append-only; who read or changed what, when. */
	 "CREATE TABLE audit (\n"
	 "  id INTEGER PRIMARY KEY,\n"
	 "  at INTEGER NOT NULL,\n"
	 "  user_id INTEGER,\n"
	 "  action TEXT NOT NULL,\n"
	 "  object TEXT NOT NULL,\n"
	 "  object_id INTEGER,\n"
	 "  detail TEXT\n"
	 ");\n"
	 "CREATE INDEX audit_object ON audit(object, object_id, at);\n"
	 "CREATE INDEX audit_user ON audit(user_id, at);\n"},
};

const int pw_migrations_count = (int)(sizeof pw_migrations / sizeof pw_migrations[0]);
