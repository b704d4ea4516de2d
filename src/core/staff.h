/* Staff functies at a school, checked against the school's protocol. Used by
 * the CLI, the admin API and the Beheer pages alike. */
#ifndef PW_CORE_STAFF_H
#define PW_CORE_STAFF_H

#include <stddef.h>
#include <stdint.h>

#include "store/people.h"

/* Replaces user_id's functies at school_id with keys (each must be a functie
 * of the school's protocol); functies at other schools stay. department
 * narrows the functies the protocol reads per department. Runs in the
 * caller's transaction. *changed says whether anything differed. PW_EINVAL
 * names the unknown key (its index in *bad) and the choices. */
enum pw_status pw_staff_set_functies(struct pw_store *s, struct pw_arena *a, int64_t user_id, int64_t school_id,
				     const char *const *keys, size_t n, const char *department, enum pw_change *changed,
				     size_t *bad, struct pw_err *err);

#endif
