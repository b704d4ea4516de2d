#include "app/casework.h"

#include <string.h>

#include "core/school_protocol.h"
#include "store/people.h"
#include "util/clock.h"

static bool has_id(const int64_t *v, size_t n, int64_t x)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

static void push(struct pw_arena *a, int64_t **v, size_t *n, size_t *cap, int64_t x)
{
	if (x <= 0 || has_id(*v, *n, x))
		return;
	*v = pw_arena_grow(a, *v, *n, cap, sizeof **v);
	(*v)[(*n)++] = x;
}

enum pw_status pw_cases_for(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor, int64_t school_id,
			    const char *status, int64_t **ids, size_t *n, struct pw_err *err)
{
	const struct pw_protocol *p = pw_school_protocol(s, school_id, NULL, err);
	if (p == NULL)
		return err->code;
	if (pw_reads_school(actor, p, school_id))
		return pw_store_cases_of_school(s, a, school_id, status, ids, n, err);
	return pw_store_cases_of_user(s, a, school_id, actor->user_id, status, ids, n, err);
}

void pw_school_calendar(struct pw_store *s, struct pw_arena *a, int64_t school_id, pw_day day, struct pw_calendar *cal)
{
	struct pw_err err;
	struct pw_schoolyear sy;
	char d[11];
	memset(cal, 0, sizeof *cal);
	cal->start = day - 366;
	cal->end = day + 366;
	pw_day_format(day, d);
	if (pw_store_schoolyear_at(s, a, school_id, d, &sy, &err) != PW_OK)
		return; /* no school year entered: weekdays only */
	pw_day_parse(sy.start_on, &cal->start);
	pw_day_parse(sy.end_on, &cal->end);
	struct pw_holiday *h;
	size_t n;
	if (pw_store_holiday_list(s, a, sy.id, &h, &n, &err) != PW_OK)
		return;
	struct pw_day_range *r = pw_calloc(a, n ? n : 1, sizeof *r);
	for (size_t i = 0; i < n; i++) {
		pw_day_parse(h[i].start_on, &r[i].from);
		pw_day_parse(h[i].end_on, &r[i].to);
	}
	cal->holidays = r;
	cal->nholidays = n;
}

static bool join_role(const struct pw_protocol *p, const char *rol)
{
	for (size_t i = 0; i < p->rules.n_join; i++)
		if (strcmp(p->rules.join[i]->key, rol) == 0)
			return true;
	return false;
}

/* Gathers what access to the case depends on. */
static enum pw_status gather_facts(struct pw_store *s, struct pw_arena *a, struct pw_loaded_case *lc, struct pw_err *err)
{
	struct pw_case_facts *f = &lc->facts;
	const struct pw_protocol *p = lc->p;
	int64_t *mentors = NULL, *reporters = NULL, *consulted = NULL, *referred = NULL, *students = NULL;
	size_t nm = 0, cm = 0, nr = 0, cr = 0, nc = 0, cc = 0, nf = 0, cf = 0, ns = 0, cs = 0;
	memset(f, 0, sizeof *f);
	f->case_id = lc->row.id;
	f->school_id = lc->row.school_id;
	f->owner_id = lc->row.owner_id;
	f->level = lc->row.level;
	f->department = "";
	/* Mentors of the targets' and bullies' classes now, and in the year the case was opened. */
	struct pw_person *then;
	size_t nthen;
	if (pw_store_case_persons(s, a, lc->row.id, lc->row.opened_on, &then, &nthen, err) != PW_OK)
		return err->code;
	const struct pw_person *lists[2] = {lc->c.persons, then};
	size_t counts[2] = {lc->c.n_persons, nthen};
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < counts[k]; i++) {
			const struct pw_person *pp = &lists[k][i];
			push(a, &students, &ns, &cs, pp->student_id);
			if (!join_role(p, pp->rol))
				continue;
			push(a, &mentors, &nm, &cm, pp->mentor[0]);
			push(a, &mentors, &nm, &cm, pp->mentor[1]);
		}
	const struct pw_level *lv = pw_protocol_level(p, lc->row.level);
	for (size_t i = 0; lv && i < lc->c.n_persons; i++)
		if (lv->owner_of && strcmp(lc->c.persons[i].rol, lv->owner_of->key) == 0 && lc->c.persons[i].department) {
			f->department = lc->c.persons[i].department;
			break;
		}
	for (size_t i = 0; i < lc->n_signals; i++)
		push(a, &reporters, &nr, &cr, lc->signals[i].reporter_id);
	for (size_t i = 0; i < lc->c.n_events; i++) {
		const struct pw_event *e = &lc->c.events[i];
		if (e->kind == PW_EV_ESCALATION) {
			const struct pw_escalation *esc = pw_protocol_escalation(p, e->key);
			if (esc && esc->kind == PW_ESC_CONSULT)
				push(a, &consulted, &nc, &cc, e->user);
		} else if (e->kind == PW_EV_REFERRAL) {
			push(a, &referred, &nf, &cf, e->user);
		}
	}
	f->mentors = mentors;
	f->n_mentors = nm;
	f->reporters = reporters;
	f->n_reporters = nr;
	f->consulted = consulted;
	f->n_consulted = nc;
	f->referred = referred;
	f->n_referred = nf;
	return pw_store_parent_accounts(s, a, students, ns, (int64_t **)&f->parents, &f->n_parents, err);
}

