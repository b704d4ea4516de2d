/* The demo school's cases, at every stage of the protocol, made through the
 * engine's own operations (the ones the API and the pages use) as the demo's
 * people, on a clock moved back and forward so the cases have a history:
 * new, talks half done, agreements due, escalated to the CLZ, consulted,
 * management brought in, sanctions proposed and decided, a deviation, cyber,
 * closed, reopened, and signals that stayed suspicions. */
#include <stdio.h>
#include <string.h>

#include "app/caseforms.h"
#include "app/sanctionforms.h"
#include "cli/demo.h"
#include "core/prevention.h"
#include "core/school_protocol.h"
#include "store/notices.h"
#include "store/people.h"
#include "store/prevention.h"
#include "util/clock.h"

struct run {
	struct pw_store *s;
	struct pw_arena *a;
	struct pw_err *err;
	int64_t school;
	pw_day today;
	const struct pw_protocol *p;
};

static enum pw_status actor(struct run *r, const char *login, struct pw_actor *out)
{
	struct pw_user u;
	memset(out, 0, sizeof *out);
	if (pw_store_user_by_login(r->s, r->a, login, &u, r->err) != PW_OK)
		return r->err->code;
	out->user_id = u.id;
	out->login = u.login;
	out->name = u.name;
	out->lang = u.lang;
	out->parent_id = u.parent_id;
	return pw_store_user_functies(r->s, r->a, u.id, &out->functies, &out->nfuncties, r->err);
}

/* Moves the one clock to ten past ten, `days` calendar days from today. */
static void at(struct run *r, int days)
{
	pw_clock_set(((int64_t)(r->today + days) * 86400 + 9 * 3600 + 600) * 1000);
}

static enum pw_status file_at(struct run *r, const struct pw_actor *who, int64_t target, int64_t bully, const char *sys,
			      const char *vorm, bool geweld, const char *cyber, bool naar_clz, const char *location,
			      struct pw_filed *out);

static enum pw_status file(struct run *r, const struct pw_actor *who, int64_t target, int64_t bully, const char *sys,
			   const char *vorm, bool geweld, const char *cyber, bool naar_clz, int64_t *case_id)
{
	struct pw_filed f = {0};
	enum pw_status st = file_at(r, who, target, bully, sys, vorm, geweld, cyber, naar_clz, "schoolplein", &f);
	if (case_id)
		*case_id = f.case_id;
	return st;
}

/* Files a signal as `who` on the clock's day, at `location`. */
static enum pw_status file_at(struct run *r, const struct pw_actor *who, int64_t target, int64_t bully, const char *sys,
			      const char *vorm, bool geweld, const char *cyber, bool naar_clz, const char *location,
			      struct pw_filed *out)
{
	char day[11];
	pw_day_format(pw_day_from_unix(pw_now()), day);
	const char *vormen[1] = {vorm};
	const char *kinds[1] = {cyber};
	const char *platforms[1] = {"whatsapp"};
	struct pw_flag_value flags[1] = {{"geweld_of_dreiging", NULL}};
	struct pw_person pp[2] = {{.student_id = target, .rol = "gepeste"}, {.student_id = bully, .rol = "pester"}};
	struct pw_signal s = {.occurred_on = day, .location = location, .systematisch = sys,
			      .description = "Gezien door een collega (demo).", .vormen = vormen, .n_vormen = vorm ? 1 : 0,
			      .flags = flags, .n_flags = geweld && pw_protocol_flag(r->p, "geweld_of_dreiging") ? 1 : 0,
			      .cyber = kinds, .n_cyber = cyber ? 1 : 0, .platforms = platforms, .n_platforms = cyber ? 1 : 0,
			      .naar_clz = naar_clz, .persons = pp, .n_persons = 2};
	json_t *data = json_pack("{s:[s?], s:{}, s:o, s:[]}", "vormen", vorm, "flags", "cyber",
				 cyber ? json_pack("{s:[s], s:[s]}", "soorten", cyber, "platforms", "whatsapp") : json_null(),
				 "signalen");
	if (vorm == NULL)
		json_object_set_new(data, "vormen", json_array());
	if (geweld)
		json_object_set_new(json_object_get(data, "flags"), "geweld_of_dreiging", json_true());
	enum pw_status st = pw_signal_file(r->s, r->a, who, r->school, &s, data, out, r->err);
	json_decref(data);
	return st;
}

