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
#include "core/school_protocol.h"
#include "store/people.h"
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

static enum pw_status file(struct run *r, const struct pw_actor *who, int64_t target, int64_t bully, const char *sys,
			   const char *vorm, bool geweld, const char *cyber, bool naar_clz, int64_t *case_id)
{
	char day[11];
	pw_day_format(pw_day_from_unix(pw_now()), day);
	const char *vormen[1] = {vorm};
	const char *kinds[1] = {cyber};
	const char *platforms[1] = {"whatsapp"};
	struct pw_flag_value flags[1] = {{"geweld_of_dreiging", NULL}};
	struct pw_person pp[2] = {{.student_id = target, .rol = "gepeste"}, {.student_id = bully, .rol = "pester"}};
	struct pw_signal s = {.occurred_on = day, .location = "schoolplein", .systematisch = sys,
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
	struct pw_filed f;
	enum pw_status st = pw_signal_file(r->s, r->a, who, r->school, &s, data, &f, r->err);
	json_decref(data);
	if (case_id)
		*case_id = f.case_id;
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
