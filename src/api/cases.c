/* The case API: a case as JSON, and every action on it. Each handler parses
 * and checks its input, asks the engine (src/core) what the protocol allows,
 * and writes through app/casework, which asks the access function. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/casework.h"
#include "core/school_protocol.h"
#include "store/people.h"
#include "util/clock.h"
#include "web/app.h"
#include "web/layout.h"

/* ---- shared ---- */

static int64_t parse_id(const char *s)
{
	char *end;
	long long v = s ? strtoll(s, &end, 10) : 0;
	return s && *s && *end == '\0' && v > 0 ? v : 0;
}

static void release_case(void *p)
{
	pw_case_done(p);
}

/* Authenticates and loads the case in the URL; 0 after answering. */
static int open_case(struct pw_req *r, struct pw_actor *a, struct pw_loaded_case *lc)
{
	struct pw_err err;
	if (!pw_api_auth(r, a))
		return 0;
	int64_t id = parse_id(r->params[0]);
	if (id == 0) {
		pw_err_set(&err, PW_ENOTFOUND, "Deze casus bestaat niet (case not found).");
		pw_resp_error_json(r, &err);
		return 0;
	}
	if (pw_case_open(r->app->store, &r->arena, a, id, lc, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return 0;
	}
	/* The handler's loaded case lives on its stack; what must be released
	 * (the signals' JSON) is reached through the arena when the request ends. */
	struct pw_loaded_case *keep = pw_alloc(&r->arena, sizeof *keep);
	*keep = *lc;
	pw_req_defer(r, release_case, keep);
	return 1;
}

static json_t *body(struct pw_req *r)
{
	struct pw_err err;
	json_t *j = pw_json_parse_body(r->body.data ? r->body.data : "", r->body.len, &err);
	if (j == NULL)
		pw_resp_error_json(r, &err);
	return j;
}

static void fail(struct pw_req *r, enum pw_status code, const char *field, const char *msg)
{
	struct pw_err err;
	if (field)
		pw_err_field(&err, code, field, "%s", msg);
	else
		pw_err_set(&err, code, "%s", msg);
	pw_resp_error_json(r, &err);
}

/* A text field: required or optional, at most max bytes, clean text. */
static int text(struct pw_req *r, json_t *j, const char *key, size_t max, int required, const char **out)
{
	json_t *v = json_object_get(j, key);
	*out = NULL;
	if (v == NULL || json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0)) {
		if (!required)
			return 1;
		fail(r, PW_EINVAL, key, pw_printf(&r->arena, "Vul %s in.", key));
		return 0;
	}
	if (!json_is_string(v) || json_string_length(v) > max || !pw_utf8_valid_text(json_string_value(v), json_string_length(v))) {
		fail(r, PW_EINVAL, key, pw_printf(&r->arena, "%s moet tekst zijn van hoogstens %zu tekens.", key, max));
		return 0;
	}
	*out = json_string_value(v);
	return 1;
}

static int date(struct pw_req *r, json_t *j, const char *key, int required, pw_day *out)
{
	const char *s;
	*out = 0;
	if (!text(r, j, key, 10, required, &s))
		return 0;
	if (s && pw_day_parse(s, out) != 0) {
		fail(r, PW_EINVAL, key, pw_printf(&r->arena, "%s moet een datum zijn (JJJJ-MM-DD).", key));
		return 0;
	}
	return 1;
}

static json_t *day_json(pw_day d)
{
	char s[11];
	if (d == 0)
		return json_null();
	pw_day_format(d, s);
	return json_string(s);
}

static json_t *time_json(int64_t t)
{
	char s[32];
	if (t == 0)
		return json_null();
	pw_time_rfc3339(t, s, sizeof s);
	return json_string(s);
}

static const struct pw_person *person(const struct pw_case *c, int64_t student)
{
	for (size_t i = 0; i < c->n_persons; i++)
		if (c->persons[i].student_id == student)
			return &c->persons[i];
	return NULL;
}

static bool escalated(const struct pw_case *c, enum pw_esc_kind kind)
{
	for (size_t i = 0; i < c->n_events; i++)
		if (c->events[i].kind == PW_EV_ESCALATION) {
			const struct pw_escalation *e = pw_protocol_escalation(c->p, c->events[i].key);
			if (e && e->kind == kind)
				return true;
		}
	return false;
}

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