/* Opens the case, builds one action with `build`, writes it. */
#define ACT(r, who, id, call)                                                                             \
	do {                                                                                               \
		struct pw_loaded_case lc_;                                                                 \
		struct pw_case_change ch_ = {0};                                                           \
		if (pw_case_open((r)->s, (r)->a, (who), (id), &lc_, (r)->err) != PW_OK)                    \
			return (r)->err->code;                                                             \
		struct pw_loaded_case *lc = &lc_;                                                          \
		struct pw_case_change *ch = &ch_;                                                          \
		enum pw_status st_ = (call);                                                               \
		if (st_ == PW_OK)                                                                          \
			st_ = pw_case_change_write((r)->s, (who), lc, ch, (r)->err);                       \
		pw_case_done(lc);                                                                          \
		if (st_ != PW_OK)                                                                          \
			return st_;                                                                        \
	} while (0)

static enum pw_status talk(struct run *r, const struct pw_actor *who, int64_t id, const char *kind, int64_t s1,
			   int64_t s2, const char *agreement)
{
	int64_t st[2] = {s1, s2};
	struct pw_cf_agreement ag = {.text = agreement};
	ACT(r, who, id, pw_cf_conversation(r->a, lc, kind, st, s2 ? 2 : 1, NULL, &ag, agreement ? 1 : 0, ch, r->err));
	return PW_OK;
}

static enum pw_status parents(struct run *r, const struct pw_actor *who, int64_t id, int64_t student)
{
	ACT(r, who, id,
	    pw_cf_parent_contact(r->a, lc, student, "telefoon", "Ouders gebeld en ingelicht (demo).", 0, ch, r->err));
	return PW_OK;
}

static enum pw_status step(struct run *r, const struct pw_actor *who, int64_t id, const char *key)
{
	ACT(r, who, id, pw_cf_step(r->a, lc, key, false, NULL, ch, r->err));
	return PW_OK;
}

/* The id of the case's first agreement (the one the demo evaluates). */
static int64_t agreement_of(struct run *r, const struct pw_actor *who, int64_t id)
{
	struct pw_loaded_case lc;
	struct pw_agreement_view *av;
	if (pw_case_open(r->s, r->a, who, id, &lc, r->err) != PW_OK)
		return 0;
	size_t n = pw_case_agreements(r->a, &lc.c, &av);
	pw_case_done(&lc);
	return n ? av[0].id : 0;
}

static enum pw_status evaluate(struct run *r, const struct pw_actor *who, int64_t id, const char *result)
{
	int64_t aid = agreement_of(r, who, id);
	ACT(r, who, id, pw_cf_evaluation(r->s, r->a, lc, aid, result, NULL, ch, r->err));
	return PW_OK;
}

static enum pw_status escalate(struct run *r, const struct pw_actor *who, int64_t id, const char *to, const char *why)
{
	ACT(r, who, id, pw_cf_escalation(r->s, r->a, who, lc, to, why, 0, ch, r->err));
	return PW_OK;
}

static enum pw_status close_case(struct run *r, const struct pw_actor *who, int64_t id)
{
	ACT(r, who, id, pw_cf_close(r->s, r->a, lc, "Het pesten is gestopt; de leerlingen gaan normaal met elkaar om.", NULL, 0, ch,
				    r->err));
	return PW_OK;
}

static enum pw_status sanction(struct run *r, const struct pw_actor *who, int64_t id, int64_t student, const char *kind,
			       int days_from, int days_to, int64_t *sid)
{
	struct pw_loaded_case lc;
	if (pw_case_open(r->s, r->a, who, id, &lc, r->err) != PW_OK)
		return r->err->code;
	pw_day now = pw_day_from_unix(pw_now());
	struct pw_sf_sanction in = {.student = student, .kind = kind, .reason = "Na herhaald pesten, met geweld (demo).",
				    .start_on = days_from ? pw_cal_add_school_days(&lc.cal, now, days_from) : 0,
				    .end_on = days_to ? pw_cal_add_school_days(&lc.cal, now, days_to) : 0};
	enum pw_sanction_status status;
	enum pw_status st = pw_sf_propose(r->s, r->a, who, &lc, &in, sid, &status, r->err);
	pw_case_done(&lc);
	return st;
}

static enum pw_status decide(struct run *r, const struct pw_actor *who, int64_t id, int64_t sid, int days_from,
			     int days_to)
{
	struct pw_loaded_case lc;
	if (pw_case_open(r->s, r->a, who, id, &lc, r->err) != PW_OK)
		return r->err->code;
	pw_day now = pw_day_from_unix(pw_now());
	static const char *const heard[] = {"leerling", "ouders", "docenten"};
	struct pw_sf_decision in = {.sanction = sid, .approve = true, .reason = "Besproken met leerling en ouders (demo).",
				    .start_on = pw_cal_add_school_days(&lc.cal, now, days_from),
				    .end_on = pw_cal_add_school_days(&lc.cal, now, days_to), .notice_sent_on = now,
				    .heard = heard, .n_heard = 3};
	enum pw_sanction_status status;
	enum pw_status st = pw_sf_decide(r->s, r->a, who, &lc, &in, &status, r->err);
	pw_case_done(&lc);
	return st;
}

