#include "app/confidential.h"

#include <string.h>

#include "store/people.h"
#include "util/text.h"

static bool in_case(const struct pw_case *c, int64_t student)
{
	for (size_t i = 0; i < c->n_persons; i++)
		if (student && c->persons[i].student_id == student)
			return true;
	return false;
}

enum pw_status pw_conf_add(struct pw_store *s, const struct pw_actor *actor, struct pw_loaded_case *lc, int64_t student,
			   const char *text, int64_t *id, struct pw_err *err)
{
	if (!pw_keeps_confidential(actor, lc->p, lc->row.school_id))
		return pw_err_set(err, PW_EFORBID, "Alleen de vertrouwenspersoon legt vertrouwelijke aantekeningen vast.");
	size_t len = text ? strlen(text) : 0;
	if (len == 0 || len > PW_CONF_TEXT_MAX || !pw_utf8_valid_text(text, len))
		return pw_err_field(err, PW_EINVAL, "text", "Schrijf de aantekening (text), hoogstens %d tekens.", PW_CONF_TEXT_MAX);
	if (student && !in_case(&lc->c, student))
		return pw_err_field(err, PW_EINVAL, "student", "Kies een leerling van de casus.");
	struct pw_confidential in = {.case_id = lc->row.id, .author_id = actor->user_id, .student_id = student, .text = text};
	if (pw_store_begin(s, err) != PW_OK)
		return err->code;
	if (pw_store_confidential_add(s, &in, id, err) != PW_OK ||
	    pw_store_audit_change(s, actor->user_id, "create", "confidential", *id, NULL, err) != PW_OK ||
	    pw_store_commit(s, err) != PW_OK) {
		pw_store_rollback(s);
		return err->code;
	}
	return PW_OK;
}

enum pw_status pw_conf_consent(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor,
			       struct pw_loaded_case *lc, int64_t eid, const int64_t *users, size_t n, struct pw_err *err)
{
	struct pw_confidential e;
	/* Only its author knows the entry exists. */
	if (eid == 0 || pw_store_confidential_get(s, a, eid, &e, err) != PW_OK || e.case_id != lc->row.id ||
	    e.author_id != actor->user_id)
		return pw_err_set(err, PW_ENOTFOUND, "Deze aantekening bestaat niet (not found).");
	if (n == 0 || n > 20)
		return pw_err_field(err, PW_EINVAL, "shared_with",
				    "shared_with: de collega's (ids) met wie de leerling het delen goedvindt.");
	/* Every colleague is checked before anything is written. */
	for (size_t i = 0; i < n; i++) {
		struct pw_user_functie *uf;
		size_t nuf = 0;
		bool here = false;
		if (users[i] > 0 && pw_store_user_functies(s, a, users[i], &uf, &nuf, err) == PW_OK)
			for (size_t k = 0; k < nuf; k++)
				here |= uf[k].school_id == lc->row.school_id;
		if (!here)
			return pw_err_field(err, PW_EINVAL, "shared_with",
					    "Elke collega in shared_with is een account-id van een collega van deze school.");
	}
	if (pw_store_begin(s, err) != PW_OK)
		return err->code;
	enum pw_status st = PW_OK;
	for (size_t i = 0; i < n && st == PW_OK; i++)
		st = pw_store_confidential_share(s, eid, users[i], err);
	if (st != PW_OK || pw_store_audit_change(s, actor->user_id, "consent", "confidential", eid, NULL, err) != PW_OK ||
	    pw_store_commit(s, err) != PW_OK) {
		pw_store_rollback(s);
		return err->code;
	}
	return PW_OK;
}