static enum pw_status load(struct pw_store *s, struct pw_arena *a, int64_t id, struct pw_loaded_case *lc,
			   struct pw_err *err)
{
	memset(lc, 0, sizeof *lc);
	lc->today = pw_day_from_unix(pw_now());
	char d[11];
	pw_day_format(lc->today, d);
	if (pw_store_case_load(s, a, id, d, &lc->row, &lc->c, err) != PW_OK)
		return err->code;
	lc->p = pw_protocol_version(s, lc->row.protocol_version, err);
	if (lc->p == NULL)
		return PW_EIO;
	lc->c.p = lc->p;
	lc->c.level = pw_protocol_level(lc->p, lc->row.level);
	if (pw_store_signals_of_case(s, a, id, &lc->signals, &lc->n_signals, err) != PW_OK)
		return err->code;
	/* The case's cyber kinds: the union over its signals. */
	const char **kinds = pw_calloc(a, 16, sizeof *kinds);
	size_t nk = 0;
	for (size_t i = 0; i < lc->n_signals; i++) {
		json_t *cy = json_object_get(json_object_get(lc->signals[i].data, "cyber"), "soorten");
		for (size_t k = 0; json_is_array(cy) && k < json_array_size(cy) && nk < 16; k++) {
			const char *key = json_string_value(json_array_get(cy, k));
			bool seen = false;
			for (size_t j = 0; j < nk; j++)
				seen |= strcmp(kinds[j], key) == 0;
			if (key && !seen)
				kinds[nk++] = pw_strdup(a, key);
		}
	}
	lc->c.cyber_kinds = kinds;
	lc->c.n_cyber = nk;
	pw_school_calendar(s, a, lc->row.school_id, lc->today, &lc->cal);
	return gather_facts(s, a, lc, err);
}

void pw_case_done(struct pw_loaded_case *lc)
{
	for (size_t i = 0; i < lc->n_signals; i++) {
		json_decref(lc->signals[i].data);
		lc->signals[i].data = NULL;
	}
	lc->n_signals = 0;
}

static const char *const view_names[] = {"none", "referral", "reduced", "full"};

enum pw_status pw_case_open_unaudited(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor, int64_t id,
				      struct pw_loaded_case *out, struct pw_err *err)
{
	if (load(s, a, id, out, err) != PW_OK) {
		pw_case_done(out);
		return err->code == PW_ENOTFOUND ? pw_err_set(err, PW_ENOTFOUND, "Deze casus bestaat niet (case not found).")
						 : err->code;
	}
	out->view = pw_case_view(actor, out->p, &out->facts);
	if (out->view == PW_VIEW_NONE) {
		pw_case_done(out);
		return pw_err_set(err, PW_ENOTFOUND, "Deze casus bestaat niet (case not found).");
	}
	return PW_OK;
}