static enum pw_status deviation(struct run *r, const struct pw_actor *who, int64_t id)
{
	struct pw_loaded_case lc;
	if (pw_case_open(r->s, r->a, who, id, &lc, r->err) != PW_OK)
		return r->err->code;
	int64_t eid;
	enum pw_status st = pw_sf_deviation(r->s, who, &lc,
					    "Zeer ernstig: bedreiging met een mes buiten school. Ouders opgeroepen, aangifte gedaan (demo).",
					    &eid, r->err);
	pw_case_done(&lc);
	return st;
}

/* n students of class `name` this year. */
static size_t class_students(struct run *r, const char *name, int64_t *out, size_t n)
{
	char day[11];
	pw_day_format(r->today, day);
	struct pw_student_query q = {.day = day, .class_name = name, .limit = (int)n};
	struct pw_student *st;
	size_t got;
	int64_t total;
	if (pw_store_student_search(r->s, r->a, &q, &st, &got, &total, r->err) != PW_OK)
		return 0;
	for (size_t i = 0; i < got; i++)
		out[i] = st[i].id;
	return got;
}

enum pw_status pw_demo_cases(struct pw_store *s, struct pw_arena *a, int64_t school, struct pw_err *err)
{
	struct run r = {.s = s, .a = a, .err = err, .school = school, .today = pw_day_from_unix(pw_now())};
	r.p = pw_school_protocol(s, school, NULL, err);
	if (r.p == NULL)
		return err->code;
	struct pw_actor docent, mentor, clz, apc, mt;
	if (actor(&r, "docent", &docent) || actor(&r, "mentor", &mentor) || actor(&r, "clz", &clz) ||
	    actor(&r, "apc", &apc) || actor(&r, "mt", &mt))
		return err->code;
	struct pw_class *cls;
	size_t ncls;
	char day[11];
	pw_day_format(r.today, day);
	if (pw_store_user_classes(s, a, mentor.user_id, day, &cls, &ncls, err) != PW_OK || ncls == 0)
		return pw_err_set(err, PW_EIO, "the demo's mentor has no class this year");
	int64_t m[24] = {0}, o[4] = {0};
	size_t nm = class_students(&r, cls[0].name, m, 24);
	/* Another class of the same leerjaar, for cases that cross the class. */
	char other[16];
	snprintf(other, sizeof other, "%c%c", cls[0].name[0], cls[0].name[1] == 'A' ? 'B' : 'A');
	size_t no = class_students(&r, other, o, 4);
	if (nm < 20 || no < 3)
		return pw_err_set(err, PW_EIO, "the demo's classes are too small for its cases");
	int64_t c;
	enum pw_status st = PW_OK;
	/* Closed: talks, an agreement kept, closed by the mentor. */
	at(&r, -60);
	if ((st = file(&r, &docent, m[12], m[13], "ja", "uitsluiting", false, NULL, false, &c)))
		goto out;
	at(&r, -59);
	if ((st = talk(&r, &mentor, c, "gepeste", m[12], 0, NULL)) || (st = talk(&r, &mentor, c, "pester", m[13], 0, NULL)) ||
	    (st = talk(&r, &mentor, c, "samen", m[12], m[13], "Samen in de projectgroep; niemand sluit een ander buiten.")) ||
	    (st = parents(&r, &mentor, c, m[12])) || (st = parents(&r, &mentor, c, m[13])))
		goto out;
	at(&r, -45);
	if ((st = evaluate(&r, &mentor, c, "gestopt")) || (st = close_case(&r, &mentor, c)))
		goto out;
	/* Reopened: closed earlier, bullied again this week: back at the CLZ. */
	at(&r, -50);
	if ((st = file(&r, &docent, m[14], m[15], "ja", "woorden_beelden", false, NULL, false, &c)))
		goto out;
	at(&r, -49);
	if ((st = talk(&r, &mentor, c, "gepeste", m[14], 0, NULL)) || (st = talk(&r, &mentor, c, "pester", m[15], 0, NULL)) ||
	    (st = talk(&r, &mentor, c, "samen", m[14], m[15], "Geen scheldwoorden meer in de klas of online.")))
		goto out;
	at(&r, -35);
	if ((st = evaluate(&r, &mentor, c, "gestopt")) || (st = close_case(&r, &mentor, c)))
		goto out;
	at(&r, -3);
	if ((st = file(&r, &docent, m[14], m[15], "ja", "woorden_beelden", false, NULL, false, NULL)))
		goto out;
	/* To the CLZ after the agreement was not kept, and the apc consulted. */
	at(&r, -30);
	if ((st = file(&r, &docent, m[6], m[7], "ja", "woorden_beelden", false, NULL, false, &c)))
		goto out;
	at(&r, -29);
	if ((st = talk(&r, &mentor, c, "gepeste", m[6], 0, NULL)) || (st = talk(&r, &mentor, c, "pester", m[7], 0, NULL)) ||
	    (st = talk(&r, &mentor, c, "samen", m[6], m[7], "Noah laat Sophie met rust in de pauzes.")))
		goto out;
	at(&r, -15);
	if ((st = evaluate(&r, &mentor, c, "doorgegaan")))
		goto out;
	at(&r, -14);
	if ((st = step(&r, &clz, c, "clz.overname")) || (st = talk(&r, &clz, c, "samen", m[6], m[7], NULL)))
		goto out;
	at(&r, -9);
	if ((st = escalate(&r, &clz, c, "apc", "We komen er samen niet uit: wat werkt bij dit groepsgedrag?")))
		goto out;
	/* Violence across classes: management brought in, sanctions proposed and decided. */
	at(&r, -21);
	if ((st = file(&r, &docent, m[8], o[0], "ja", "lichamelijk", true, NULL, false, &c)))
		goto out;
	at(&r, -20);
	int64_t sid = 0;
	if ((st = step(&r, &clz, c, "clz.overname")) || (st = talk(&r, &clz, c, "pester", o[0], 0, NULL)) ||
	    (st = talk(&r, &clz, c, "gepeste", m[8], 0, NULL)) ||
	    (st = escalate(&r, &clz, c, "mt", "Geweld op het schoolplein: het MT moet het weten.")) ||
	    (st = sanction(&r, &clz, c, o[0], "gesprek", 0, 0, &sid)))
		goto out;
	at(&r, -10);
	if ((st = sanction(&r, &clz, c, o[0], "schorsing_kort", 1, 1, &sid)) || (st = decide(&r, &mt, c, sid, 1, 1)))
		goto out;
	at(&r, -2);
	if ((st = sanction(&r, &clz, c, o[0], "schorsing_lang", 2, 4, &sid)))
		goto out;
	/* A deviation: management acts out of the ladder's order. */
	at(&r, -7);
	if ((st = file(&r, &docent, m[9], o[1], "ja", "afpersing", true, NULL, true, &c)) || (st = deviation(&r, &mt, c)))
		goto out;
	/* Cyberbullying, with its extra steps. */
	at(&r, -6);
	if ((st = file(&r, &docent, m[10], m[11], "ja", "woorden_beelden", false, "pestmail", false, &c)))
		goto out;
	at(&r, -5);
	if ((st = talk(&r, &mentor, c, "gepeste", m[10], 0, NULL)) || (st = step(&r, &mentor, c, "cyber.blokkeren")))
		goto out;
	/* Agreements due for evaluation. */
	at(&r, -18);
	if ((st = file(&r, &docent, m[4], m[5], "ja", "stelen_vernielen", false, NULL, false, &c)))
		goto out;
	at(&r, -17);
	if ((st = talk(&r, &mentor, c, "gepeste", m[4], 0, NULL)) || (st = talk(&r, &mentor, c, "pester", m[5], 0, NULL)) ||
	    (st = talk(&r, &mentor, c, "samen", m[4], m[5], "Spullen van een ander blijven liggen; schade wordt vergoed.")) ||
	    (st = parents(&r, &mentor, c, m[4])))
		goto out;
	/* The mentor's talks half done. */
	at(&r, -4);
	if ((st = file(&r, &docent, m[2], m[3], "ja", "uitsluiting", false, NULL, false, &c)))
		goto out;
	at(&r, -3);
	if ((st = talk(&r, &mentor, c, "gepeste", m[2], 0, NULL)))
		goto out;
	/* Suspicions that stayed suspicions (three about one pair: the pattern question). */
	for (int i = 0; i < 3; i++) {
		at(&r, -12 + 4 * i);
		if ((st = file(&r, &docent, m[16], m[17], i == 1 ? "onbekend" : "nee", NULL, false, NULL, false, NULL)))
			goto out;
	}
	/* New: filed yesterday, nothing done yet. */
	at(&r, -1);
	st = file(&r, &docent, m[0], m[1], "ja", "woorden_beelden", false, NULL, false, NULL);
out:
	pw_clock_real();
	return st;
}

