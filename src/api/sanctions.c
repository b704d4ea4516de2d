/* Sanctions on a case: the ladder (PROTOCOL.md, sanctions), proposals and
 * the deciding role's decisions, deviations, and the legal duties they open.
 * The handlers parse and check input, ask the access function which rung the
 * actor may touch, let core/sanction.c decide what the protocol allows, and
 * write through pw_case_record (one transaction with its notices and audit). */
#include <stdlib.h>
#include <string.h>

#include "api/apiutil.h"
#include "app/casework.h"
#include "app/sanctionforms.h"
#include "core/sanction.h"
#include "store/sanctions.h"
#include "util/i18n.h"
#include "util/text.h"
#include "web/app.h"

/* ---- shared (the same input rules as api/cases.c) ---- */



/* The case of the URL, open: sanctions belong to an open case. */
static int open_case(struct pw_req *r, struct pw_actor *a, struct pw_loaded_case *lc)
{
	if (!pw_api_open_case(r, a, lc))
		return 0;
	if (lc->c.closed) {
		pw_api_fail(r, PW_EPROTOCOL, NULL, "Deze casus is gesloten: sancties horen bij een open casus. (The case is closed.)");
		return 0;
	}
	return 1;
}



static void fail_err(struct pw_req *r, struct pw_err *err)
{
	pw_resp_error_json(r, err);
}




/* `heard`: a list of who was heard, as short keys (leerling, ouders, ...). */
#define MAX_HEARD 16
static int heard_list(struct pw_req *r, json_t *j, const char ***out, size_t *n)
{
	json_t *h = json_object_get(j, "heard");
	*out = NULL;
	*n = 0;
	if (h == NULL || json_is_null(h))
		return 1;
	if (!json_is_array(h) || json_array_size(h) > MAX_HEARD) {
		pw_api_fail(r, PW_EINVAL, "heard", "heard is een lijst van wie er gehoord is, bijvoorbeeld [\"leerling\", \"ouders\"].");
		return 0;
	}
	const char **v = pw_calloc(&r->arena, json_array_size(h) + 1, sizeof *v);
	for (size_t i = 0; i < json_array_size(h); i++) {
		const char *s = json_string_value(json_array_get(h, i));
		bool ok = s && *s && strlen(s) <= 40;
		for (const char *c = s; ok && *c; c++)
			ok = (*c >= 'a' && *c <= 'z') || *c == '_';
		if (!ok) {
			pw_api_fail(r, PW_EINVAL, "heard", "Elke naam in heard is een korte sleutel zoals leerling, ouders of docenten.");
			return 0;
		}
		v[(*n)++] = s;
	}
	*out = v;
	return 1;
}

static json_t *heard_json(const char *const *heard, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(heard[i]));
	return a;
}

static const char *student_name(struct pw_arena *a, const struct pw_case *c, int64_t student)
{
	const struct pw_person *pp = pw_sf_student(c, student);
	return pp && pp->name ? pp->name : pw_printf(a, _("leerling %lld"), (long long)student);
}

/* ---- the case view and timeline ---- */

