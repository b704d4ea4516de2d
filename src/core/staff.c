#include "core/staff.h"

#include <stdio.h>
#include <string.h>

#include "core/school_protocol.h"

enum pw_status pw_staff_set_functies(struct pw_store *s, struct pw_arena *a, int64_t user_id, int64_t school_id,
				     const char *const *keys, size_t n, const char *department, struct pw_err *err)
{
	const struct pw_protocol *p = pw_school_protocol(s, school_id, NULL, err);
	if (p == NULL)
		return err->code;
	for (size_t i = 0; i < n; i++) {
		if (pw_protocol_functie(p, keys[i]))
			continue;
		pw_err_field(err, PW_EINVAL, "functies", "\"%s\" is geen functie van het protocol van deze school. Kies uit:",
			     keys[i]);
		for (size_t k = 0; k < p->n_functies; k++) {
			size_t l = strlen(err->msg);
			snprintf(err->msg + l, sizeof err->msg - l, " %s", p->functies[k].key);
		}
		return PW_EINVAL;
	}
	struct pw_user_functie *cur;
	size_t ncur;
	if (pw_store_user_functies(s, a, user_id, &cur, &ncur, err) != PW_OK ||
	    pw_store_user_functie_clear(s, user_id, err) != PW_OK)
		return err->code;
	for (size_t i = 0; i < ncur; i++)
		if (cur[i].school_id != school_id && pw_store_user_functie_add(s, user_id, &cur[i], NULL, err) != PW_OK)
			return err->code;
	for (size_t i = 0; i < n; i++) {
		struct pw_user_functie uf = {.school_id = school_id, .functie = keys[i], .department = department ? department : ""};
		if (pw_store_user_functie_add(s, user_id, &uf, NULL, err) != PW_OK)
			return err->code;
	}
	return PW_OK;
}