/* ---- the earlier school years ---- */

/* The school's history before this year (demo --cases): in every earlier
 * school year, signals spread over its school days and the cases they
 * opened, worked through to the end by whoever owned them then (the class's
 * mentor, the department's CLZ after a repetition or a violent start, the MT
 * for suspensions) and closed before the summer; a few came back after
 * closing, some stayed suspicions. Older years had a little more bullying
 * and less of it online; the prevention calendar was kept better each year.
 * Made the way this year's cases are: the engine's operations on the moved
 * clock. The students are kept apart (each in one case at most, none of
 * this year's demo pairs), so no history case reopens or joins another. */

struct hist {
	struct run *r;
	struct pw_demo_rng g;
	struct pw_calendar cal;
	pw_day lessons_end;    /* the first day of the summer holiday */
	struct pw_actor **actors; /* loaded once per account; pointers stay valid */
	size_t nactors, capactors;
	int64_t *used;         /* students already in a history signal, or in this year's demo cases */
	size_t nused, capused;
	int age;               /* 1: last school year */
};

static const struct pw_actor *actor_id(struct hist *h, int64_t id)
{
	for (size_t i = 0; i < h->nactors; i++)
		if (h->actors[i]->user_id == id)
			return h->actors[i];
	struct pw_user u;
	struct pw_actor *a = pw_alloc(h->r->a, sizeof *a);
	if (pw_store_user_get(h->r->s, h->r->a, id, &u, h->r->err) != PW_OK || actor(h->r, u.login, a) != PW_OK)
		return NULL;
	h->actors = pw_arena_grow(h->r->a, h->actors, h->nactors, &h->capactors, sizeof *h->actors);
	h->actors[h->nactors++] = a;
	return a;
}