json_t *pw_api_case_sanctions(struct pw_req *r, struct pw_loaded_case *lc)
{
	struct pw_arena *a = &r->arena;
	struct pw_sanction *sv;
	size_t n = pw_sanctions_of_events(a, lc->p, lc->row.id, lc->c.events, lc->c.n_events, &sv);
	json_t *out = json_array();
	if (n == 0)
		return out;
	/* Who was heard and the written notice are kept in the events' data
	 * beyond the engine's fields; without them the rest still shows. */
	struct pw_err err;
	struct pw_sanction_row *rows = NULL;
	size_t nrows = 0;
	if (pw_store_case_sanction_events(r->app->store, a, lc->row.id, &rows, &nrows, &err) != PW_OK)
		nrows = 0;
	for (size_t i = 0; i < n; i++) {
		const struct pw_sanction *s = &sv[i];
		const struct pw_sanction_row *extra = NULL;
		int64_t extra_id = s->decision ? s->decision->id : s->id;
		for (size_t k = 0; k < nrows; k++)
			if (rows[k].ev.id == extra_id)
				extra = &rows[k];
		json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s?, s:s, s:b, s:s?, s:I, s:o, s:o, s:o}", "id", (json_int_t)s->id,
				      "student", (json_int_t)s->student, "student_name", student_name(a, &lc->c, s->student),
				      "kind", s->kind ? s->kind : "", "title", s->rung ? s->rung->titel : NULL, "status",
				      pw_sanction_status_key(s->status), "direct", s->direct, "reason", s->reason, "by",
				      (json_int_t)s->by, "on", pw_api_day(s->on), "start_on", pw_api_day(s->start_on), "end_on",
				      pw_api_day(s->end_on));
		if (s->rung && s->rung->kind == PW_RUNG_SUSPENSION && s->start_on)
			json_object_set_new(o, "days", json_integer(pw_suspension_days(&lc->cal, s->start_on, s->end_on)));
		json_object_set_new(o, "decides", s->rung && s->rung->decides ? json_string(s->rung->decides->key) : json_null());
		json_object_set_new(o, "decided_by", s->decision ? json_integer(s->decision->by) : json_null());
		json_object_set_new(o, "decided_on", pw_api_day(s->decision ? s->decision->day : 0));
		json_object_set_new(o, "decision_reason", s->decision && s->decision->text ? json_string(s->decision->text) : json_null());
		json_object_set_new(o, "heard", heard_json(extra ? extra->heard : NULL, extra ? extra->n_heard : 0));
		json_object_set_new(o, "notice_sent_on", pw_api_day(extra ? extra->notice_sent_on : 0));
		json_array_append_new(out, o);
	}
	return out;
}

static const char *status_words(struct pw_arena *a, const struct pw_rung *g, const char *status)
{
	if (status && strcmp(status, "applied") == 0)
		return _("toegepast");
	if (status && strcmp(status, "approved") == 0)
		return _("goedgekeurd; van kracht zodra de plichten zijn gedaan");
	if (status && strcmp(status, "rejected") == 0)
		return _("afgewezen");
	return g && g->decides ? pw_printf(a, _("voorgesteld; %s beslist"), PW_TR_TITLE(g->decides)) : _("voorgesteld");
}

static const char *days_words(struct pw_arena *a, pw_day start, pw_day end)
{
	if (start == 0)
		return "";
	char s[11], e[11];
	pw_day_format(start, s);
	pw_day_format(end ? end : start, e);
	return pw_printf(a, _(" Van %s tot en met %s."), s, e);
}

const char *pw_api_sanction_text(struct pw_arena *a, const struct pw_case *c, const struct pw_event *e)
{
	const struct pw_event *sanction = e;
	if (e->kind == PW_EV_DECISION) {
		sanction = NULL;
		for (size_t i = 0; i < c->n_events && !sanction; i++)
			if (c->events[i].kind == PW_EV_SANCTION && c->events[i].id == e->ref)
				sanction = &c->events[i];
	}
	const char *key = sanction && sanction->key ? sanction->key : e->key ? e->key : "?";
	const struct pw_rung *g = pw_protocol_rung(c->p, key);
	const char *title = g ? PW_TR_TITLE(g) : key;
	const char *name = sanction ? student_name(a, c, sanction->student) : _("de leerling");
	if (e->kind == PW_EV_DECISION)
		return pw_printf(a, _("Besluit over %s voor %s: %s.%s Reden: %s"), title, name,
				 e->status && strcmp(e->status, "approved") == 0 ? _("goedgekeurd") : _("afgewezen"),
				 days_words(a, e->due, e->on), e->text ? e->text : "");
	return pw_printf(a, _("Sanctie %s voor %s: %s.%s%s Reden: %s"), title, name, status_words(a, g, e->status),
			 e->flag ? _(" Afwijking van het protocol.") : "", days_words(a, e->due, e->on), e->text ? e->text : "");
}

/* ---- actions: parse, then the operations of app/sanctionforms.c ---- */