enum pw_status pw_case_audit_reads(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor,
				   const int64_t *ids, const enum pw_case_view *views, size_t n, struct pw_err *err)
{
	struct pw_audit *rows = pw_calloc(a, n ? n : 1, sizeof *rows);
	for (size_t i = 0; i < n; i++)
		rows[i] = (struct pw_audit){.user_id = actor->user_id, .action = "read", .object = "case", .object_id = ids[i],
					    .detail = view_names[views[i]]};
	return pw_store_audit_read_many(s, rows, n, err);
}

enum pw_status pw_case_open(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor, int64_t id,
			    struct pw_loaded_case *out, struct pw_err *err)
{
	if (pw_case_open_unaudited(s, a, actor, id, out, err) != PW_OK)
		return err->code;
	if (pw_case_audit_reads(s, a, actor, &id, &out->view, 1, err) != PW_OK) {
		pw_case_done(out);
		return err->code;
	}
	return PW_OK;
}

/* ---- filing a signal ---- */

/* The current school year's first calendar year at the school. */
static int this_year(struct pw_store *s, struct pw_arena *a, int64_t school, pw_day today)
{
	struct pw_err err;
	struct pw_schoolyear sy;
	char d[11];
	int first;
	pw_day_format(today, d);
	if (pw_store_schoolyear_at(s, a, school, d, &sy, &err) == PW_OK && pw_schoolyear_name_parse(sy.name, &first) == 0)
		return first;
	return pw_schoolyear_of(today);
}

static enum pw_status add_event(struct pw_store *s, int64_t case_id, int64_t by, enum pw_event_kind k, json_t *data,
				struct pw_err *err)
{
	return pw_store_case_event_add(s, case_id, by, pw_event_kind_name(k), data, NULL, err);
}

/* Tells the students' mentors about a suspicion, and asks about a pattern
 * when enough suspicions about the same student gathered. */
static enum pw_status tell_suspicion(struct pw_store *s, struct pw_arena *a, const struct pw_protocol *p,
				     int64_t school, const struct pw_signal *sig, int64_t signal_id, pw_day today,
				     struct pw_err *err)
{
	/* One notice per mentor for this signal, however many of their students
	 * it names: the pattern question when any of them reached the pattern. */
	int64_t *who = pw_calloc(a, 2 * sig->n_persons + 1, sizeof *who);
	bool *pattern = pw_calloc(a, 2 * sig->n_persons + 1, sizeof *pattern);
	size_t nwho = 0;
	for (size_t i = 0; i < sig->n_persons; i++) {
		const struct pw_person *pp = &sig->persons[i];
		if (pp->student_id == 0)
			continue;
		struct pw_signal_row *v;
		size_t n, recent = 0;
		if (pw_store_suspicions(s, a, school, pp->student_id, &v, &n, err) != PW_OK)
			return err->code;
		for (size_t k = 0; k < n; k++) {
			pw_day d;
			if (pw_day_parse(v[k].filed_on, &d) == 0 && today - d <= p->rules.pattern_weeks * 7)
				recent++;
			json_decref(v[k].data);
		}
		bool hit = p->rules.pattern_count > 0 && recent >= (size_t)p->rules.pattern_count;
		for (int m = 0; m < 2; m++) {
			if (pp->mentor[m] == 0)
				continue;
			size_t j = 0;
			while (j < nwho && who[j] != pp->mentor[m])
				j++;
			if (j == nwho)
				who[nwho++] = pp->mentor[m];
			pattern[j] |= hit;
		}
	}
	for (size_t j = 0; j < nwho; j++)
		if (pw_store_notice_add(s, who[j], 0, signal_id, pattern[j] ? "patroon" : "verdenking", err) != PW_OK)
			return err->code;
	return PW_OK;
}

enum pw_status pw_signal_file(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor, int64_t school_id,
			      const struct pw_signal *in, json_t *data, struct pw_filed *out, struct pw_err *err)
{
	return pw_signal_file_with(s, a, actor, school_id, in, data, NULL, 0, out, err);
}

