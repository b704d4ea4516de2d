/* The case API: a case as JSON, and every action on it. Each handler parses
 * and checks its input, asks the engine (src/core) what the protocol allows,
 * and writes through app/casework, which asks the access function. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/apiutil.h"
#include "app/caseforms.h"
#include "core/school_protocol.h"
#include "store/people.h"
#include "util/clock.h"
#include "web/app.h"
#include "web/layout.h"

/* ---- the case as JSON ---- */

static const char *step_status(enum pw_step_status s)
{
	switch (s) {
	case PW_STEP_OPEN: return "open";
	case PW_STEP_DONE: return "done";
	case PW_STEP_SKIPPED: return "skipped";
	case PW_STEP_BLOCKED: return "blocked";
	}
	return "open";
}

static json_t *case_json(struct pw_req *r, const struct pw_actor *actor, struct pw_loaded_case *lc)
{
	struct pw_arena *a = &r->arena;
	const struct pw_case *c = &lc->c;
	const struct pw_level *level = pw_case_level(c);
	json_t *o = json_pack("{s:I, s:s, s:s, s:I, s:o}", "id", (json_int_t)lc->row.id, "status", c->closed ? "closed" : "open",
			      "level", level ? level->key : lc->row.level, "owner", (json_int_t)lc->row.owner_id, "updated_at",
			      pw_api_time(lc->row.updated_at));
	struct pw_user owner;
	struct pw_err err;
	if (lc->row.owner_id && pw_store_user_get(r->app->store, a, lc->row.owner_id, &owner, &err) == PW_OK)
		json_object_set_new(o, "owner_name", json_string(owner.name));
	json_t *tl = json_array();
	for (size_t i = 0; i < c->n_events; i++) {
		const struct pw_event *e = &c->events[i];
		if (lc->view != PW_VIEW_FULL && !pw_case_own_entry(e, actor->user_id))
			continue;
		json_array_append_new(tl, json_pack("{s:I, s:o, s:I, s:s, s:s}", "id", (json_int_t)e->id, "at", pw_api_time(e->at),
						    "by", (json_int_t)e->by, "kind", pw_event_kind_name(e->kind), "text",
						    pw_case_event_text(a, c, e)));
	}
	json_object_set_new(o, "timeline", tl);
	if (lc->view != PW_VIEW_FULL) {
		json_object_set_new(o, "view", json_string(lc->view == PW_VIEW_REDUCED ? "reduced" : "referral"));
		return o;
	}
	json_object_set_new(o, "view", json_string("full"));
	json_object_set_new(o, "protocol_version", json_integer(lc->row.protocol_version));
	json_object_set_new(o, "consult", json_boolean(pw_case_escalated(c, PW_ESC_CONSULT)));
	json_object_set_new(o, "mt_betrokken", json_boolean(pw_case_escalated(c, PW_ESC_BRING_IN)));
	json_object_set_new(o, "deviation", json_boolean(pw_case_deviated(c)));
	json_t *cy = json_array();
	for (size_t i = 0; i < c->n_cyber; i++)
		json_array_append_new(cy, json_string(c->cyber_kinds[i]));
	json_object_set_new(o, "cyber", cy);
	json_object_set_new(o, "evidence_allowed",
			    json_boolean(!pw_protocol_forbids_evidence(lc->p, c->cyber_kinds, c->n_cyber)));
	json_t *people = json_array();
	for (size_t i = 0; i < c->n_persons; i++) {
		const struct pw_person *pp = &c->persons[i];
		json_array_append_new(people, pp->student_id
						      ? json_pack("{s:I, s:s?, s:s?, s:s}", "student", (json_int_t)pp->student_id, "name",
								  pp->name, "class", pp->class_name, "rol", pp->rol)
						      : json_pack("{s:s, s:s}", "extern", pp->extern_desc, "rol", pp->rol));
	}
	json_object_set_new(o, "betrokkenen", people);
	struct pw_step_view *sv;
	size_t ns = pw_case_steps(a, c, &lc->cal, lc->today, &sv);
	json_t *steps = json_array();
	for (size_t i = 0; i < ns; i++)
		json_array_append_new(steps, json_pack("{s:s, s:s, s:s, s:b, s:o, s:b, s:o, s:I, s:s?, s:s?, s:s?}", "key", sv[i].key,
						       "title", sv[i].step->titel, "status", step_status(sv[i].status), "optional",
						       sv[i].optional, "due_on", pw_api_day(sv[i].due_on), "overdue", sv[i].overdue,
						       "done_at", pw_api_time(sv[i].done_at), "done_by", (json_int_t)sv[i].done_by,
						       "note", sv[i].note, "why_blocked", sv[i].why_blocked, "why_blocked_en",
						       sv[i].why_blocked_en));
	json_object_set_new(o, "steps", steps);
	struct pw_agreement_view *av;
	size_t na = pw_case_agreements(a, c, &av);
	json_t *ag = json_array();
	for (size_t i = 0; i < na; i++)
		json_array_append_new(ag, json_pack("{s:I, s:s, s:o, s:o, s:s?, s:b}", "id", (json_int_t)av[i].id, "text", av[i].text,
						    "made_on", pw_api_day(av[i].made_on), "due_on", pw_api_day(av[i].due_on),
						    "evaluation", av[i].result, "open", av[i].open));
	json_object_set_new(o, "agreements", ag);
	json_t *pc = json_array(), *rf = json_array();
	for (size_t i = 0; i < c->n_events; i++) {
		const struct pw_event *e = &c->events[i];
		if (e->kind == PW_EV_PARENT_CONTACT)
			json_array_append_new(pc, json_pack("{s:I, s:s, s:s?, s:o}", "student", (json_int_t)e->student, "channel",
							    e->key, "summary", e->text, "on", pw_api_day(e->on)));
		else if (e->kind == PW_EV_REFERRAL)
			json_array_append_new(rf, json_pack("{s:I, s:s, s:I, s:s?}", "student", (json_int_t)e->student, "to", e->key,
							    "user", (json_int_t)e->user, "note", e->text));
	}
	json_object_set_new(o, "parent_contacts", pc);
	json_object_set_new(o, "referrals", rf);
	json_object_set_new(o, "sanctions", pw_api_case_sanctions(r, lc));
	json_object_set_new(o, "evidence", pw_api_case_evidence(r, lc));
	/* The advice to bring in management, from the signals' forms and flags. */
	if (pw_case_advises(lc))
		json_object_set_new(o, "advice", json_pack("{s:s, s:s?}", "escalation", lc->p->rules.advice_escalation->key,
							   "text", lc->p->rules.advice_tekst));
	return o;
}

