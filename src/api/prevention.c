/* The prevention calendar per class and staff confirming the protocol
 * (PROTOCOL.md section 4; issue 8):
 *   GET  /api/v1/prevention?class=2B[&schoolyear=][&school=]  a class's activities
 *   POST /api/v1/prevention/{class}/{key}                     the mentor records one
 *   GET  /api/v1/prevention/overview?schoolyear=[&school=]    classes behind, who confirmed
 *   POST /api/v1/protocol/confirm                             "I know this protocol"
 * What applies and when it is due is core/prevention.c's, from the
 * definition in force at the school; who may is auth's. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "api/apiutil.h"
#include "auth/auth.h"
#include "core/calendar.h"
#include "core/prevention.h"
#include "core/school_protocol.h"
#include "store/people.h"
#include "store/prevention.h"
#include "store/protocols.h"
#include "util/clock.h"
#include "web/app.h"

/* Limits on what a mentor types: an agreements text is a page, not a book. */
#define NOTE_MAX 2000
#define AGREEMENTS_MAX 10000
#define SIGNED_MAX 100

/* Where a request's class lives: its school, definition, year and calendar. */
struct ctx {
	int64_t school, version;
	const struct pw_protocol *p;
	struct pw_schoolyear sy;
	struct pw_calendar cal;
	pw_day today;
};

/* Every step below fills err and returns 0 when it fails: the API answers
 * with err as JSON, the pages (web/preventie.c) show it. */

/* A text field of j: absent, null or "" is NULL; else text of at most max bytes. */
static int text_of(json_t *j, const char *key, size_t max, const char **out, struct pw_err *err)
{
	json_t *v = json_object_get(j, key);
	*out = NULL;
	if (v == NULL || json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0))
		return 1;
	if (!json_is_string(v) || json_string_length(v) > max || !pw_utf8_valid_text(json_string_value(v), json_string_length(v))) {
		pw_err_field(err, PW_EINVAL, key, "%s moet tekst zijn van hoogstens %zu tekens.", key, max);
		return 0;
	}
	*out = json_string_value(v);
	return 1;
}

/* The school named by ?school= (one of the actor's), else 0 for "any of theirs". */
static int school_param(struct pw_req *r, const struct pw_actor *a, const char *code, int64_t *school,
			struct pw_err *err)
{
	*school = 0;
	if (code == NULL)
		return 1;
	struct pw_school sc;
	if (pw_store_school_get(r->app->store, &r->arena, code, &sc, err) != PW_OK || !pw_actor_has_school(a, sc.id)) {
		pw_err_field(err, PW_EINVAL, "school", "Er is geen school \"%s\" van jou. (No school \"%s\" of yours.)", code,
			     code);
		return 0;
	}
	*school = sc.id;
	return 1;
}

/* Fills c for school: the definition in force, the school year (named, or
 * the one of today) and its calendar with holidays. 0 after answering. */
static int load_year(struct pw_req *r, int64_t school, const char *year, struct ctx *c, struct pw_err *err)
{
	c->school = school;
	c->today = pw_day_from_unix(pw_now());
	c->p = pw_school_protocol(r->app->store, school, &c->version, err);
	if (c->p == NULL)
		return 0;
	int first;
	if (year) {
		if (pw_schoolyear_name_parse(year, &first) != 0) {
			pw_err_field(err, PW_EINVAL, "schoolyear",
				     "schoolyear is twee opeenvolgende jaren, zoals 2025-2026. (schoolyear is like 2025-2026.)");
			return 0;
		}
		if (pw_store_schoolyear_get(r->app->store, &r->arena, school, year, &c->sy, err) != PW_OK) {
			pw_err_field(err, PW_ENOTFOUND, "schoolyear", "Schooljaar %s is er niet. (No school year %s.)", year, year);
			return 0;
		}
	} else {
		char d[11];
		pw_day_format(c->today, d);
		if (pw_store_schoolyear_at(r->app->store, &r->arena, school, d, &c->sy, err) != PW_OK) {
			pw_err_field(err, PW_EINVAL, "schoolyear", "Geef het schooljaar: ?schoolyear=2025-2026.");
			return 0;
		}
	}
	struct pw_holiday *h;
	size_t nh;
	if (pw_store_holiday_list(r->app->store, &r->arena, c->sy.id, &h, &nh, err) != PW_OK)
		return 0;
	struct pw_day_range *hr = pw_calloc(&r->arena, nh ? nh : 1, sizeof *hr);
	size_t k = 0;
	for (size_t i = 0; i < nh; i++)
		if (pw_day_parse(h[i].start_on, &hr[k].from) == 0 && pw_day_parse(h[i].end_on, &hr[k].to) == 0)
			k++;
	c->cal = (struct pw_calendar){.holidays = hr, .nholidays = k};
	if (pw_day_parse(c->sy.start_on, &c->cal.start) != 0 || pw_day_parse(c->sy.end_on, &c->cal.end) != 0) {
		pw_err_set(err, PW_EIO, "school year %s has malformed dates", c->sy.name);
		return 0;
	}
	return 1;
}