/* The timeline entry of an event, in words. */
static const char *event_text(struct pw_arena *a, const struct pw_case *c, const struct pw_event *e)
{
	const struct pw_protocol *p = c->p;
	switch (e->kind) {
	case PW_EV_OPENED: {
		const struct pw_level *l = pw_protocol_level(p, e->key);
		return pw_printf(a, "Casus geopend: %s.%s%s", l ? l->titel : e->key, e->text ? " " : "", e->text ? e->text : "");
	}
	case PW_EV_SIGNAL:
		return e->status ? pw_printf(a, "Melding (systematisch: %s) toegevoegd als informatie.", e->status)
				 : e->flag ? "Nieuwe melding: herhaling." : "Melding toegevoegd.";
	case PW_EV_PERSON: return pw_printf(a, "Betrokkene toegevoegd als %s.", e->key);
	case PW_EV_LEVEL: {
		const struct pw_level *l = pw_protocol_level(p, e->key);
		return pw_printf(a, "Naar %s. %s", l ? l->titel : e->key, e->text ? e->text : "");
	}
	case PW_EV_OWNER: return e->user ? (e->text ? pw_printf(a, "Nieuwe eigenaar. %s", e->text) : "Eigenaar toegewezen.")
					 : "Geen eigenaar gevonden: de CLZ wijst er een toe.";
	case PW_EV_STEP: {
		long long sid;
		const struct pw_step *s = pw_protocol_step_instance(p, e->key, &sid);
		return pw_printf(a, "%s: %s%s%s", s ? s->titel : e->key, strcmp(e->status, "skipped") == 0 ? "overgeslagen" : "afgerond",
				 e->text ? ". " : ".", e->text ? e->text : "");
	}
	case PW_EV_CONVERSATION: {
		const struct pw_kind *k = pw_protocol_kind(p, e->key);
		return pw_printf(a, "%s gevoerd.", k ? k->titel : e->key);
	}
	case PW_EV_AGREEMENT: return pw_printf(a, "Afspraak: %s", e->text);
	case PW_EV_EVALUATION: {
		const struct pw_eval_outcome *o = pw_protocol_outcome(p, e->key);
		return pw_printf(a, "Afspraak geëvalueerd: %s.%s%s", o ? o->titel : e->key, e->text ? " " : "", e->text ? e->text : "");
	}
	case PW_EV_PARENT_CONTACT: return pw_printf(a, "Contact met ouders (%s): %s", e->key, e->text ? e->text : "");
	case PW_EV_REFERRAL: {
		const struct pw_referral *f = pw_protocol_referral(p, e->key);
		return pw_printf(a, "Doorverwezen naar %s.%s%s", f ? f->titel : e->key, e->text ? " " : "", e->text ? e->text : "");
	}
	case PW_EV_ESCALATION: {
		const struct pw_escalation *x = pw_protocol_escalation(p, e->key);
		return pw_printf(a, "%s. %s", x ? x->titel : e->key, e->text ? e->text : "");
	}
	case PW_EV_DEVIATION: return pw_printf(a, "Afwijken van het protocol: %s", e->text);
	case PW_EV_NOTE: return e->text;
	case PW_EV_CLOSED: return pw_printf(a, "Casus gesloten: %s%s%s", e->text ? e->text : "", e->status ? " Reden: " : "",
					    e->status ? e->status : "");
	case PW_EV_REOPENED: return pw_printf(a, "Casus heropend. %s", e->text ? e->text : "");
	case PW_EV_SANCTION:
	case PW_EV_DECISION: return pw_api_sanction_text(a, c, e);
	case PW_EV_CONFIDENTIAL: return "Vertrouwelijke aantekening van de vertrouwenspersoon (alleen voor haar of hem).";
	}
	return "";
}

/* Entries a reduced or referral view shows: one's own signals and notes,
 * and what was referred to oneself. */
static bool own_entry(const struct pw_event *e, int64_t user)
{
	return (e->by == user && (e->kind == PW_EV_SIGNAL || e->kind == PW_EV_NOTE || e->kind == PW_EV_OPENED)) ||
	       (e->kind == PW_EV_REFERRAL && e->user == user);
}

