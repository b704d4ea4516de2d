#include "core/staff.h"

#include <stdio.h>
#include <string.h>

#include "core/school_protocol.h"

static int has(const struct pw_user_functie *v, size_t n, int64_t school, const char *f, const char *dep)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].school_id == school && strcmp(v[i].functie, f) == 0 && strcmp(v[i].department, dep) == 0)
			return 1;
	return 0;
}

enum pw_status pw_staff_set_functies(struct pw_store *s, struct pw_arena *a, int64_t user_id, int64_t school_id,
				     const char *const *keys, size_t n, const char *department, enum pw_change *changed,
				     size_t *bad, struct pw_err *err)
{
	const struct pw_protocol *p = pw_school_protocol(s, school_id, NULL, err);
	if (p == NULL)
		return err->code;
	struct pw_user_functie *want = pw_calloc(a, n ? n : 1, sizeof *want);
	for (size_t i = 0; i < n; i++) {
		const struct pw_functie *f = pw_protocol_functie(p, keys[i]);
		if (f == NULL) {
			if (bad)
				*bad = i;
			pw_err_field(err, PW_EINVAL, "functies", "\"%s\" is geen functie van het protocol van deze school. Kies uit:",
				     keys[i]);
			for (size_t k = 0; k < p->n_functies; k++) {
				size_t l = strlen(err->msg);
				snprintf(err->msg + l, sizeof err->msg - l, "%s %s", k ? "," : "", p->functies[k].key);
			}
			return PW_EINVAL;
		}
		/* A department narrows only a functie whose reading is per department
		 * (the protocol says which: Lekpoort's clz); the rest are school-wide. */
		int narrowed = f->access.read == PW_READ_DEPARTMENT && department && department[0];
		want[i] = (struct pw_user_functie){school_id, keys[i], narrowed ? department : ""};
	}
	struct pw_user_functie *cur;
	size_t ncur;
	if (pw_store_user_functies(s, a, user_id, &cur, &ncur, err) != PW_OK)
		return err->code;
	int differs = 0;
	for (size_t i = 0; i < ncur; i++)
		if (cur[i].school_id == school_id)
			differs |= !has(want, n, school_id, cur[i].functie, cur[i].department);
	for (size_t i = 0; i < n; i++)
		differs |= !has(cur, ncur, school_id, want[i].functie, want[i].department);
	if (changed)
		*changed = differs ? PW_UPDATED : PW_SAME;
	if (!differs)
		return PW_OK;
	if (pw_store_user_functie_clear(s, user_id, err) != PW_OK)
		return err->code;
	for (size_t i = 0; i < ncur; i++)
		if (cur[i].school_id != school_id && pw_store_user_functie_add(s, user_id, &cur[i], NULL, err) != PW_OK)
			return err->code;
	for (size_t i = 0; i < n; i++)
		if (!has(want, i, school_id, want[i].functie, want[i].department) &&
		    pw_store_user_functie_add(s, user_id, &want[i], NULL, err) != PW_OK)
			return err->code;
	return PW_OK;
}