/* The case's owner now (the level's owner moves with the case). */
static const struct pw_actor *owner(struct hist *h, const struct pw_actor *mt, int64_t id)
{
	struct pw_loaded_case lc;
	if (pw_case_open(h->r->s, h->r->a, mt, id, &lc, h->r->err) != PW_OK)
		return NULL;
	int64_t who = lc.row.owner_id;
	pw_case_done(&lc);
	return actor_id(h, who);
}

static bool used(const struct hist *h, int64_t id)
{
	for (size_t i = 0; i < h->nused; i++)
		if (h->used[i] == id)
			return true;
	return false;
}

static void use(struct hist *h, int64_t id)
{
	h->used = pw_arena_grow(h->r->a, h->used, h->nused, &h->capused, sizeof *h->used);
	h->used[h->nused++] = id;
}

/* Ten past ten on day d. */
static void on_day(pw_day d)
{
	pw_clock_set(((int64_t)d * 86400 + 9 * 3600 + 600) * 1000);
}

/* n school days after d. */
static pw_day later(struct hist *h, pw_day d, int n)
{
	return pw_cal_add_school_days(&h->cal, d, n);
}

/* Two students of one class that year who are in no other demo case:
 * target and bully. 0 when the class has no such pair left. */
static int pair_in(struct hist *h, const struct pw_class *c, pw_day day, int64_t *target, int64_t *bully)
{
	char d[11];
	pw_day_format(day, d);
	struct pw_student_query q = {.day = d, .class_name = c->name, .limit = 60};
	struct pw_student *st;
	size_t got;
	int64_t total;
	if (pw_store_student_search(h->r->s, h->r->a, &q, &st, &got, &total, h->r->err) != PW_OK)
		return -1;
	int64_t free_[60];
	size_t nf = 0;
	for (size_t i = 0; i < got; i++)
		if (!used(h, st[i].id))
			free_[nf++] = st[i].id;
	if (nf < 2)
		return 0;
	uint32_t i = pw_demo_below(&h->g, (uint32_t)nf), j = pw_demo_below(&h->g, (uint32_t)nf - 1);
	if (j >= i)
		j++;
	*target = free_[i];
	*bully = free_[j];
	use(h, *target);
	use(h, *bully);
	return 1;
}

/* A school day of the year, before the last `margin` school days of lessons:
 * bullying peaks in the first weeks, when groups form, and before winter. */
static pw_day some_day(struct hist *h, int margin)
{
	pw_day last = h->lessons_end - 1;
	for (int k = 0; k < margin; k++)
		last = pw_cal_add_school_days(&h->cal, last, -1);
	for (;;) {
		pw_day d = h->cal.start + (pw_day)pw_demo_below(&h->g, (uint32_t)(last - h->cal.start + 1));
		if (!pw_cal_is_school_day(&h->cal, d))
			continue;
		int y, m, md;
		pw_day_to_ymd(d, &y, &m, &md);
		unsigned keep = m == 9 || m == 10 || m == 11 || m == 3 ? 1000 : 700;
		if (pw_demo_chance(&h->g, keep))
			return d;
	}
}

static const char *const where[] = {"schoolplein", "klas", "gang", "kantine", "gymzaal", "onderweg", "fietsenstalling"};
static const char *const kinds[] = {"pestmail", "online_stalking", "ongewenst_materiaal", "hacken"};
static const char *const forms[] = {"woorden_beelden", "woorden_beelden", "uitsluiting", "uitsluiting", "achtervolgen",
				    "stelen_vernielen", "meelopen", "lichamelijk"};