/* Finds class `name` in the school year (named, or today's) of the actor's
 * school (or of each of their schools in turn): a class elsewhere, or in
 * no school of theirs, is not found, without saying which. */
static int find_class(struct pw_req *r, const struct pw_actor *a, const char *name, const char *year, int64_t school,
		      struct ctx *c, struct pw_class *cls, struct pw_err *err)
{
	for (size_t i = 0; i < a->nfuncties; i++) {
		int64_t sc = a->functies[i].school_id;
		bool seen = false;
		for (size_t k = 0; k < i; k++)
			seen |= a->functies[k].school_id == sc;
		if (seen || (school && sc != school))
			continue;
		if (!load_year(r, sc, year, c, err))
			return 0;
		enum pw_status st = pw_store_class_get(r->app->store, &r->arena, c->sy.id, name, cls, err);
		if (st == PW_OK)
			return 1;
		if (st != PW_ENOTFOUND)
			return 0;
	}
	pw_err_set(err, PW_ENOTFOUND, "Deze klas is er niet, of niet voor jou. (No such class of yours.)");
	return 0;
}

/* The class's tasks with their records and due dates. recs[i] is task i's
 * record or NULL when it is open. Returns the number of tasks. */
static size_t class_tasks(const struct ctx *c, int year, const struct pw_prev_record *rec, size_t nrec,
			  int64_t class_id, struct pw_prev_task *t, const struct pw_prev_record **recs)
{
	size_t n = pw_prevention_tasks(c->p, year, t, PW_PREV_MAX);
	pw_day done_on[PW_PREV_MAX];
	bool has_done[PW_PREV_MAX];
	for (size_t i = 0; i < n; i++) {
		recs[i] = NULL;
		for (size_t k = 0; k < nrec; k++)
			if (rec[k].class_id == class_id && strcmp(rec[k].activity, t[i].activity->key) == 0)
				recs[i] = &rec[k];
		has_done[i] = recs[i] && strcmp(recs[i]->status, "done") == 0 && pw_day_parse(recs[i]->done_on, &done_on[i]) == 0;
	}
	pw_prevention_due(&c->cal, t, n, done_on, has_done);
	return n;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *day_json(bool has, pw_day d)
{
	if (!has)
		return json_null();
	char b[11];
	pw_day_format(d, b);
	return json_string(b);
}

static json_t *task_json(const struct ctx *c, const struct pw_prev_task *t, const struct pw_prev_record *rec)
{
	const struct pw_prevention *pv = t->activity;
	const struct pw_moment *m = t->moment;
	json_t *o = json_object();
	json_object_set_new(o, "key", json_string(pv->key));
	json_object_set_new(o, "titel", json_string(pv->titel));
	json_object_set_new(o, "title_en", str_or_null(pv->title_en));
	json_object_set_new(o, "who", str_or_null(pv->who ? pv->who->key : NULL));
	json_object_set_new(o, "wanneer", str_or_null(m ? m->wanneer : NULL));
	json_object_set_new(o, "week", m && m->week ? json_integer(m->week) : json_null());
	json_object_set_new(o, "before", str_or_null(m ? m->before : NULL));
	json_object_set_new(o, "advised", json_boolean(m && m->advised));
	json_object_set_new(o, "ongoing", json_boolean(pv->ongoing));
	json_object_set_new(o, "url", str_or_null(pv->url));
	json_object_set_new(o, "due_on", day_json(t->has_due, t->due));
	json_object_set_new(o, "status", json_string(rec ? rec->status : "open"));
	json_object_set_new(o, "overdue", json_boolean(rec == NULL && pw_prevention_overdue(t, c->today)));
	json_object_set_new(o, "on", str_or_null(rec && rec->done_on[0] ? rec->done_on : NULL));
	json_object_set_new(o, "note", str_or_null(rec && rec->note[0] ? rec->note : NULL));
	json_object_set_new(o, "by", rec ? json_integer(rec->by_id) : json_null());
	json_object_set_new(o, "agreements", str_or_null(rec ? rec->agreements : NULL));
	json_t *sig = json_array();
	for (size_t i = 0; rec && i < rec->n_signed; i++)
		json_array_append_new(sig, json_integer(rec->signed_ids[i]));
	json_object_set_new(o, "signed", sig);
	return o;
}

/* The actor's own confirmation of the version in force. */
static json_t *protocol_json(struct pw_req *r, const struct ctx *c, int64_t user_id)
{
	struct pw_err err;
	int64_t at = 0;
	if (pw_store_protocol_confirmed(r->app->store, user_id, c->school, c->version, &at, &err) != PW_OK)
		at = 0;
	return json_pack("{s:I, s:s, s:b, s:o}", "version", (json_int_t)c->version, "versie", c->p->versie ? c->p->versie : "",
			 "confirmed", at != 0, "confirmed_at", at ? json_integer(at) : json_null());
}

/* The class's activities, with the actor's own confirmation. */
static json_t *class_json(struct pw_req *r, const struct pw_actor *a, const struct ctx *c, const struct pw_class *cls,
			  struct pw_err *err)
{
	struct pw_prev_record *rec;
	size_t nrec;
	if (pw_store_prevention_of_class(r->app->store, &r->arena, cls->id, &rec, &nrec, err) != PW_OK)
		return NULL;
	struct pw_prev_task t[PW_PREV_MAX];
	const struct pw_prev_record *recs[PW_PREV_MAX];
	size_t n = class_tasks(c, cls->year, rec, nrec, cls->id, t, recs);
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, task_json(c, &t[i], recs[i]));
	json_t *mentors = json_array();
	for (int k = 0; k < 2; k++)
		if (cls->mentor[k])
			json_array_append_new(mentors, json_integer(cls->mentor[k]));
	return json_pack("{s:s, s:i, s:s, s:o, s:o, s:o}", "class", cls->name, "year", cls->year, "schoolyear", c->sy.name,
			 "mentors", mentors, "items", items, "protocol", protocol_json(r, c, a->user_id));
}