void pw_h_api_case(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	if (!pw_api_open_case(r, &a, &lc))
		return;
	pw_resp_json(r, 200, case_json(r, &a, &lc));
}

void pw_h_api_cases(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	if (!pw_api_auth(r, &a))
		return;
	const char *status = pw_req_query(r, "status"), *mine = pw_req_query(r, "mine");
	if (status && strcmp(status, "open") != 0 && strcmp(status, "closed") != 0) {
		pw_api_fail(r, PW_EINVAL, "status", "status is open of closed.");
		return;
	}
	int limit, offset;
	if (!pw_api_paging(r, &limit, &offset))
		return;
	json_t *items = json_array();
	int64_t total = 0;
	/* The cases shown are recorded as read together, in one group commit. */
	size_t nshown = 0, capshown = 64;
	int64_t *shown = pw_calloc(&r->arena, capshown, sizeof *shown);
	enum pw_case_view *views = pw_calloc(&r->arena, capshown, sizeof *views);
	/* Every case of the user's schools goes past the access function; one
	 * may see only some. */
	for (size_t f = 0; f < a.nfuncties; f++) {
		int64_t school = a.functies[f].school_id;
		bool seen = false;
		for (size_t k = 0; k < f; k++)
			seen |= a.functies[k].school_id == school;
		if (seen)
			continue;
		int64_t *ids;
		size_t n;
		if (pw_cases_for(r->app->store, &r->arena, &a, school, status, &ids, &n, &err) != PW_OK) {
			json_decref(items);
			pw_resp_error_json(r, &err);
			return;
		}
		for (size_t i = 0; i < n; i++) {
			struct pw_loaded_case lc;
			struct pw_arena scratch;
			pw_arena_init(&scratch);
			if (pw_case_open_unaudited(r->app->store, &scratch, &a, ids[i], &lc, &err) != PW_OK) {
				pw_arena_free(&scratch);
				continue;
			}
			if (mine == NULL || strcmp(mine, "1") != 0 || lc.row.owner_id == a.user_id) {
				if (total >= offset && (int64_t)json_array_size(items) < limit) {
					if (nshown == capshown) {
						int64_t *ns = pw_calloc(&r->arena, 2 * capshown, sizeof *ns);
						enum pw_case_view *nv = pw_calloc(&r->arena, 2 * capshown, sizeof *nv);
						memcpy(ns, shown, capshown * sizeof *ns);
						memcpy(nv, views, capshown * sizeof *nv);
						shown = ns;
						views = nv;
						capshown *= 2;
					}
					shown[nshown] = lc.row.id;
					views[nshown++] = lc.view;
					json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:I, s:o, s:s}", "id",
									       (json_int_t)lc.row.id, "status", lc.row.status,
									       "level", lc.row.level, "owner",
									       (json_int_t)lc.row.owner_id, "updated_at",
									       pw_api_time(lc.row.updated_at), "view",
									       lc.view == PW_VIEW_FULL      ? "full"
									       : lc.view == PW_VIEW_REFERRAL ? "referral"
													     : "reduced"));
				}
				total++;
			}
			pw_case_done(&lc);
			pw_arena_free(&scratch);
		}
	}
	if (pw_case_audit_reads(r->app->store, &r->arena, &a, shown, views, nshown, &err) != PW_OK) {
		json_decref(items);
		pw_resp_error_json(r, &err);
		return;
	}
	pw_resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total));
}