enum pw_status pw_signal_file_with(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor,
				   int64_t school_id, const struct pw_signal *in, json_t *data, const int64_t *attach,
				   size_t n_attach, struct pw_filed *out, struct pw_err *err)
{
	memset(out, 0, sizeof *out);
	if (pw_access(actor, PW_ACT_SIGNAL_FILE, school_id, err) != PW_OK)
		return err->code;
	int64_t version = 0;
	const struct pw_protocol *p = pw_school_protocol(s, school_id, &version, err);
	if (p == NULL)
		return err->code;
	pw_day today = pw_day_from_unix(pw_now());
	char day[11];
	pw_day_format(today, day);

	/* The students with their class this year; each must be of this school. */
	struct pw_signal sig = *in;
	struct pw_person *persons = pw_calloc(a, in->n_persons ? in->n_persons : 1, sizeof *persons);
	int64_t *students = pw_calloc(a, in->n_persons ? in->n_persons : 1, sizeof *students);
	for (size_t i = 0; i < in->n_persons; i++) {
		persons[i] = in->persons[i];
		students[i] = persons[i].student_id;
		if (persons[i].student_id <= 0)
			continue;
		struct pw_student st;
		if (pw_store_student_get(s, a, persons[i].student_id, day, &st, err) != PW_OK || st.school_id != school_id)
			return pw_err_field(err, PW_EINVAL, "betrokkenen",
					    "Leerling %lld zit dit schooljaar niet op deze school. Zoek de leerling opnieuw op.",
					    (long long)persons[i].student_id);
		persons[i].class_id = st.class_id;
		persons[i].class_name = st.class_name;
		persons[i].department = st.department;
		persons[i].mentor[0] = st.mentor[0];
		persons[i].mentor[1] = st.mentor[1];
	}
	sig.persons = persons;
	if (pw_signal_validate(p, &sig, today, err) != PW_OK)
		return err->code;

	/* The cases these students are in, for joining, recurrence and reopening. */
	int64_t *ids;
	size_t nids;
	if (pw_store_cases_of_students(s, a, students, in->n_persons, &ids, &nids, err) != PW_OK)
		return err->code;
	struct pw_loaded_case *lcs = pw_calloc(a, nids ? nids : 1, sizeof *lcs);
	struct pw_case_ref *refs = pw_calloc(a, nids ? nids : 1, sizeof *refs);
	size_t nref = 0;
	for (size_t i = 0; i < nids; i++) {
		/* Routing needs a case's people and timeline only: not its facts. */
		struct pw_loaded_case *lc = &lcs[nref];
		if (pw_store_case_load(s, a, ids[i], day, &lc->row, &lc->c, err) != PW_OK)
			goto release;
		if (lc->row.school_id != school_id)
			continue;
		lc->p = pw_protocol_version(s, lc->row.protocol_version, err);
		if (lc->p == NULL)
			goto release;
		lc->c.p = lc->p;
		lc->c.level = pw_protocol_level(lc->p, lc->row.level);
		refs[nref].c = &lcs[nref].c;
		refs[nref].closed_year = lcs[nref].row.closed_year;
		nref++;
	}
	struct pw_signal_dest dest;
	pw_signal_route(p, &sig, refs, nref, this_year(s, a, school_id, today), &dest);

	struct pw_staff *staff;
	size_t nstaff;
	if (pw_store_school_staff(s, a, school_id, &staff, &nstaff, err) != PW_OK || pw_store_begin(s, err) != PW_OK)
		goto release;
	struct pw_signal_row row = {.school_id = school_id, .reporter_id = actor->user_id, .filed_at = pw_now(),
				    .filed_on = day, .occurred_on = sig.occurred_on, .location = sig.location,
				    .description = sig.description, .systematisch = sig.systematisch,
				    .naar_clz = sig.naar_clz, .data = data, .persons = sig.persons, .n_persons = sig.n_persons};
	if (pw_store_signal_add(s, &row, &out->signal_id, err) != PW_OK)
		goto fail;
	out->route = dest.kind;
	out->recurrence = dest.recurrence;
	struct pw_loaded_case *target = NULL;
	for (size_t i = 0; i < nref; i++)
		if (refs[i].c == dest.target)
			target = &lcs[i];
	struct pw_case_row cr;
	int64_t case_id = 0;
	switch (dest.kind) {
	case PW_ROUTE_SUSPICION:
		if (tell_suspicion(s, a, p, school_id, &sig, out->signal_id, today, err) != PW_OK)
			goto fail;
		break;
	case PW_ROUTE_SUSPICION_INFO:
		case_id = target->row.id;
		cr = target->row;
		if (pw_store_signal_set_case(s, out->signal_id, case_id, 0, err) != PW_OK ||
		    add_event(s, case_id, actor->user_id, PW_EV_SIGNAL,
			      json_pack("{s:I, s:s}", "ref", (json_int_t)out->signal_id, "status", sig.systematisch), err) != PW_OK ||
		    pw_store_notice_add(s, cr.owner_id, case_id, out->signal_id, "informatie", err) != PW_OK)
			goto fail;
		break;
	case PW_ROUTE_JOIN:
	case PW_ROUTE_REOPEN:
		case_id = target->row.id;
		cr = target->row;
		if (pw_store_signal_set_case(s, out->signal_id, case_id, dest.recurrence, err) != PW_OK)
			goto fail;
		if (dest.kind == PW_ROUTE_REOPEN) {
			out->reopened = true;
			cr.status = "open";
			cr.closed_at = 0;
			cr.closed_year = 0;
			if (add_event(s, case_id, actor->user_id, PW_EV_REOPENED,
				      json_pack("{s:s, s:s}", "key", dest.level->key, "text", dest.reason), err) != PW_OK)
				goto fail;
		}
		if (add_event(s, case_id, actor->user_id, PW_EV_SIGNAL,
			      json_pack("{s:I, s:b}", "ref", (json_int_t)out->signal_id, "flag", dest.recurrence), err) != PW_OK)
			goto fail;
		/* Students the case did not have yet join it with their role. */
		for (size_t i = 0; i < sig.n_persons; i++) {
			const struct pw_person *pp = &sig.persons[i];
			bool known = false;
			for (size_t k = 0; k < target->c.n_persons; k++)
				known |= pp->student_id ? target->c.persons[k].student_id == pp->student_id
							: (target->c.persons[k].extern_desc && pp->extern_desc &&
							   strcmp(target->c.persons[k].extern_desc, pp->extern_desc) == 0);
			if (known)
				continue;
			if (pw_store_case_person_add(s, case_id, pp, err) != PW_OK ||
			    add_event(s, case_id, actor->user_id, PW_EV_PERSON,
				      json_pack("{s:I, s:s?, s:s}", "student", (json_int_t)pp->student_id, "text",
						pp->student_id ? NULL : pp->extern_desc, "key", pp->rol),
				      err) != PW_OK)
				goto fail;
		}
		if (dest.level && dest.kind == PW_ROUTE_JOIN) {
			if (add_event(s, case_id, actor->user_id, PW_EV_LEVEL,
				      json_pack("{s:s, s:s}", "key", dest.level->key, "text", dest.reason), err) != PW_OK)
				goto fail;
		}
		if (dest.level) {
			cr.level = dest.level->key;
			int64_t owner = pw_case_owner_for(p, dest.level, target->c.persons, target->c.n_persons, staff, nstaff);
			if (owner != cr.owner_id) {
				cr.owner_id = owner;
				if (add_event(s, case_id, 0, PW_EV_OWNER, json_pack("{s:I}", "user", (json_int_t)owner), err) != PW_OK)
					goto fail;
			}
			if (pw_store_notice_add(s, owner, case_id, out->signal_id, "escalatie", err) != PW_OK)
				goto fail;
		} else if (pw_store_notice_add(s, cr.owner_id, case_id, out->signal_id,
					      dest.recurrence ? "herhaling" : "melding", err) != PW_OK) {
			goto fail;
		}
		break;
	case PW_ROUTE_NEW:
		memset(&cr, 0, sizeof cr);
		cr.school_id = school_id;
		cr.protocol_version = version;
		cr.status = "open";
		cr.level = dest.level->key;
		cr.owner_id = pw_case_owner_for(p, dest.level, sig.persons, sig.n_persons, staff, nstaff);
		cr.opened_on = day;
		cr.opened_at = pw_now();
		cr.linked_case = dest.linked ? dest.linked->id : 0;
		{
			struct pw_schoolyear sy;
			if (pw_store_schoolyear_at(s, a, school_id, day, &sy, err) == PW_OK)
				cr.schoolyear_id = sy.id;
		}
		if (pw_store_case_add(s, &cr, &case_id, err) != PW_OK)
			goto fail;
		cr.id = case_id;
		out->case_created = true;
		for (size_t i = 0; i < sig.n_persons; i++)
			if (pw_store_case_person_add(s, case_id, &sig.persons[i], err) != PW_OK)
				goto fail;
		if (add_event(s, case_id, actor->user_id, PW_EV_OPENED,
			      json_pack("{s:s, s:s?, s:I}", "key", dest.level->key, "text", dest.reason, "ref",
					(json_int_t)cr.linked_case),
			      err) != PW_OK ||
		    add_event(s, case_id, actor->user_id, PW_EV_SIGNAL, json_pack("{s:I}", "ref", (json_int_t)out->signal_id),
			      err) != PW_OK ||
		    add_event(s, case_id, 0, PW_EV_OWNER, json_pack("{s:I}", "user", (json_int_t)cr.owner_id), err) != PW_OK ||
		    pw_store_signal_set_case(s, out->signal_id, case_id, 0, err) != PW_OK ||
		    pw_store_notice_add(s, cr.owner_id, case_id, out->signal_id, "nieuwe_casus", err) != PW_OK)
			goto fail;
		break;
	}
	if (case_id) {
		cr.updated_at = pw_now();
		if (pw_store_case_update(s, &cr, err) != PW_OK)
			goto fail;
		for (size_t i = 0; i < n_attach; i++)
			if (pw_store_signal_set_case(s, attach[i], case_id, 0, err) != PW_OK)
				goto fail;
		out->case_id = case_id;
		out->level = cr.level;
		out->owner_id = cr.owner_id;
	}
	if (pw_store_audit_change(s, actor->user_id, "create", "signal", out->signal_id, NULL, err) != PW_OK ||
	    (case_id && pw_store_audit_change(s, actor->user_id, out->case_created ? "create" : "update", "case", case_id,
					      NULL, err) != PW_OK))
		goto fail;
	enum pw_status st = pw_store_commit(s, err);
	for (size_t i = 0; i < nref; i++)
		pw_case_done(&lcs[i]);
	return st;
fail:
	pw_store_rollback(s);
release:
	for (size_t i = 0; i < nref; i++)
		pw_case_done(&lcs[i]);
	return err->code;
}

