#include "app/sanctionforms.h"

#include <string.h>

#include "store/people.h"
#include "store/sanctions.h"

const struct pw_person *pw_sf_student(const struct pw_case *c, int64_t student)
{
	for (size_t i = 0; student > 0 && i < c->n_persons; i++)
		if (c->persons[i].student_id == student)
			return &c->persons[i];
	return NULL;
}

static json_t *day_json(pw_day d)
{
	char s[11];
	if (d == 0)
		return json_null();
	pw_day_format(d, s);
	return json_string(s);
}

static json_t *heard_json(const char *const *heard, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(heard[i]));
	return a;
}

/* The student's sanctions over all their cases of this school in the window:
 * this case's from its loaded timeline, the others' from the store. */
enum pw_status pw_sf_history(struct pw_store *s, struct pw_arena *a, struct pw_loaded_case *lc, int64_t student,
			     struct pw_sanction **out, size_t *n, struct pw_err *err)
{
	char since[11];
	pw_day_format(pw_sanction_window_start(lc->p, lc->today), since);
	struct pw_sanction_row *rows;
	size_t nrows;
	if (pw_store_student_sanction_events(s, a, lc->row.school_id, student, since, &rows, &nrows, err) != PW_OK)
		return err->code;
	struct pw_sanction *own;
	size_t nown = pw_sanctions_of_events(a, lc->p, lc->row.id, lc->c.events, lc->c.n_events, &own);
	size_t total = nown;
	for (size_t i = 0; i < nrows; i++)
		total += rows[i].ev.kind == PW_EV_SANCTION;
	struct pw_sanction *all = pw_calloc(a, total ? total : 1, sizeof *all);
	size_t k = 0;
	if (nown)
		memcpy(all, own, nown * sizeof *all);
	k = nown;
	struct pw_event *ev = pw_calloc(a, nrows ? nrows : 1, sizeof *ev);
	/* Rows come ordered by case: each run of one case is that case's timeline. */
	for (size_t i = 0; i < nrows;) {
		size_t j = i, ne = 0;
		for (; j < nrows && rows[j].case_id == rows[i].case_id; j++)
			ev[ne++] = rows[j].ev;
		if (rows[i].case_id != lc->row.id) {
			struct pw_sanction *sv;
			size_t ns = pw_sanctions_of_events(a, lc->p, rows[i].case_id, ev, ne, &sv);
			for (size_t x = 0; x < ns && k < total; x++)
				all[k++] = sv[x];
		}
		i = j;
	}
	*out = all;
	*n = k;
	return PW_OK;
}

/* Notices to every holder of role at the school (a proposal to the deciders). */
static size_t notices_for_role(struct pw_store *s, struct pw_arena *a, struct pw_loaded_case *lc, const struct pw_role *role, int64_t except,
			       const char *kind, struct pw_change_item *items, size_t max)
{
	struct pw_err err;
	struct pw_staff *staff;
	size_t nstaff = 0, n = 0;
	if (pw_store_school_staff(s, a, lc->row.school_id, &staff, &nstaff, &err) != PW_OK)
		return 0;
	for (size_t i = 0; i < nstaff && n < max; i++) {
		if (staff[i].user_id == except || !pw_role_has_functie(role, staff[i].functie))
			continue;
		bool seen = false;
		for (size_t k = 0; k < n; k++)
			seen |= items[k].notice_user == staff[i].user_id;
		if (!seen)
			items[n++] = (struct pw_change_item){PW_EV_NOTE, NULL, staff[i].user_id, kind};
	}
	return n;
}

/* ---- operations ---- */