static const char *const agreements[] = {
	"Niemand wordt buitengesloten bij groepswerk of in de pauze.",
	"Geen scheldwoorden of bijnamen meer, in de klas en online.",
	"Spullen van een ander blijven liggen; schade wordt vergoed.",
	"Afstand houden in de gangen en bij de kluisjes.",
};

/* Evaluates every open agreement of the case as stopped, then closes it. */
static enum pw_status settle_and_close(struct run *r, const struct pw_actor *who, int64_t id)
{
	for (;;) {
		struct pw_loaded_case cur;
		struct pw_agreement_view *av;
		if (pw_case_open(r->s, r->a, who, id, &cur, r->err) != PW_OK)
			return r->err->code;
		size_t n = pw_case_agreements(r->a, &cur.c, &av);
		pw_case_done(&cur);
		int64_t aid = 0;
		for (size_t i = 0; i < n && !aid; i++)
			if (av[i].open)
				aid = av[i].id;
		if (aid == 0)
			break;
		ACT(r, who, id, pw_cf_evaluation(r->s, r->a, lc, aid, "gestopt", NULL, ch, r->err));
	}
	return close_case(r, who, id);
}

/* The mentor's talks with an agreement, and the parents called. */
static enum pw_status mentor_talks(struct hist *h, const struct pw_actor *m, int64_t c, int64_t t, int64_t b)
{
	struct run *r = h->r;
	enum pw_status st;
	if ((st = talk(r, m, c, "gepeste", t, 0, NULL)) || (st = talk(r, m, c, "pester", b, 0, NULL)) ||
	    (st = talk(r, m, c, "samen", t, b, agreements[pw_demo_below(&h->g, 4)])) || (st = parents(r, m, c, t)))
		return st;
	return pw_demo_chance(&h->g, 900) ? parents(r, m, c, b) : PW_OK;
}

/* The CLZ's part: taking over, the talk together with new agreements, both
 * parents, and (mostly in time) the help for the parents and the feedback
 * to the mentor. */
static enum pw_status clz_work(struct hist *h, const struct pw_actor *clz, int64_t c, int64_t t, int64_t b,
			       const char *agreement)
{
	struct run *r = h->r;
	enum pw_status st;
	if ((st = step(r, clz, c, "clz.overname")) || (st = talk(r, clz, c, "samen", t, b, agreement)) ||
	    (st = parents(r, clz, c, t)) || (st = parents(r, clz, c, b)) || (st = step(r, clz, c, "clz.hulp_ouders")))
		return st;
	return pw_demo_chance(&h->g, 850) ? step(r, clz, c, "clz.terugkoppeling") : PW_OK;
}