json_t *pw_prevention_class(struct pw_req *r, const struct pw_actor *a, const char *name, const char *year,
			    const char *school_code, struct pw_err *err)
{
	if (name == NULL || name[0] == '\0' || strlen(name) > 40) {
		pw_err_field(err, PW_EINVAL, "class", "Welke klas? ?class=2B. (Say which class: ?class=2B.)");
		return NULL;
	}
	int64_t school;
	struct ctx c;
	struct pw_class cls;
	if (!school_param(r, a, school_code, &school, err) || !find_class(r, a, name, year, school, &c, &cls, err) ||
	    pw_access_prevention(a, c.p, c.school, cls.mentor, PW_PREV_READ, err) != PW_OK)
		return NULL;
	return class_json(r, a, &c, &cls, err);
}

void pw_h_api_prevention(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	if (!pw_api_auth(r, &a))
		return;
	json_t *o = pw_prevention_class(r, &a, pw_req_query(r, "class"), pw_req_query(r, "schoolyear"),
					pw_req_query(r, "school"), &err);
	if (o == NULL)
		pw_resp_error_json(r, &err);
	else
		pw_resp_json(r, 200, o);
}

/* ---- recording an activity ---- */

/* Reads and checks the body into rec (nothing is written here). */
static int read_record(struct pw_req *r, json_t *j, const struct ctx *c, const struct pw_class *cls,
		       struct pw_prev_record *rec, struct pw_err *err)
{
	const char *status, *on, *note, *agreements;
	if (!text_of(j, "status", 10, &status, err) || !text_of(j, "on", 10, &on, err) ||
	    !text_of(j, "note", NOTE_MAX, &note, err) || !text_of(j, "agreements", AGREEMENTS_MAX, &agreements, err))
		return 0;
	if (status == NULL || (strcmp(status, "done") != 0 && strcmp(status, "skipped") != 0)) {
		pw_err_field(err, PW_EINVAL, "status", "status is done of skipped. (status is done or skipped.)");
		return 0;
	}
	bool done = strcmp(status, "done") == 0;
	pw_day day = c->today;
	if (on && pw_day_parse(on, &day) != 0) {
		pw_err_field(err, PW_EINVAL, "on", "on is een datum JJJJ-MM-DD. (on is a date YYYY-MM-DD.)");
		return 0;
	}
	if (day > c->today) {
		pw_err_field(err, PW_EINVAL, "on", "on ligt in de toekomst: leg vast wat gebeurd is. (on is in the future.)");
		return 0;
	}
	/* Skipping is a decision the overview shows as not behind: it needs its reason. */
	if (!done && (note == NULL || note[0] == '\0')) {
		pw_err_field(err, PW_EINVAL, "note", "Geef de reden waarom het niet doorgaat. (A skip needs its reason in note.)");
		return 0;
	}
	if (!done && agreements) {
		pw_err_field(err, PW_EINVAL, "agreements",
			     "Afspraken horen bij een activiteit die gedaan is. (Agreements go with status done.)");
		return 0;
	}
	json_t *sj = json_object_get(j, "signed");
	size_t ns = 0;
	int64_t *ids = NULL;
	if (sj && !json_is_null(sj)) {
		if (!json_is_array(sj) || json_array_size(sj) > SIGNED_MAX) {
			pw_err_field(err, PW_EINVAL, "signed",
				     "signed is een lijst van leerlingnummers (id's), hoogstens %d. (signed is a list of "
				     "student ids, at most %d.)",
				     SIGNED_MAX, SIGNED_MAX);
			return 0;
		}
		ns = json_array_size(sj);
		if (ns && agreements == NULL) {
			pw_err_field(err, PW_EINVAL, "signed",
				     "Handtekeningen staan onder afspraken: geef ook agreements. (Signatures need the "
				     "agreements text.)");
			return 0;
		}
		ids = pw_calloc(&r->arena, ns ? ns : 1, sizeof *ids);
		for (size_t i = 0; i < ns; i++) {
			json_t *v = json_array_get(sj, i);
			bool in = false;
			if (!json_is_integer(v) || json_integer_value(v) <= 0 ||
			    pw_store_prevention_in_class(r->app->store, cls->id, json_integer_value(v), &in, err) != PW_OK ||
			    !in) {
				pw_err_field(err, PW_EINVAL, "signed",
					     "signed noemt iemand die niet in klas %s zit. (signed names someone not in class %s.)",
					     cls->name, cls->name);
				return 0;
			}
			ids[i] = json_integer_value(v);
		}
	}
	char *d = pw_alloc(&r->arena, 11);
	pw_day_format(day, d);
	*rec = (struct pw_prev_record){.class_id = cls->id, .status = done ? "done" : "skipped", .done_on = done ? d : "",
				       .note = note ? note : "", .agreements = agreements, .signed_ids = ids, .n_signed = ns};
	return 1;
}