static json_t *case_json(struct pw_req *r, const struct pw_actor *actor, struct pw_loaded_case *lc)
{
	struct pw_arena *a = &r->arena;
	const struct pw_case *c = &lc->c;
	const struct pw_level *level = pw_case_level(c);
	json_t *o = json_pack("{s:I, s:s, s:s, s:I, s:o}", "id", (json_int_t)lc->row.id, "status", c->closed ? "closed" : "open",
			      "level", level ? level->key : lc->row.level, "owner", (json_int_t)lc->row.owner_id, "updated_at",
			      time_json(lc->row.updated_at));
	struct pw_user owner;
	struct pw_err err;
	if (lc->row.owner_id && pw_store_user_get(r->app->store, a, lc->row.owner_id, &owner, &err) == PW_OK)
		json_object_set_new(o, "owner_name", json_string(owner.name));
	json_t *tl = json_array();
	for (size_t i = 0; i < c->n_events; i++) {
		const struct pw_event *e = &c->events[i];
		if (lc->view != PW_VIEW_FULL && !own_entry(e, actor->user_id))
			continue;
		json_array_append_new(tl, json_pack("{s:I, s:o, s:I, s:s, s:s}", "id", (json_int_t)e->id, "at", time_json(e->at),
						    "by", (json_int_t)e->by, "kind", pw_event_kind_name(e->kind), "text",
						    event_text(a, c, e)));
	}
	json_object_set_new(o, "timeline", tl);
	if (lc->view != PW_VIEW_FULL) {
		json_object_set_new(o, "view", json_string(lc->view == PW_VIEW_REDUCED ? "reduced" : "referral"));
		return o;
	}
	json_object_set_new(o, "view", json_string("full"));
	json_object_set_new(o, "protocol_version", json_integer(lc->row.protocol_version));
	json_object_set_new(o, "consult", json_boolean(escalated(c, PW_ESC_CONSULT)));
	json_object_set_new(o, "mt_betrokken", json_boolean(escalated(c, PW_ESC_BRING_IN)));
	bool dev = false;
	for (size_t i = 0; i < c->n_events; i++)
		dev |= c->events[i].kind == PW_EV_DEVIATION;
	json_object_set_new(o, "deviation", json_boolean(dev));
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
						       sv[i].optional, "due_on", day_json(sv[i].due_on), "overdue", sv[i].overdue,
						       "done_at", time_json(sv[i].done_at), "done_by", (json_int_t)sv[i].done_by,
						       "note", sv[i].note, "why_blocked", sv[i].why_blocked, "why_blocked_en",
						       sv[i].why_blocked_en));
	json_object_set_new(o, "steps", steps);
	struct pw_agreement_view *av;
	size_t na = pw_case_agreements(a, c, &av);
	json_t *ag = json_array();
	for (size_t i = 0; i < na; i++)
		json_array_append_new(ag, json_pack("{s:I, s:s, s:o, s:o, s:s?, s:b}", "id", (json_int_t)av[i].id, "text", av[i].text,
						    "made_on", day_json(av[i].made_on), "due_on", day_json(av[i].due_on),
						    "evaluation", av[i].result, "open", av[i].open));
	json_object_set_new(o, "agreements", ag);
	json_t *pc = json_array(), *rf = json_array();
	for (size_t i = 0; i < c->n_events; i++) {
		const struct pw_event *e = &c->events[i];
		if (e->kind == PW_EV_PARENT_CONTACT)
			json_array_append_new(pc, json_pack("{s:I, s:s, s:s?, s:o}", "student", (json_int_t)e->student, "channel",
							    e->key, "summary", e->text, "on", day_json(e->on)));
		else if (e->kind == PW_EV_REFERRAL)
			json_array_append_new(rf, json_pack("{s:I, s:s, s:I, s:s?}", "student", (json_int_t)e->student, "to", e->key,
							    "user", (json_int_t)e->user, "note", e->text));
	}
	json_object_set_new(o, "parent_contacts", pc);
	json_object_set_new(o, "referrals", rf);
	json_object_set_new(o, "sanctions", pw_api_case_sanctions(r, lc));
	json_object_set_new(o, "evidence", json_array());
	/* The advice to bring in management, from the signals' forms and flags. */
	bool advise = false;
	for (size_t i = 0; i < lc->n_signals; i++) {
		json_t *d = lc->signals[i].data;
		struct pw_signal s = {0};
		const char *vormen[64];
		struct pw_flag_value fl[16];
		json_t *v = json_object_get(d, "vormen"), *f = json_object_get(d, "flags");
		for (size_t k = 0; json_is_array(v) && k < json_array_size(v) && k < 64; k++)
			vormen[s.n_vormen++] = json_string_value(json_array_get(v, k));
		const char *fk;
		json_t *fv;
		json_object_foreach(f, fk, fv) if (s.n_flags < 16) fl[s.n_flags++] = (struct pw_flag_value){fk, NULL};
		s.vormen = vormen;
		s.flags = fl;
		advise |= pw_signal_advises(lc->p, &s);
	}
	if (advise && !escalated(c, PW_ESC_BRING_IN) && lc->p->rules.advice_escalation)
		json_object_set_new(o, "advice", json_pack("{s:s, s:s?}", "escalation", lc->p->rules.advice_escalation->key,
							   "text", lc->p->rules.advice_tekst));
	return o;
}