/* One signal of the year and, when it opens a case, the case to its end. */
static enum pw_status history_signal(struct hist *h, const struct pw_class *cls, size_t ncls,
				     const struct pw_actor *mt)
{
	struct run *r = h->r;
	/* More in the onderbouw: half the signals are about years 1 and 2. */
	const struct pw_class *c;
	do
		c = &cls[pw_demo_below(&h->g, (uint32_t)ncls)];
	while (c->year > 2 && pw_demo_chance(&h->g, 450));
	unsigned kind = pw_demo_below(&h->g, 1000);
	/* The share online grows year by year; violence and suspicions stay. */
	bool cyber = pw_demo_chance(&h->g, 300 > 70u * (unsigned)h->age ? 300 - 70u * (unsigned)h->age : 60);
	/* Filed early enough for the case to end before the summer. */
	pw_day d0 = some_day(h, kind < 220 ? 0 : kind < 690 ? 12 : kind < 760 ? 45 : kind < 930 ? 20 : 17);
	int64_t t, b;
	int ok = pair_in(h, c, d0, &t, &b);
	if (ok <= 0)
		return ok < 0 ? r->err->code : PW_OK;
	const struct pw_actor *filer = pw_demo_chance(&h->g, 500) ? actor_id(h, c->mentor[0]) : h->actors[0];
	if (filer == NULL)
		return r->err->code;
	const char *loc = cyber ? "online" : where[pw_demo_below(&h->g, sizeof where / sizeof where[0])];
	const char *ck = cyber ? kinds[pw_demo_below(&h->g, 4)] : NULL;
	const char *form = cyber ? "woorden_beelden" : forms[pw_demo_below(&h->g, sizeof forms / sizeof forms[0])];
	struct pw_filed f = {0};
	enum pw_status st;
	on_day(d0);
	if (kind < 220) /* a suspicion: not (yet) systematic */
		return file_at(r, filer, t, b, kind < 120 ? "nee" : "onbekend", NULL, false, ck, false, loc, &f);
	bool geweld = kind >= 930;
	/* Violence goes straight to the CLZ. */
	if ((st = file_at(r, filer, t, b, "ja", geweld ? "lichamelijk" : form, geweld, ck, geweld, loc, &f)))
		return st;
	int64_t id = f.case_id;
	const struct pw_actor *own = actor_id(h, f.owner_id);
	if (own == NULL)
		return r->err->code;
	pw_day d = later(h, d0, 1);
	on_day(d);
	if (geweld) {
		/* Violence: the CLZ and the MT, sanctions, closed after. */
		int64_t sid = 0;
		if ((st = talk(r, own, id, "pester", b, 0, NULL)) || (st = talk(r, own, id, "gepeste", t, 0, NULL)) ||
		    (st = clz_work(h, own, id, t, b, NULL)) || (st = escalate(r, own, id, "mt", "Geweld: het MT moet het weten.")) ||
		    (st = sanction(r, own, id, b, "gesprek", 0, 0, &sid)))
			return st;
		/* The ladder: a suspension after the talk, for half of them. */
		if (kind >= 965) {
			on_day(later(h, d, 3));
			if ((st = sanction(r, own, id, b, "schorsing_kort", 1, 1, &sid)) || (st = decide(r, mt, id, sid, 1, 1)))
				return st;
		}
		on_day(later(h, d, 15));
		return settle_and_close(r, own, id);
	}
	if ((st = mentor_talks(h, own, id, t, b)))
		return st;
	if (ck && (st = step(r, own, id, "cyber.blokkeren")))
		return st;
	d = later(h, d, 10);
	on_day(d);
	if (kind < 760) {
		/* Stopped after the talks; a few came back after closing, reopened at the CLZ. */
		if ((st = settle_and_close(r, own, id)))
			return st;
		if (kind >= 690) {
			d = later(h, d, 12 + (int)pw_demo_below(&h->g, 10));
			on_day(d);
			if ((st = file_at(r, filer, t, b, "ja", form, false, ck, false, loc, &f)))
				return st;
			const struct pw_actor *clz = owner(h, mt, id);
			if (clz == NULL)
				return r->err->code;
			on_day(later(h, d, 1));
			if ((st = clz_work(h, clz, id, t, b, NULL)))
				return st;
			on_day(later(h, d, 10));
			return settle_and_close(r, clz, id);
		}
		return PW_OK;
	}
	/* It went on: the CLZ takes over, sometimes with the apc's advice. */
	if ((st = evaluate(r, own, id, "doorgegaan")))
		return st;
	const struct pw_actor *clz = owner(h, mt, id);
	if (clz == NULL)
		return r->err->code;
	on_day(later(h, d, 1));
	if ((st = clz_work(h, clz, id, t, b, "Nieuwe afspraken onder toezicht van de CLZ; wekelijks even bijpraten.")))
		return st;
	if (kind >= 870) {
		on_day(later(h, d, 4));
		if ((st = escalate(r, clz, id, "apc", "De afspraken houden geen stand: wat werkt hier?")))
			return st;
	}
	on_day(later(h, d, 18));
	return settle_and_close(r, clz, id);
}

/* The prevention calendar of each class: most tasks done near their date,
 * a few skipped with a reason, the rest left open; kept better each year. */
static enum pw_status history_prevention(struct hist *h, const struct pw_schoolyear *sy, const struct pw_class *cls,
					 size_t ncls)
{
	struct run *r = h->r;
	unsigned done = 900 - 90u * (unsigned)(h->age - 1);
	for (size_t i = 0; i < ncls; i++) {
		struct pw_prev_task t[PW_PREV_MAX];
		size_t n = pw_prevention_tasks(r->p, cls[i].year, t, PW_PREV_MAX);
		pw_prevention_due(&h->cal, t, n, NULL, NULL);
		for (size_t k = 0; k < n; k++) {
			unsigned u = pw_demo_below(&h->g, 1000);
			if (u >= done + 40 || cls[i].mentor[0] == 0)
				continue;
			pw_day on = t[k].has_due ? t[k].due - (pw_day)pw_demo_below(&h->g, 6) : some_day(h, 0);
			while (!pw_cal_is_school_day(&h->cal, on) && on > h->cal.start)
				on--;
			char day[11];
			pw_day_format(on, day);
			struct pw_prev_record rec = {.class_id = cls[i].id, .activity = t[k].activity->key,
						     .status = u < done ? "done" : "skipped", .done_on = u < done ? day : "",
						     .note = u < done ? "" : "Uitgevallen door de toetsweek (demo).",
						     .by_id = cls[i].mentor[0]};
			int64_t id;
			on_day(on);
			if (pw_store_prevention_record(r->s, &rec, cls[i].mentor[0], &id, r->err) != PW_OK)
				return r->err->code;
		}
	}
	(void)sy;
	return PW_OK;
}