static void release(struct pw_change_item *items, size_t n, size_t from)
{
	for (size_t i = from; i < n; i++) {
		json_decref(items[i].data);
		items[i].data = NULL;
	}
}

enum pw_status pw_case_record(struct pw_store *s, const struct pw_actor *actor, struct pw_loaded_case *lc,
			      enum pw_case_act act, const struct pw_step *step, struct pw_change_item *items, size_t n,
			      int64_t *first_id, struct pw_err *err)
{
	if (pw_access_case(actor, lc->p, &lc->facts, act, step, err) != PW_OK || pw_store_begin(s, err) != PW_OK) {
		release(items, n, 0);
		return err->code;
	}
	int64_t first = 0;
	lc->row.updated_at = pw_now();
	for (size_t i = 0; i < n; i++) {
		enum pw_status st;
		if (items[i].data == NULL) {
			st = pw_store_notice_add(s, items[i].notice_user, lc->row.id, 0, items[i].notice, err);
		} else {
			json_t *ref = json_object_get(items[i].data, "ref");
			if (json_is_integer(ref) && json_integer_value(ref) == -1)
				json_object_set_new(items[i].data, "ref", json_integer(first));
			int64_t id = 0;
			st = pw_store_case_event_add(s, lc->row.id, actor->user_id, pw_event_kind_name(items[i].kind),
						     items[i].data, &id, err);
			items[i].data = NULL;
			if (first == 0)
				first = id;
		}
		if (st != PW_OK) {
			release(items, n, i + 1);
			pw_store_rollback(s);
			return err->code;
		}
	}
	if (pw_store_case_update(s, &lc->row, err) != PW_OK ||
	    pw_store_audit_change(s, actor->user_id, "update", "case", lc->row.id, n ? pw_event_kind_name(items[0].kind) : NULL,
				  err) != PW_OK) {
		pw_store_rollback(s);
		return err->code;
	}
	if (first_id)
		*first_id = first;
	return pw_store_commit(s, err);
}
