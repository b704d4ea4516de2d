/* Confidential entries (vertrouwenspersoon) and reading the audit log. */
#ifndef PW_STORE_EXTRA_H
#define PW_STORE_EXTRA_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/arena.h"

struct pw_confidential {
	int64_t id, case_id, author_id, student_id, created_at;
	const char *text;
};

enum pw_status pw_store_confidential_add(struct pw_store *s, const struct pw_confidential *in, int64_t *id,
					 struct pw_err *err);
enum pw_status pw_store_confidential_get(struct pw_store *s, struct pw_arena *a, int64_t id,
					 struct pw_confidential *out, struct pw_err *err);
/* The entries of a case that user may read: their own, and those shared with them. */
enum pw_status pw_store_confidential_for(struct pw_store *s, struct pw_arena *a, int64_t case_id, int64_t user_id,
					 struct pw_confidential **out, size_t *n, struct pw_err *err);
enum pw_status pw_store_confidential_share(struct pw_store *s, int64_t entry_id, int64_t user_id, struct pw_err *err);

struct pw_audit_row {
	int64_t at_ms, user_id;
	const char *login, *action, *detail;
};

enum pw_status pw_store_audit_of(struct pw_store *s, struct pw_arena *a, const char *object, int64_t id, int limit,
				 int offset, struct pw_audit_row **out, size_t *n, struct pw_err *err);

#endif