enum pw_status pw_sf_propose(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor,
			     struct pw_loaded_case *lc, const struct pw_sf_sanction *in, int64_t *id,
			     enum pw_sanction_status *status, struct pw_err *err)
{
	if (lc->c.closed)
		return pw_err_set(err, PW_EPROTOCOL, "Deze casus is gesloten: sancties horen bij een open casus. (The case is closed.)");
	const struct pw_person *pp = pw_sf_student(&lc->c, in->student);
	if (pp == NULL)
		return pw_err_field(err, PW_EINVAL, "student", "Kies een leerling van deze casus (student). (Choose a student of this case.)");
	const struct pw_rung *g = in->kind ? pw_protocol_rung(lc->p, in->kind) : NULL;
	if (g == NULL)
		return pw_err_field(err, PW_EINVAL, "kind", "Deze sanctie staat niet op de ladder van het protocol. (Not a rung of this protocol.)");
	if (in->reason == NULL || in->reason[0] == '\0')
		return pw_err_field(err, PW_EINVAL, "reason", "Vul reason in.");
	if (in->notice_sent_on > lc->today)
		return pw_err_field(err, PW_EINVAL, "notice_sent_on", "De schriftelijke mededeling kan niet in de toekomst liggen.");
	bool dev = pw_case_deviated(&lc->c);
	if (pw_access_rung(actor, lc->p, &lc->facts, g, false, dev, err) != PW_OK)
		return err->code;
	struct pw_sanction *hist = NULL;
	size_t nh = 0;
	if (pw_sf_history(s, a, lc, pp->student_id, &hist, &nh, err) != PW_OK)
		return err->code;
	struct pw_sanction_ask ask = {.rung = g, .student = pp->student_id, .start_on = in->start_on, .end_on = in->end_on,
				      .heard = (const char **)in->heard, .n_heard = in->n_heard};
	/* The deviation role acts out of the ladder's order only where it has
	 * to: a rung the ladder allows anyway, applied at once, is not marked
	 * as a deviation. */
	bool deviator = dev && lc->p->rules.deviation_by && pw_actor_has_role(actor, lc->row.school_id, lc->p->rules.deviation_by);
	enum pw_status st = pw_sanction_check(lc->p, &lc->cal, lc->today, hist, nh, &ask, status, err);
	if (deviator && (st != PW_OK || g->decides)) {
		ask.direct = true;
		st = pw_sanction_check(lc->p, &lc->cal, lc->today, hist, nh, &ask, status, err);
	}
	if (st != PW_OK)
		return st;
	struct pw_change_item *items = pw_calloc(a, 34, sizeof *items);
	size_t n = 0;
	items[n++] = (struct pw_change_item){
		PW_EV_SANCTION,
		json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:b, s:o, s:o}", "student", (json_int_t)pp->student_id, "key", g->key,
			  "status", pw_sanction_status_key(*status), "text", in->reason, "due", day_json(in->start_on), "on",
			  day_json(in->end_on), "flag", ask.direct, "heard", heard_json(in->heard, in->n_heard),
			  "notice_sent_on", day_json(in->notice_sent_on)),
		0, NULL};
	if (*status == PW_SANCTION_PROPOSED && g->decides)
		n += notices_for_role(s, a, lc, g->decides, actor->user_id, "sanctie_voorstel", items + n, 32);
	else if (lc->row.owner_id && lc->row.owner_id != actor->user_id)
		items[n++] = (struct pw_change_item){PW_EV_NOTE, NULL, lc->row.owner_id, "sanctie"};
	return pw_case_record(s, actor, lc, PW_CASE_SANCTION, NULL, items, n, id, err);
}