json_t *pw_prevention_record(struct pw_req *r, const struct pw_actor *a, const char *name, const char *key, json_t *j,
			     const char *school_code, struct pw_err *err)
{
	if (!json_is_object(j)) {
		pw_err_set(err, PW_EINVAL, "Stuur een JSON-object. (Send a JSON object.)");
		return NULL;
	}
	const char *year = NULL;
	int64_t school;
	struct ctx c;
	struct pw_class cls;
	struct pw_prev_record rec;
	if (!text_of(j, "schoolyear", 9, &year, err) || !school_param(r, a, school_code, &school, err) ||
	    !find_class(r, a, name, year, school, &c, &cls, err) ||
	    pw_access_prevention(a, c.p, c.school, cls.mentor, PW_PREV_RECORD, err) != PW_OK)
		return NULL;
	const struct pw_prevention *pv = pw_protocol_prevention(c.p, key);
	const struct pw_moment *m;
	if (pv == NULL || !pw_prevention_applies(pv, cls.year, &m)) {
		pw_err_field(err, PW_ENOTFOUND, "key",
			     "\"%s\" is geen preventieactiviteit van klas %s in dit protocol. (Not a prevention activity of "
			     "this class.)",
			     key, cls.name);
		return NULL;
	}
	if (!read_record(r, j, &c, &cls, &rec, err))
		return NULL;
	rec.activity = pv->key;
	rec.by_id = a->user_id;
	int64_t id;
	if (pw_store_prevention_record(r->app->store, &rec, a->user_id, &id, err) != PW_OK)
		return NULL;
	return class_json(r, a, &c, &cls, err);
}