void pw_h_api_case(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	if (!open_case(r, &a, &lc))
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
		fail(r, PW_EINVAL, "status", "status is open of closed.");
		return;
	}
	int limit, offset;
	if (!pw_api_paging(r, &limit, &offset))
		return;
	json_t *items = json_array();
	int64_t total = 0;
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
		if (pw_store_cases_of_school(r->app->store, &r->arena, school, status, &ids, &n, &err) != PW_OK) {
			json_decref(items);
			pw_resp_error_json(r, &err);
			return;
		}
		for (size_t i = 0; i < n; i++) {
			struct pw_loaded_case lc;
			struct pw_arena scratch;
			pw_arena_init(&scratch);
			if (pw_case_open(r->app->store, &scratch, &a, ids[i], &lc, &err) != PW_OK) {
				pw_arena_free(&scratch);
				continue;
			}
			if (mine == NULL || strcmp(mine, "1") != 0 || lc.row.owner_id == a.user_id) {
				if (total >= offset && (int64_t)json_array_size(items) < limit)
					json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:I, s:o, s:s}", "id",
									       (json_int_t)lc.row.id, "status", lc.row.status,
									       "level", lc.row.level, "owner",
									       (json_int_t)lc.row.owner_id, "updated_at",
									       time_json(lc.row.updated_at), "view",
									       lc.view == PW_VIEW_FULL ? "full" : "reduced"));
				total++;
			}
			pw_case_done(&lc);
			pw_arena_free(&scratch);
		}
	}
	pw_resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total));
}

/* ---- actions ---- */

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