static enum pw_status history_year(struct hist *h, const struct pw_schoolyear *sy, const struct pw_actor *mt)
{
	struct run *r = h->r;
	struct pw_holiday *hol;
	struct pw_class *cls;
	size_t nh, ncls;
	if (pw_store_holiday_list(r->s, r->a, sy->id, &hol, &nh, r->err) != PW_OK ||
	    pw_store_class_list(r->s, r->a, sy->id, &cls, &ncls, r->err) != PW_OK)
		return r->err->code;
	struct pw_day_range *hr = pw_calloc(r->a, nh + 1, sizeof *hr);
	pw_day_parse(sy->end_on, &h->lessons_end);
	for (size_t i = 0; i < nh; i++) {
		pw_day_parse(hol[i].start_on, &hr[i].from);
		pw_day_parse(hol[i].end_on, &hr[i].to);
		if (hr[i].to >= h->lessons_end && hr[i].from < h->lessons_end)
			h->lessons_end = hr[i].from;
	}
	h->cal = (struct pw_calendar){.holidays = hr, .nholidays = nh};
	pw_day_parse(sy->start_on, &h->cal.start);
	pw_day_parse(sy->end_on, &h->cal.end);
	if (ncls == 0)
		return PW_OK;
	enum pw_status st = history_prevention(h, sy, cls, ncls);
	/* About four signals for every five classes, a few more the further back. */
	size_t n = ncls * (80 + 12 * (size_t)h->age) / 100;
	for (size_t i = 0; st == PW_OK && i < n; i++)
		st = history_signal(h, cls, ncls, mt);
	return st;
}

enum pw_status pw_demo_history(struct pw_store *s, struct pw_arena *a, int64_t school, uint64_t seed, struct pw_err *err)
{
	struct run r = {.s = s, .a = a, .err = err, .school = school, .today = pw_day_from_unix(pw_now())};
	r.p = pw_school_protocol(s, school, NULL, err);
	if (r.p == NULL)
		return err->code;
	struct pw_schoolyear *years;
	size_t ny;
	struct pw_actor mt;
	struct hist h = {.r = &r};
	pw_demo_rng_seed(&h.g, seed ^ 0x67657363686965ULL);
	if (pw_store_schoolyear_list(s, a, school, &years, &ny, err) != PW_OK || actor(&r, "mt", &mt) != PW_OK)
		return err->code;
	/* actors[0] is the docent, who files half the signals. */
	struct pw_user u;
	if (pw_store_user_by_login(s, a, "docent", &u, err) != PW_OK || actor_id(&h, u.id) == NULL)
		return err->code;
	/* This year's demo cases are about the mentor's class and one beside it:
	 * their students stay out of the history. */
	struct pw_actor mentor;
	struct pw_class *cls;
	size_t ncls;
	char day[11];
	pw_day_format(r.today, day);
	if (actor(&r, "mentor", &mentor) != PW_OK ||
	    pw_store_user_classes(s, a, mentor.user_id, day, &cls, &ncls, err) != PW_OK)
		return err->code;
	if (ncls > 0) {
		char other[16];
		snprintf(other, sizeof other, "%c%c", cls[0].name[0], cls[0].name[1] == 'A' ? 'B' : 'A');
		int64_t ids[64];
		size_t n = class_students(&r, cls[0].name, ids, 64);
		for (size_t i = 0; i < n; i++)
			use(&h, ids[i]);
		n = class_students(&r, other, ids, 64);
		for (size_t i = 0; i < n; i++)
			use(&h, ids[i]);
	}
	enum pw_status st = PW_OK;
	/* Oldest first, as it happened; the last year listed is this one. */
	for (size_t y = 0; st == PW_OK && y + 1 < ny; y++) {
		h.age = (int)(ny - 1 - y);
		st = history_year(&h, &years[y], &mt);
	}
	/* Everyone read what they were told back then: the history leaves
	 * nothing new on this year's task lists. */
	struct pw_user *users;
	size_t nu;
	if (st == PW_OK && ny > 1)
		st = pw_store_user_list(s, a, &users, &nu, err);
	for (size_t i = 0; st == PW_OK && ny > 1 && i < nu; i++) {
		struct pw_notice *nt;
		size_t nn;
		if ((st = pw_store_notices_unseen(s, a, users[i].id, 1000, &nt, &nn, err)) != PW_OK)
			break;
		for (size_t k = 0; st == PW_OK && k < nn; k++) {
			on_day(pw_day_from_unix(nt[k].at) + 1);
			st = pw_store_notice_seen(s, users[i].id, nt[k].id, err);
		}
	}
	pw_clock_real();
	return st;
}