void pw_h_api_prevention_record(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	if (!pw_api_auth(r, &a))
		return;
	json_t *j = pw_api_body(r);
	if (j == NULL)
		return;
	json_t *o = pw_prevention_record(r, &a, r->params[0], r->params[1], j, pw_req_query(r, "school"), &err);
	json_decref(j);
	if (o == NULL)
		pw_resp_error_json(r, &err);
	else
		pw_resp_json(r, 200, o);
}


/* ---- the overview ---- */

/* The school whose overview the actor reads: ?school=, else their first
 * school where a functie has `cijfers`, else their first (for the refusal). */
static int64_t overview_school(struct pw_req *r, const struct pw_actor *a, int64_t asked, struct pw_err *err)
{
	int64_t first = 0;
	for (size_t i = 0; i < a->nfuncties; i++) {
		int64_t sc = a->functies[i].school_id;
		if (asked && sc != asked)
			continue;
		const struct pw_protocol *p = pw_school_protocol(r->app->store, sc, NULL, err);
		if (p == NULL)
			return -1;
		if (first == 0)
			first = sc;
		if (pw_reads_figures(a, p, sc))
			return sc;
	}
	return first;
}

json_t *pw_prevention_overview(struct pw_req *r, const struct pw_actor *a, const char *year, const char *school_code,
			       struct pw_err *err)
{
	int64_t asked;
	if (!school_param(r, a, school_code, &asked, err))
		return NULL;
	int64_t school = overview_school(r, a, asked, err);
	if (school < 0)
		return NULL;
	if (school == 0) {
		pw_access_prevention(a, NULL, 0, NULL, PW_PREV_OVERVIEW, err);
		return NULL;
	}
	const struct pw_protocol *p = pw_school_protocol(r->app->store, school, NULL, err);
	if (p == NULL || pw_access_prevention(a, p, school, NULL, PW_PREV_OVERVIEW, err) != PW_OK)
		return NULL;
	struct ctx c;
	if (!load_year(r, school, year, &c, err))
		return NULL;
	struct pw_class *cls;
	size_t ncls, nrec, ncol;
	struct pw_prev_record *rec;
	struct pw_prev_colleague *col;
	if (pw_store_class_list(r->app->store, &r->arena, c.sy.id, &cls, &ncls, err) != PW_OK ||
	    pw_store_prevention_of_year(r->app->store, &r->arena, c.sy.id, &rec, &nrec, err) != PW_OK ||
	    pw_store_prevention_colleagues(r->app->store, &r->arena, school, c.version, &col, &ncol, err) != PW_OK)
		return NULL;
	json_t *classes = json_array();
	size_t nbehind = 0;
	for (size_t i = 0; i < ncls; i++) {
		struct pw_prev_task t[PW_PREV_MAX];
		const struct pw_prev_record *recs[PW_PREV_MAX];
		size_t n = class_tasks(&c, cls[i].year, rec, nrec, cls[i].id, t, recs), done = 0;
		json_t *behind = json_array();
		for (size_t k = 0; k < n; k++) {
			if (recs[k])
				done++;
			else if (pw_prevention_overdue(&t[k], c.today))
				json_array_append_new(behind, json_pack("{s:s, s:s, s:o}", "key", t[k].activity->key, "titel",
									t[k].activity->titel, "due_on", day_json(true, t[k].due)));
		}
		nbehind += json_array_size(behind) > 0;
		json_t *mentors = json_array();
		for (int k = 0; k < 2; k++)
			if (cls[i].mentor[k])
				json_array_append_new(mentors, json_integer(cls[i].mentor[k]));
		json_array_append_new(classes, json_pack("{s:s, s:i, s:o, s:I, s:I, s:o}", "class", cls[i].name, "year",
							 cls[i].year, "mentors", mentors, "activities", (json_int_t)n,
							 "recorded", (json_int_t)done, "behind", behind));
	}
	/* One row per functie: a colleague is an account with a functie that
	 * takes part in the protocol; rows of one account come together. */
	json_t *colleagues = json_array();
	size_t nconf = 0, nstaff = 0;
	for (size_t i = 0; i < ncol; i++) {
		bool staff = false;
		size_t k = i;
		for (; k < ncol && col[k].id == col[i].id; k++)
			staff |= pw_functie_confirms_protocol(col[k].functie);
		size_t first = i;
		i = k - 1;
		if (!staff)
			continue;
		nstaff++;
		nconf += col[first].confirmed_at != 0;
		json_array_append_new(colleagues,
				      json_pack("{s:I, s:s, s:s, s:b, s:o}", "id", (json_int_t)col[first].id, "login",
						col[first].login, "name", col[first].name, "confirmed", col[first].confirmed_at != 0,
						"confirmed_at",
						col[first].confirmed_at ? json_integer(col[first].confirmed_at) : json_null()));
	}
	return json_pack("{s:s, s:I, s:s, s:o, s:I, s:o, s:I, s:I}", "schoolyear", c.sy.name, "protocol_version",
			 (json_int_t)c.version, "versie", c.p->versie ? c.p->versie : "", "classes", classes, "classes_behind",
			 (json_int_t)nbehind, "colleagues", colleagues, "confirmed", (json_int_t)nconf, "not_confirmed",
			 (json_int_t)(nstaff - nconf));
}