void pw_h_api_case_sanction_add(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	struct pw_err err;
	json_t *j = NULL;
	if (!open_case(r, &a, &lc) || (j = pw_api_body(r)) == NULL)
		return;
	struct pw_sf_sanction in = {0};
	const char **heard;
	json_t *sj = json_object_get(j, "student");
	in.student = json_is_integer(sj) ? json_integer_value(sj) : 0;
	if (pw_sf_student(&lc.c, in.student) == NULL) {
		pw_api_fail(r, PW_EINVAL, "student", "Kies een leerling van deze casus (student). (Choose a student of this case.)");
		goto out;
	}
	if (!pw_api_text(r, j, "kind", 60, 1, &in.kind) || !pw_api_text(r, j, "reason", 5000, 1, &in.reason) ||
	    !pw_api_date(r, j, "start_on", 0, &in.start_on) || !pw_api_date(r, j, "end_on", 0, &in.end_on) ||
	    !pw_api_date(r, j, "notice_sent_on", 0, &in.notice_sent_on) || !heard_list(r, j, &heard, &in.n_heard))
		goto out;
	in.heard = heard;
	int64_t id = 0;
	enum pw_sanction_status status;
	if (pw_sf_propose(r->app->store, &r->arena, &a, &lc, &in, &id, &status, &err) != PW_OK) {
		fail_err(r, &err);
		goto out;
	}
	pw_resp_json(r, 201, json_pack("{s:I, s:s}", "id", (json_int_t)id, "status", pw_sanction_status_key(status)));
out:
	json_decref(j);
}

void pw_h_api_case_sanction_decision(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	struct pw_err err;
	json_t *j = NULL;
	if (!open_case(r, &a, &lc))
		return;
	struct pw_sf_decision in = {.sanction = pw_api_id(r->params[1])};
	struct pw_sanction *sv;
	size_t ns = pw_sanctions_of_events(&r->arena, lc.p, lc.row.id, lc.c.events, lc.c.n_events, &sv);
	bool known = false;
	for (size_t i = 0; i < ns; i++)
		known |= sv[i].id == in.sanction;
	if (!known) {
		pw_api_fail(r, PW_ENOTFOUND, NULL, "Deze casus heeft deze sanctie niet. (No such sanction on this case.)");
		return;
	}
	if ((j = pw_api_body(r)) == NULL)
		return;
	const char *decision;
	const char **heard;
	if (!pw_api_text(r, j, "decision", 20, 1, &decision) || !pw_api_text(r, j, "reason", 5000, 1, &in.reason) ||
	    !pw_api_date(r, j, "start_on", 0, &in.start_on) || !pw_api_date(r, j, "end_on", 0, &in.end_on) ||
	    !pw_api_date(r, j, "notice_sent_on", 0, &in.notice_sent_on) || !heard_list(r, j, &heard, &in.n_heard))
		goto out;
	in.heard = heard;
	in.approve = strcmp(decision, "approved") == 0;
	if (!in.approve && strcmp(decision, "rejected") != 0) {
		pw_api_fail(r, PW_EINVAL, "decision", "decision is approved of rejected.");
		goto out;
	}
	enum pw_sanction_status status;
	if (pw_sf_decide(r->app->store, &r->arena, &a, &lc, &in, &status, &err) != PW_OK) {
		fail_err(r, &err);
		goto out;
	}
	pw_resp_json(r, 200, json_pack("{s:I, s:s}", "id", (json_int_t)in.sanction, "status", pw_sanction_status_key(status)));
out:
	json_decref(j);
}

void pw_h_api_case_deviation(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	struct pw_err err;
	json_t *j = NULL;
	const char *reason;
	if (!open_case(r, &a, &lc) || (j = pw_api_body(r)) == NULL)
		return;
	if (!pw_api_text(r, j, "reason", 5000, 1, &reason))
		goto out;
	int64_t id = 0;
	if (pw_sf_deviation(r->app->store, &a, &lc, reason, &id, &err) != PW_OK) {
		fail_err(r, &err);
		goto out;
	}
	pw_resp_json(r, 201, json_pack("{s:I, s:b}", "id", (json_int_t)id, "deviation", 1));
out:
	json_decref(j);
}
