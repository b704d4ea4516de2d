/* Moved from api/signals.c unchanged in behaviour, so that the page's
 * button and the API cannot drift apart. */
#include "app/opencase.h"

#include <string.h>

#include "store/people.h"

/* Defined in api/signals.c: the API's signal body, also used by web/melden.c. */
enum pw_status pw_api_parse_signal(struct pw_arena *a, const struct pw_protocol *p, json_t *j, struct pw_signal *s,
				   json_t **data, struct pw_err *err);

enum pw_status pw_case_from_suspicions(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor,
				       int64_t school, const struct pw_protocol *p, const char *today, const int64_t *ids,
				       size_t n, json_t *j, struct pw_filed *f, struct pw_err *err)
{
	/* Everyone in the suspicions, each once, with the role they had. */
	struct pw_person *persons = pw_calloc(a, 64, sizeof *persons);
	size_t np = 0;
	bool allowed = pw_reads_school(actor, p, school);
	struct pw_class *cls;
	size_t ncls = 0;
	struct pw_err e2;
	pw_store_user_classes(s, a, actor->user_id, today, &cls, &ncls, &e2);
	struct pw_signal_row *rows = pw_calloc(a, n + 1, sizeof *rows);
	for (size_t i = 0; i < n; i++) {
		if (ids[i] <= 0 || pw_store_signal_get(s, a, ids[i], &rows[i], err) != PW_OK || rows[i].school_id != school ||
		    strcmp(rows[i].systematisch, "ja") == 0 || rows[i].case_id) {
			for (size_t k = 0; k <= i; k++)
				json_decref(rows[k].data);
			return pw_err_set(err, PW_ENOTFOUND, "Verdenking %lld bestaat niet, of hoort al bij een casus.",
					  (long long)ids[i]);
		}
		for (size_t k = 0; k < rows[i].n_persons && np < 64; k++) {
			const struct pw_person *pp = &rows[i].persons[k];
			bool seen = false;
			for (size_t m = 0; m < np; m++)
				seen |= pp->student_id && persons[m].student_id == pp->student_id;
			if (!seen)
				persons[np++] = *pp;
			struct pw_student st;
			if (!allowed && pp->student_id && pw_store_student_get(s, a, pp->student_id, today, &st, &e2) == PW_OK)
				for (size_t c = 0; c < ncls; c++)
					allowed |= st.class_id == cls[c].id;
		}
	}
	struct pw_signal sig;
	json_t *data = NULL;
	enum pw_status st = PW_OK;
	if (!allowed) {
		st = pw_err_set(err, PW_ENOTFOUND, "Verdenking %lld bestaat niet, of hoort al bij een casus.", (long long)ids[0]);
	} else {
		/* The body may add forms and flags; the people come from the suspicions. */
		json_object_set_new(j, "systematisch", json_string("ja"));
		if (!json_is_string(json_object_get(j, "occurred_on")))
			json_object_set_new(j, "occurred_on", json_string(rows[0].occurred_on));
		if (!json_is_string(json_object_get(j, "description")))
			json_object_set_new(j, "description", json_string(pw_printf(a, "Casus geopend uit %zu verdenking(en).", n)));
		json_object_set_new(j, "betrokkenen", json_array());
		st = pw_api_parse_signal(a, p, j, &sig, &data, err);
		if (st == PW_OK) {
			sig.persons = persons;
			sig.n_persons = np;
			st = pw_signal_file_with(s, a, actor, school, &sig, data, ids, n, f, err);
		}
	}
	for (size_t i = 0; i < n; i++)
		json_decref(rows[i].data);
	json_decref(data);
	return st;
}
