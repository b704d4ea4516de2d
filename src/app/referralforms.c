/* Referrals (PROTOCOL.md: doorverwijzen). Moved here from the API handler so
 * that the case page refers through the very same checks and writes. */
#include "app/referralforms.h"

#include <string.h>

#include "core/school_protocol.h"
#include "store/people.h"

static const struct pw_person *person(const struct pw_case *c, int64_t student)
{
	for (size_t i = 0; i < c->n_persons; i++)
		if (student && c->persons[i].student_id == student)
			return &c->persons[i];
	return NULL;
}

/* Whether user holds role at school (a referral grants that person access). */
static bool plays_at(struct pw_store *s, struct pw_arena *a, int64_t user, int64_t school, const struct pw_role *role)
{
	struct pw_err err;
	struct pw_user_functie *f;
	size_t n;
	if (role == NULL || pw_store_user_functies(s, a, user, &f, &n, &err) != PW_OK)
		return false;
	for (size_t i = 0; i < n; i++)
		if (f[i].school_id == school && pw_role_has_functie(role, f[i].functie))
			return true;
	return false;
}

enum pw_status pw_rf_refer(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor, struct pw_loaded_case *lc,
			   const struct pw_rf_referral *in, int64_t *id, int64_t *user_out, struct pw_err *err)
{
	const struct pw_referral *ref = in->to ? pw_protocol_referral(lc->p, in->to) : NULL;
	if (ref == NULL)
		return pw_err_field(err, PW_EINVAL, "to", "Naar deze hulp kan het protocol niet doorverwijzen.");
	if (person(&lc->c, in->student) == NULL)
		return pw_err_field(err, PW_EINVAL, "student", "Kies de leerling van de casus die wordt doorverwezen.");
	if (lc->c.closed)
		return pw_err_set(err, PW_EPROTOCOL, "Deze casus is gesloten. (The case is closed.)");
	int64_t user = 0;
	if (ref->role) {
		/* A referral to a person grants that person access: the one named, or the school's holder. */
		user = in->user;
		if (user && !plays_at(s, a, user, lc->row.school_id, ref->role))
			return pw_err_field(err, PW_EINVAL, "user", "Deze collega is geen %s.", ref->role->titel);
		if (user == 0) {
			struct pw_staff *staff;
			size_t n;
			struct pw_err e2;
			if (pw_store_school_staff(s, a, lc->row.school_id, &staff, &n, &e2) == PW_OK)
				for (size_t i = 0; i < n && user == 0; i++)
					if (pw_role_has_functie(ref->role, staff[i].functie))
						user = staff[i].user_id;
		}
		if (user == 0)
			return pw_err_set(err, PW_EPROTOCOL,
					  "Deze school heeft geen %s in Pestwijzer. (This school has no %s in Pestwijzer yet.)",
					  ref->role->titel, ref->role->title_en ? ref->role->title_en : ref->role->titel);
	}
	struct pw_change_item items[2] = {
		{PW_EV_REFERRAL,
		 json_pack("{s:s, s:I, s:I, s:s?}", "key", ref->key, "student", (json_int_t)in->student, "user",
			   (json_int_t)user, "text", in->note),
		 0, NULL},
		{PW_EV_NOTE, NULL, user, "doorverwijzing"},
	};
	if (pw_case_record(s, actor, lc, PW_CASE_WORK, NULL, items, user ? 2 : 1, id, err) != PW_OK) {
		if (!user)
			json_decref(items[1].data);
		return err->code;
	}
	*user_out = user;
	return PW_OK;
}
