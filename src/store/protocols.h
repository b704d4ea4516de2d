/* Installed protocol definitions, per school, kept whole as their YAML text. */
#ifndef PW_STORE_PROTOCOLS_H
#define PW_STORE_PROTOCOLS_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/arena.h"

struct pw_protocol_version {
	int64_t id;
	const char *key, *versie, *source, *installed_by;
	int64_t installed_at;
};

enum pw_status pw_store_protocol_install(struct pw_store *s, int64_t school_id, const char *key, const char *versie,
					 const char *source, const char *installed_by, int64_t *id, struct pw_err *err);
/* The version in force at a school: PW_ENOTFOUND when none was installed. */
enum pw_status pw_store_protocol_active(struct pw_store *s, struct pw_arena *a, int64_t school_id,
					struct pw_protocol_version *out, struct pw_err *err);
enum pw_status pw_store_protocol_get(struct pw_store *s, struct pw_arena *a, int64_t id,
				     struct pw_protocol_version *out, struct pw_err *err);
enum pw_status pw_store_protocol_list(struct pw_store *s, struct pw_arena *a, int64_t school_id,
				      struct pw_protocol_version **out, size_t *n, struct pw_err *err);

#endif