/* ---- actions: JSON in, the shared case actions (app/caseforms.c), the case out ---- */

static void done(struct pw_req *r, struct pw_actor *a, struct pw_loaded_case *lc, int status)
{
	/* Answer with the case as it now stands. */
	struct pw_err err;
	struct pw_loaded_case again;
	if (pw_case_open(r->app->store, &r->arena, a, lc->row.id, &again, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	pw_resp_json(r, status, case_json(r, a, &again));
	pw_case_done(&again);
}


static int closed_refused(struct pw_req *r, struct pw_loaded_case *lc)
{
	struct pw_err err;
	if (pw_cf_open_only(lc, &err) == PW_OK)
		return 0;
	pw_resp_error_json(r, &err);
	return 1;
}

/* One action on a case: who acts, the case, the change it builds, the body. */
struct action {
	struct pw_actor a;
	struct pw_loaded_case lc;
	struct pw_case_change ch;
	struct pw_err err;
	json_t *j;
};

/* Opens the case (refused once closed when open_only) and parses the JSON
 * body; 0 when it answered already. The handler json_decrefs x->j. */
static int begin(struct pw_req *r, struct action *x, bool open_only)
{
	x->j = NULL;
	return pw_api_open_case(r, &x->a, &x->lc) && (!open_only || !closed_refused(r, &x->lc)) &&
	       (x->j = pw_api_body(r)) != NULL;
}

/* Writes the change the action built (or answers the error that built none)
 * and answers with the case. */
static void apply(struct pw_req *r, struct action *x, enum pw_status built)
{
	if (built != PW_OK || pw_case_change_write(r->app->store, &x->a, &x->lc, &x->ch, &x->err) != PW_OK) {
		pw_resp_error_json(r, &x->err);
		return;
	}
	done(r, &x->a, &x->lc, x->ch.created ? 201 : 200);
}

void pw_h_api_case_step(struct pw_req *r)
{
	struct action x;
	if (!begin(r, &x, true))
		return;
	const char *status, *note;
	if (!pw_api_text(r, x.j, "status", 10, 1, &status) || !pw_api_text(r, x.j, "note", 2000, 0, &note))
		goto out;
	bool skip = strcmp(status, "skipped") == 0;
	if (!skip && strcmp(status, "done") != 0) {
		pw_api_fail(r, PW_EINVAL, "status", "status is done of skipped.");
		goto out;
	}
	apply(r, &x, pw_cf_step(&r->arena, &x.lc, r->params[1], skip, note, &x.ch, &x.err));
out:
	json_decref(x.j);
}

void pw_h_api_case_note(struct pw_req *r)
{
	struct action x;
	const char *t;
	if (!begin(r, &x, false))
		return;
	if (pw_api_text(r, x.j, "text", 10000, 1, &t))
		apply(r, &x, pw_cf_note(&r->arena, t, &x.ch, &x.err));
	json_decref(x.j);
}

void pw_h_api_case_conversation(struct pw_req *r)
{
	struct action x;
	if (!begin(r, &x, true))
		return;
	const char *kind_key;
	if (!pw_api_text(r, x.j, "kind", 60, 1, &kind_key))
		goto out;
	json_t *st = json_object_get(x.j, "students"), *ans = json_object_get(x.j, "answers"), *ag = json_object_get(x.j, "agreements");
	if ((st && !json_is_array(st)) || (ans && !json_is_object(ans) && !json_is_null(ans)) || (ag && !json_is_array(ag) && !json_is_null(ag))) {
		pw_api_fail(r, PW_EINVAL, NULL, "students is een lijst van ids, answers een object, agreements een lijst.");
		goto out;
	}
	size_t n = st ? json_array_size(st) : 0, nag = json_is_array(ag) ? json_array_size(ag) : 0;
	int64_t *ids = pw_calloc(&r->arena, n + 1, sizeof *ids);
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_array_get(st, i);
		ids[i] = json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
	}
	struct pw_cf_agreement *agv = pw_calloc(&r->arena, nag + 1, sizeof *agv);
	for (size_t i = 0; i < nag; i++) {
		json_t *o = json_array_get(ag, i);
		if (!json_is_object(o)) {
			pw_api_fail(r, PW_EINVAL, "agreements", "Elke afspraak is {text, due_on}.");
			goto out;
		}
		if (!pw_api_text(r, o, "text", 2000, 1, &agv[i].text) || !pw_api_date(r, o, "due_on", 0, &agv[i].due))
			goto out;
	}
	apply(r, &x,
	      pw_cf_conversation(&r->arena, &x.lc, kind_key, ids, n, json_is_object(ans) ? ans : NULL, agv, nag, &x.ch, &x.err));
out:
	json_decref(x.j);
}

void pw_h_api_case_parent_contact(struct pw_req *r)
{
	struct action x;
	if (!begin(r, &x, true))
		return;
	const char *channel, *summary;
	pw_day on;
	json_t *st = json_object_get(x.j, "student");
	if (!pw_api_text(r, x.j, "channel", 20, 1, &channel) || !pw_api_text(r, x.j, "summary", 5000, 0, &summary) || !pw_api_date(r, x.j, "on", 0, &on))
		goto out;
	apply(r, &x,
	      pw_cf_parent_contact(&r->arena, &x.lc, json_is_integer(st) ? (int64_t)json_integer_value(st) : 0, channel, summary,
				   on, &x.ch, &x.err));
out:
	json_decref(x.j);
}

void pw_h_api_case_evaluation(struct pw_req *r)
{
	struct action x;
	if (!begin(r, &x, true))
		return;
	const char *result, *note;
	if (pw_api_text(r, x.j, "result", 40, 1, &result) && pw_api_text(r, x.j, "note", 5000, 0, &note))
		apply(r, &x,
		      pw_cf_evaluation(r->app->store, &r->arena, &x.lc, pw_api_id(r->params[1]), result, note, &x.ch, &x.err));
	json_decref(x.j);
}

void pw_h_api_case_escalation(struct pw_req *r)
{
	struct action x;
	if (!begin(r, &x, true))
		return;
	const char *to, *reason;
	json_t *uj = json_object_get(x.j, "user");
	if (pw_api_text(r, x.j, "to", 60, 1, &to) && pw_api_text(r, x.j, "reason", 5000, 0, &reason))
		apply(r, &x,
		      pw_cf_escalation(r->app->store, &r->arena, &x.a, &x.lc, to, reason,
				       json_is_integer(uj) ? (int64_t)json_integer_value(uj) : 0, &x.ch, &x.err));
	json_decref(x.j);
}

void pw_h_api_case_owner(struct pw_req *r)
{
	struct action x;
	if (!begin(r, &x, true))
		return;
	const char *reason;
	json_t *uj = json_object_get(x.j, "user");
	if (pw_api_text(r, x.j, "reason", 2000, 1, &reason))
		apply(r, &x,
		      pw_cf_owner(r->app->store, &r->arena, &x.lc, json_is_integer(uj) ? (int64_t)json_integer_value(uj) : 0, reason,
				  &x.ch, &x.err));
	json_decref(x.j);
}

void pw_h_api_case_close(struct pw_req *r)
{
	struct action x;
	if (!begin(r, &x, true))
		return;
	const char *outcome, *reason;
	pw_day follow;
	if (pw_api_text(r, x.j, "outcome", 5000, 1, &outcome) && pw_api_text(r, x.j, "reason", 5000, 0, &reason) &&
	    pw_api_date(r, x.j, "follow_up_on", 0, &follow))
		apply(r, &x, pw_cf_close(r->app->store, &r->arena, &x.lc, outcome, reason, follow, &x.ch, &x.err));
	json_decref(x.j);
}