enum pw_status pw_sf_decide(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor,
			    struct pw_loaded_case *lc, const struct pw_sf_decision *in, enum pw_sanction_status *status,
			    struct pw_err *err)
{
	if (lc->c.closed)
		return pw_err_set(err, PW_EPROTOCOL, "Deze casus is gesloten: sancties horen bij een open casus. (The case is closed.)");
	struct pw_sanction *sv;
	size_t ns = pw_sanctions_of_events(a, lc->p, lc->row.id, lc->c.events, lc->c.n_events, &sv);
	const struct pw_sanction *sn = NULL;
	for (size_t i = 0; i < ns; i++)
		if (sv[i].id == in->sanction)
			sn = &sv[i];
	if (sn == NULL)
		return pw_err_set(err, PW_ENOTFOUND, "Deze casus heeft deze sanctie niet. (No such sanction on this case.)");
	if (in->reason == NULL || in->reason[0] == '\0')
		return pw_err_field(err, PW_EINVAL, "reason", "Vul reason in.");
	if (sn->rung == NULL)
		return pw_err_set(err, PW_EPROTOCOL, "Deze sanctie staat niet meer in het protocol van de school.");
	if (pw_access_rung(actor, lc->p, &lc->facts, sn->rung, true, false, err) != PW_OK)
		return err->code;
	if (in->notice_sent_on > lc->today)
		return pw_err_field(err, PW_EINVAL, "notice_sent_on", "De schriftelijke mededeling kan niet in de toekomst liggen.");
	struct pw_decision_ask d = {.approve = in->approve, .start_on = in->start_on, .end_on = in->end_on,
				    .heard = (const char **)in->heard, .n_heard = in->n_heard};
	if (pw_sanction_decide_check(lc->p, &lc->cal, sn, lc->c.events, lc->c.n_events, &d, status, err) != PW_OK)
		return err->code;
	/* The law wants the decision told in writing, with its reasons. */
	if (in->approve && lc->p->sanctions.written_notice && in->notice_sent_on == 0)
		return pw_err_field(err, PW_EINVAL, "notice_sent_on",
				    "Het besluit wordt schriftelijk meegedeeld aan de leerling en de ouders: vul de datum in "
				    "(notice_sent_on). (The decision is told in writing: give the date.)");
	struct pw_change_item items[3];
	size_t n = 0;
	items[n++] = (struct pw_change_item){
		PW_EV_DECISION,
		json_pack("{s:I, s:s, s:I, s:s, s:s, s:o, s:o, s:o, s:o}", "ref", (json_int_t)sn->id, "key", sn->rung->key,
			  "student", (json_int_t)sn->student, "status", in->approve ? "approved" : "rejected", "text", in->reason,
			  "due", day_json(in->start_on), "on", day_json(in->end_on), "heard", heard_json(in->heard, in->n_heard),
			  "notice_sent_on", day_json(in->notice_sent_on)),
		0, NULL};
	if (lc->row.owner_id && lc->row.owner_id != actor->user_id)
		items[n++] = (struct pw_change_item){PW_EV_NOTE, NULL, lc->row.owner_id, "sanctie_besluit"};
	if (sn->by && sn->by != lc->row.owner_id && sn->by != actor->user_id)
		items[n++] = (struct pw_change_item){PW_EV_NOTE, NULL, sn->by, "sanctie_besluit"};
	return pw_case_record(s, actor, lc, PW_CASE_DECIDE, NULL, items, n, NULL, err);
}

enum pw_status pw_sf_deviation(struct pw_store *s, const struct pw_actor *actor, struct pw_loaded_case *lc,
			       const char *reason, int64_t *id, struct pw_err *err)
{
	if (lc->c.closed)
		return pw_err_set(err, PW_EPROTOCOL, "Deze casus is gesloten. (The case is closed.)");
	if (reason == NULL || reason[0] == '\0')
		return pw_err_field(err, PW_EINVAL, "reason", "Vul reason in.");
	struct pw_change_item items[2];
	size_t n = 0;
	items[n++] = (struct pw_change_item){PW_EV_DEVIATION, json_pack("{s:s}", "text", reason), 0, NULL};
	if (lc->row.owner_id && lc->row.owner_id != actor->user_id)
		items[n++] = (struct pw_change_item){PW_EV_NOTE, NULL, lc->row.owner_id, "afwijking"};
	return pw_case_record(s, actor, lc, PW_CASE_DEVIATE, NULL, items, n, id, err);
}