void pw_h_api_prevention_overview(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	if (!pw_api_auth(r, &a))
		return;
	json_t *o = pw_prevention_overview(r, &a, pw_req_query(r, "schoolyear"), pw_req_query(r, "school"), &err);
	if (o == NULL)
		pw_resp_error_json(r, &err);
	else
		pw_resp_json(r, 200, o);
}

/* ---- confirming the protocol ---- */

json_t *pw_protocol_confirm(struct pw_req *r, const struct pw_actor *a, const char *school_code, struct pw_err *err)
{
	int64_t school;
	if (!school_param(r, a, school_code, &school, err))
		return NULL;
	/* Their school: the one asked, else the first where they are staff. */
	for (size_t i = 0; school == 0 && i < a->nfuncties; i++)
		if (pw_functie_confirms_protocol(a->functies[i].functie))
			school = a->functies[i].school_id;
	int64_t vid = 0;
	const struct pw_protocol *p = school ? pw_school_protocol(r->app->store, school, &vid, err) : NULL;
	if (school && p == NULL)
		return NULL;
	if (pw_access_prevention(a, p, school, NULL, PW_PREV_CONFIRM, err) != PW_OK)
		return NULL;
	int64_t at;
	if (pw_store_protocol_confirm(r->app->store, a->user_id, school, vid, &at, err) != PW_OK)
		return NULL;
	return json_pack("{s:I, s:s, s:b, s:I}", "version", (json_int_t)vid, "versie", p->versie ? p->versie : "",
			 "confirmed", 1, "confirmed_at", (json_int_t)at);
}

void pw_h_api_protocol_confirm(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	if (!pw_api_auth(r, &a))
		return;
	json_t *o = pw_protocol_confirm(r, &a, pw_req_query(r, "school"), &err);
	if (o == NULL)
		pw_resp_error_json(r, &err);
	else
		pw_resp_json(r, 200, o);
}