static void record(struct pw_req *r, struct pw_actor *a, struct pw_loaded_case *lc, enum pw_case_act act,
		   const struct pw_step *step, struct pw_change_item *items, size_t n, int status)
{
	struct pw_err err;
	if (pw_case_record(r->app->store, a, lc, act, step, items, n, NULL, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	done(r, a, lc, status);
}

static int closed_refused(struct pw_req *r, struct pw_loaded_case *lc)
{
	if (!lc->c.closed)
		return 0;
	fail(r, PW_EPROTOCOL, NULL, "Deze casus is gesloten. Een nieuwe melding over dezelfde leerlingen heropent hem als het protocol dat zegt. (The case is closed.)");
	return 1;
}

void pw_h_api_case_step(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	json_t *j = NULL;
	if (!open_case(r, &a, &lc) || closed_refused(r, &lc) || (j = body(r)) == NULL)
		return;
	const char *status, *note;
	if (!text(r, j, "status", 10, 1, &status) || !text(r, j, "note", 2000, 0, &note))
		goto out;
	bool skip = strcmp(status, "skipped") == 0;
	if (!skip && strcmp(status, "done") != 0) {
		fail(r, PW_EINVAL, "status", "status is done of skipped.");
		goto out;
	}
	if (skip && note == NULL) {
		fail(r, PW_EINVAL, "note", "Een stap overslaan kan alleen met een reden (note).");
		goto out;
	}
	struct pw_step_view *sv;
	size_t ns = pw_case_steps(&r->arena, &lc.c, &lc.cal, lc.today, &sv);
	const struct pw_step_view *v = NULL;
	for (size_t i = 0; i < ns; i++)
		if (strcmp(sv[i].key, r->params[1]) == 0)
			v = &sv[i];
	if (v == NULL) {
		fail(r, PW_ENOTFOUND, NULL, "Deze casus heeft deze stap niet (no such step on this case).");
		goto out;
	}
	if (v->status == PW_STEP_DONE || v->status == PW_STEP_SKIPPED) {
		fail(r, PW_EPROTOCOL, NULL, "Deze stap is al afgerond of overgeslagen. (This step is already settled.)");
		goto out;
	}
	if (!skip && v->status == PW_STEP_BLOCKED) {
		fail(r, PW_EPROTOCOL, NULL,
		     pw_printf(&r->arena, "Het protocol vraagt eerst iets anders. %s (%s)", v->why_blocked, v->why_blocked_en));
		goto out;
	}
	struct pw_change_item it = {PW_EV_STEP, json_pack("{s:s, s:s, s:s?}", "key", v->key, "status", status, "text", note), 0, NULL};
	record(r, &a, &lc, skip ? PW_CASE_SKIP : PW_CASE_STEP, v->step, &it, 1, 200);
out:
	json_decref(j);
}

void pw_h_api_case_note(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	json_t *j = NULL;
	const char *t;
	if (!open_case(r, &a, &lc) || (j = body(r)) == NULL)
		return;
	if (text(r, j, "text", 10000, 1, &t)) {
		struct pw_change_item it = {PW_EV_NOTE, json_pack("{s:s}", "text", t), 0, NULL};
		record(r, &a, &lc, PW_CASE_NOTE, NULL, &it, 1, 201);
	}
	json_decref(j);
}

/* Whether a student of the case has one of the kind's roles. */
static bool kind_fits(const struct pw_kind *k, const struct pw_person *pp)
{
	for (size_t i = 0; i < k->n_with; i++)
		if (strcmp(k->with[i]->key, pp->rol) == 0)
			return true;
	return false;
}

void pw_h_api_case_conversation(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	json_t *j = NULL;
	if (!open_case(r, &a, &lc) || closed_refused(r, &lc) || (j = body(r)) == NULL)
		return;
	const char *kind_key;
	if (!text(r, j, "kind", 60, 1, &kind_key))
		goto out;
	const struct pw_kind *k = pw_protocol_kind(lc.p, kind_key);
	if (k == NULL) {
		fail(r, PW_EINVAL, "kind", "Dit soort gesprek kent het protocol niet.");
		goto out;
	}
	json_t *st = json_object_get(j, "students"), *ans = json_object_get(j, "answers"), *ag = json_object_get(j, "agreements");
	if ((st && !json_is_array(st)) || (ans && !json_is_object(ans) && !json_is_null(ans)) || (ag && !json_is_array(ag) && !json_is_null(ag))) {
		fail(r, PW_EINVAL, NULL, "students is een lijst van ids, answers een object, agreements een lijst.");
		goto out;
	}
	json_t *students = json_array();
	size_t n = st ? json_array_size(st) : 0;
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_array_get(st, i);
		const struct pw_person *pp = json_is_integer(v) ? person(&lc.c, json_integer_value(v)) : NULL;
		if (pp == NULL || (!k->whole_class && !kind_fits(k, pp))) {
			json_decref(students);
			fail(r, PW_EINVAL, "students",
			     pp ? pw_printf(&r->arena, "Een %s heeft geen rol die bij dit gesprek hoort.", pp->rol)
				: "Elke leerling van het gesprek moet in de casus staan.");
			goto out;
		}
		json_array_append_new(students, json_integer(pp->student_id));
	}
	if (n == 0 && !k->whole_class) {
		json_decref(students);
		fail(r, PW_EINVAL, "students", "Kies met welke leerling(en) het gesprek was.");
		goto out;
	}
	/* Answers belong to the guide's questions. */
	json_t *answers = json_object();
	const char *qk;
	json_t *qv;
	json_object_foreach(ans, qk, qv)
	{
		bool known = false;
		for (size_t p = 0; k->guide && p < k->guide->n_parts && !known; p++)
			for (size_t q = 0; q < k->guide->parts[p].n_questions; q++)
				known |= strcmp(k->guide->parts[p].questions[q].key, qk) == 0;
		if (!known || !json_is_string(qv) || json_string_length(qv) > 5000 ||
		    !pw_utf8_valid_text(json_string_value(qv), json_string_length(qv))) {
			json_decref(students);
			json_decref(answers);
			fail(r, PW_EINVAL, "answers", pw_printf(&r->arena, "\"%s\" is geen vraag uit de gespreksleidraad (of het antwoord is te lang).", qk));
			goto out;
		}
		json_object_set(answers, qk, qv);
	}
	size_t nag = ag && json_is_array(ag) ? json_array_size(ag) : 0;
	if (nag && !k->agreements) {
		json_decref(students);
		json_decref(answers);
		fail(r, PW_EINVAL, "agreements", "In dit soort gesprek worden geen afspraken vastgelegd.");
		goto out;
	}
	struct pw_change_item *items = pw_calloc(&r->arena, nag + 1, sizeof *items);
	items[0] = (struct pw_change_item){PW_EV_CONVERSATION,
					   json_pack("{s:s, s:o, s:o}", "key", k->key, "students", students, "answers", answers), 0,
					   NULL};
	for (size_t i = 0; i < nag; i++) {
		json_t *o = json_array_get(ag, i);
		const char *t;
		pw_day due;
		if (!json_is_object(o) || !text(r, o, "text", 2000, 1, &t) || !date(r, o, "due_on", 0, &due))
			goto bad_agreement;
		if (due == 0)
			due = pw_cal_add_school_days(&lc.cal, lc.today, lc.p->rules.agreement_days);
		if (due < lc.today) {
			fail(r, PW_EINVAL, "agreements", "De evaluatiedatum van een afspraak ligt in het verleden.");
			goto bad_agreement;
		}
		items[i + 1] = (struct pw_change_item){PW_EV_AGREEMENT,
						       json_pack("{s:s, s:o, s:I}", "text", t, "due", day_json(due), "ref",
								 (json_int_t)-1),
						       0, NULL};
		continue;
	bad_agreement:
		for (size_t k2 = 0; k2 <= i; k2++)
			json_decref(items[k2].data);
		if (r->status == 0)
			fail(r, PW_EINVAL, "agreements", "Elke afspraak is {text, due_on}.");
		goto out;
	}
	record(r, &a, &lc, PW_CASE_WORK, NULL, items, nag + 1, 201);
out:
	json_decref(j);
}

static const char *const CHANNELS[] = {"mail", "telefoon", "gesprek", "brief"};

void pw_h_api_case_parent_contact(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	json_t *j = NULL;
	if (!open_case(r, &a, &lc) || closed_refused(r, &lc) || (j = body(r)) == NULL)
		return;
	const char *channel, *summary;
	pw_day on;
	json_t *st = json_object_get(j, "student");
	if (!text(r, j, "channel", 20, 1, &channel) || !text(r, j, "summary", 5000, 0, &summary) || !date(r, j, "on", 0, &on))
		goto out;
	bool ok = false;
	for (size_t i = 0; i < 4; i++)
		ok |= strcmp(channel, CHANNELS[i]) == 0;
	if (!ok) {
		fail(r, PW_EINVAL, "channel", "channel is mail, telefoon, gesprek of brief.");
		goto out;
	}
	if (!json_is_integer(st) || person(&lc.c, json_integer_value(st)) == NULL) {
		fail(r, PW_EINVAL, "student", "Kies de leerling van de casus over wie de ouders zijn ingelicht.");
		goto out;
	}
	if (on == 0)
		on = lc.today;
	if (on > lc.today) {
		fail(r, PW_EINVAL, "on", "Het contact kan niet in de toekomst liggen.");
		goto out;
	}
	struct pw_change_item it = {PW_EV_PARENT_CONTACT,
				    json_pack("{s:s, s:I, s:s?, s:o}", "key", channel, "student", (json_int_t)json_integer_value(st),
					      "text", summary, "on", day_json(on)),
				    0, NULL};
	record(r, &a, &lc, PW_CASE_WORK, NULL, &it, 1, 201);
out:
	json_decref(j);
}

/* Moves the case to level l: a level event, the new owner, and telling them. */
static size_t escalate_items(struct pw_req *r, struct pw_loaded_case *lc, const struct pw_level *l, const char *why,
			     struct pw_change_item *items)
{
	struct pw_err err;
	struct pw_staff *staff;
	size_t nstaff = 0, n = 0;
	pw_store_school_staff(r->app->store, &r->arena, lc->row.school_id, &staff, &nstaff, &err);
	int64_t owner = pw_case_owner_for(lc->p, l, lc->c.persons, lc->c.n_persons, staff, nstaff);
	items[n++] = (struct pw_change_item){PW_EV_LEVEL, json_pack("{s:s, s:s?}", "key", l->key, "text", why), 0, NULL};
	if (owner != lc->row.owner_id)
		items[n++] = (struct pw_change_item){PW_EV_OWNER, json_pack("{s:I}", "user", (json_int_t)owner), 0, NULL};
	items[n++] = (struct pw_change_item){PW_EV_NOTE, NULL, owner, "escalatie"};
	lc->row.level = l->key;
	lc->row.owner_id = owner;
	return n;
}

void pw_h_api_case_evaluation(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	json_t *j = NULL;
	if (!open_case(r, &a, &lc) || closed_refused(r, &lc) || (j = body(r)) == NULL)
		return;
	const char *result, *note;
	if (!text(r, j, "result", 40, 1, &result) || !text(r, j, "note", 5000, 0, &note))
		goto out;
	const struct pw_eval_outcome *o = pw_protocol_outcome(lc.p, result);
	if (o == NULL) {
		fail(r, PW_EINVAL, "result", "Deze uitkomst kent het protocol niet (gestopt, verminderd of doorgegaan).");
		goto out;
	}
	int64_t aid = parse_id(r->params[1]);
	struct pw_agreement_view *av;
	size_t na = pw_case_agreements(&r->arena, &lc.c, &av);
	const struct pw_agreement_view *ag = NULL;
	for (size_t i = 0; i < na; i++)
		if (av[i].id == aid)
			ag = &av[i];
	if (ag == NULL) {
		fail(r, PW_ENOTFOUND, NULL, "Deze casus heeft deze afspraak niet.");
		goto out;
	}
	if (!ag->open) {
		fail(r, PW_EPROTOCOL, NULL, "Deze afspraak is al geëvalueerd als gestopt.");
		goto out;
	}
	struct pw_change_item items[5];
	size_t n = 0;
	pw_day next = o->effect == PW_EVAL_AGAIN ? pw_cal_add_school_days(&lc.cal, lc.today, lc.p->rules.agreement_again_days) : 0;
	items[n++] = (struct pw_change_item){PW_EV_EVALUATION,
					     json_pack("{s:I, s:s, s:s?, s:o}", "ref", (json_int_t)aid, "key", o->key, "text", note,
						       "due", day_json(next)),
					     0, NULL};
	/* Went on: a recurrence, which moves the case up as the protocol says. */
	const struct pw_level *now = pw_case_level(&lc.c), *to = lc.p->rules.recur_to;
	if (o->effect == PW_EVAL_RECURRED && to && now && to->index > now->index)
		n += escalate_items(r, &lc, to, "Herhaling: de afspraak is niet nagekomen.", items + n);
	else if (o->effect == PW_EVAL_RECURRED)
		items[n++] = (struct pw_change_item){PW_EV_NOTE, NULL, lc.row.owner_id, "herhaling"};
	record(r, &a, &lc, PW_CASE_WORK, NULL, items, n, 201);
out:
	json_decref(j);
}

/* The first account at the school whose functie plays role r (consults go to the school's apc). */
static int64_t holder_of(struct pw_req *r, int64_t school, const struct pw_role *role)
{
	struct pw_err err;
	struct pw_staff *staff;
	size_t n;
	if (pw_store_school_staff(r->app->store, &r->arena, school, &staff, &n, &err) != PW_OK)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (pw_role_has_functie(role, staff[i].functie))
			return staff[i].user_id;
	return 0;
}

static bool user_plays(struct pw_req *r, int64_t user, int64_t school, const struct pw_role *role)
{
	struct pw_err err;
	struct pw_user_functie *f;
	size_t n;
	if (pw_store_user_functies(r->app->store, &r->arena, user, &f, &n, &err) != PW_OK)
		return false;
	for (size_t i = 0; i < n; i++)
		if (f[i].school_id == school && pw_role_has_functie(role, f[i].functie))
			return true;
	return false;
}

void pw_h_api_case_escalation(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	json_t *j = NULL;
	if (!open_case(r, &a, &lc) || closed_refused(r, &lc) || (j = body(r)) == NULL)
		return;
	const char *to, *reason;
	if (!text(r, j, "to", 60, 1, &to) || !text(r, j, "reason", 5000, 0, &reason))
		goto out;
	const struct pw_escalation *e = pw_protocol_escalation(lc.p, to);
	if (e == NULL) {
		fail(r, PW_EINVAL, "to", "Naar deze rol kan het protocol niet opschalen.");
		goto out;
	}
	if (e->reason_required && reason == NULL) {
		fail(r, PW_EINVAL, "reason", "Geef de reden (reason): die komt in de tijdlijn.");
		goto out;
	}
	bool may = (e->owner_may && lc.row.owner_id == a.user_id);
	for (size_t i = 0; i < e->n_by && !may; i++)
		may |= pw_actor_has_role(&a, lc.row.school_id, e->by[i]);
	if (!may && !(e->n_by == 0 && lc.row.owner_id == a.user_id)) {
		fail(r, PW_EFORBID, NULL, "Opschalen mag de eigenaar van de casus (of de CLZ).");
		goto out;
	}
	struct pw_change_item items[5];
	size_t n = 0;
	if (e->kind == PW_ESC_LEVEL) {
		const struct pw_level *now = pw_case_level(&lc.c);
		if (now && e->level->index <= now->index) {
			fail(r, PW_EPROTOCOL, NULL, pw_printf(&r->arena, "De casus is al bij %s.", now->titel));
			goto out;
		}
		n = escalate_items(r, &lc, e->level, reason, items);
	} else {
		json_t *uj = json_object_get(j, "user");
		int64_t user = json_is_integer(uj) ? json_integer_value(uj) : 0;
		if (user && !user_plays(r, user, lc.row.school_id, e->role)) {
			fail(r, PW_EINVAL, "user", pw_printf(&r->arena, "Deze collega is geen %s.", e->role->titel));
			goto out;
		}
		if (user == 0)
			user = holder_of(r, lc.row.school_id, e->role);
		if (user == 0) {
			fail(r, PW_EPROTOCOL, NULL, pw_printf(&r->arena, "Deze school heeft geen %s in Pestwijzer.", e->role->titel));
			goto out;
		}
		items[n++] = (struct pw_change_item){PW_EV_ESCALATION,
						     json_pack("{s:s, s:s?, s:I}", "key", e->key, "text", reason, "user", (json_int_t)user),
						     0, NULL};
		items[n++] = (struct pw_change_item){PW_EV_NOTE, NULL, user, e->kind == PW_ESC_CONSULT ? "consult" : "ingeschakeld"};
	}
	record(r, &a, &lc, PW_CASE_ESCALATE, NULL, items, n, 201);
out:
	json_decref(j);
}

void pw_h_api_case_owner(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	json_t *j = NULL;
	if (!open_case(r, &a, &lc) || closed_refused(r, &lc) || (j = body(r)) == NULL)
		return;
	const char *reason;
	json_t *uj = json_object_get(j, "user");
	if (!text(r, j, "reason", 2000, 1, &reason))
		goto out;
	const struct pw_level *l = pw_case_level(&lc.c);
	int64_t user = json_is_integer(uj) ? json_integer_value(uj) : 0;
	if (user <= 0 || l == NULL || !user_plays(r, user, lc.row.school_id, l->owner)) {
		fail(r, PW_EINVAL, "user", l ? pw_printf(&r->arena, "Kies een collega die %s is.", l->owner->titel) : "Kies een collega.");
		goto out;
	}
	lc.row.owner_id = user;
	struct pw_change_item items[2] = {
		{PW_EV_OWNER, json_pack("{s:I, s:s}", "user", (json_int_t)user, "text", reason), 0, NULL},
		{PW_EV_NOTE, NULL, user, "eigenaar"},
	};
	record(r, &a, &lc, PW_CASE_OWNER, NULL, items, 2, 200);
out:
	json_decref(j);
}

void pw_h_api_case_close(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case lc;
	json_t *j = NULL;
	if (!open_case(r, &a, &lc) || closed_refused(r, &lc) || (j = body(r)) == NULL)
		return;
	const char *outcome, *reason;
	pw_day follow;
	if (!text(r, j, "outcome", 5000, 1, &outcome) || !text(r, j, "reason", 5000, 0, &reason) ||
	    !date(r, j, "follow_up_on", 0, &follow))
		goto out;
	struct pw_agreement_view *av;
	size_t na = pw_case_agreements(&r->arena, &lc.c, &av), open = 0;
	for (size_t i = 0; i < na; i++)
		open += av[i].open;
	if (open && reason == NULL) {
		fail(r, PW_EPROTOCOL, NULL,
		     pw_printf(&r->arena, "Er %s nog %zu afspraak%s niet geëvalueerd als gestopt. Sluit pas daarna, of geef de reden "
					  "(reason), bijvoorbeeld: de leerling is van school. (Agreements are still open: evaluate them "
					  "first, or give a reason.)",
				open == 1 ? "is" : "zijn", open, open == 1 ? "" : "en"));
		goto out;
	}
	if (follow && follow <= lc.today) {
		fail(r, PW_EINVAL, "follow_up_on", "De datum om nog eens te kijken ligt na vandaag.");
		goto out;
	}
	lc.row.status = "closed";
	lc.row.closed_at = pw_now();
	struct pw_schoolyear sy;
	struct pw_err err;
	char d[11];
	int first = pw_schoolyear_of(lc.today);
	pw_day_format(lc.today, d);
	if (pw_store_schoolyear_at(r->app->store, &r->arena, lc.row.school_id, d, &sy, &err) == PW_OK)
		pw_schoolyear_name_parse(sy.name, &first);
	lc.row.closed_year = first;
	struct pw_change_item it = {PW_EV_CLOSED,
				    json_pack("{s:s, s:s?, s:o}", "text", outcome, "status", reason, "on", day_json(follow)), 0, NULL};
	record(r, &a, &lc, PW_CASE_CLOSE, NULL, &it, 1, 200);
out:
	json_decref(j);
}
