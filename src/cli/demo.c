/* pestwijzer demo: fills an empty database with a fictional school board, so
 * a newcomer's `make run` shows a living school, and tests and benchmarks get
 * realistic data of any size. docs/demo.md describes what is in it.
 *
 * Deterministic: every choice comes from one seeded PRNG in a fixed order,
 * and rows are inserted in that order, so the same --seed gives the same
 * content, ids included (only the password hashes differ: argon2id salts
 * them at random). Everything is one transaction: a demo is there whole or
 * not at all, and one commit is what makes 20,000 students take seconds. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/password.h"
#include "cli/cli.h"
#include "cli/demo.h"
#include "core/calendar.h"
#include "store/people.h"
#include "util/clock.h"

static const char USAGE[] =
	"Usage: pestwijzer demo [--db PATH] [--seed N] [--schools N] [--students N] [--years N] [--force]\n\n"
	"Vult een lege database met een verzonnen schoolbestuur: scholen, schooljaren met de vakanties\n"
	"van regio midden, klassen met mentoren, leerlingen met hun ouders en medewerkers met functies.\n"
	"Maakt de database aan als die er nog niet is; weigert een database waarin al een school staat.\n\n"
	"  --seed N       dezelfde seed geeft dezelfde inhoud (standaard 1)\n"
	"  --schools N    aantal scholen (standaard 1, hoogstens 50)\n"
	"  --students N   leerlingen per school dit schooljaar (standaard 1200, 6 tot 10000)\n"
	"  --years N      schooljaren geschiedenis, dit schooljaar meegeteld (standaard 3, hoogstens 10)\n"
	"  --force        sta grotere aantallen toe (voor benchmarks)\n"
	"  --cases        maak ook casussen in elke fase van het protocol (via de eigen handelingen van\n"
	"                 Pestwijzer, met een geschiedenis van enkele weken); nodig: 600 leerlingen of meer\n\n"
	"Demo-logins (wachtwoord: demo): docent, mentor, clz, apc, mt, beheerder\n";

#define DEMO_PASSWORD "demo"
#define LEVELS 6 /* years 1..6 of a Dutch secondary school (vwo) */

struct opts {
	const char *db;
	uint64_t seed;
	long schools, students, years;
	int force;
	int cases; /* --cases: also cases at every stage of the protocol */
};

/* ---- progress on a terminal ---- */

struct progress {
	int on;          /* stderr is a terminal */
	const char *label;
	long total, done;
	int shown;       /* last percentage drawn, -1 for none */
};

static void progress_start(struct progress *p, const char *label, long total)
{
	p->label = label;
	p->total = total > 0 ? total : 1;
	p->done = 0;
	p->shown = -1;
}

static void progress_add(struct progress *p, long n)
{
	p->done += n;
	if (!p->on)
		return;
	int pct = (int)(p->done * 100 / p->total);
	if (pct > 100)
		pct = 100;
	/* Redraw only when the number changes: a write per student would cost
	 * more than the student. */
	if (pct == p->shown)
		return;
	p->shown = pct;
	static const char bar[] = "########################################";
	int w = pct * 40 / 100;
	fprintf(stderr, "\r%-12s [%.*s%*s] %3d%%", p->label, w, bar, 40 - w, "", pct);
	if (pct == 100)
		fputc('\n', stderr);
	fflush(stderr);
}

/* ---- the calendar of region midden ---- */

/* Dates as the government published them for region midden, where the usual
 * rule (below) would be off; other years follow the rule, which gives dates
 * like the official ones but not necessarily those. */
struct known_date {
	int year;
	int month, mday;
};
static const struct known_date known_herfst[] = {{2023, 10, 14}};
static const struct known_date known_voorjaar[] = {{2024, 2, 10}, {2025, 2, 22}};
static const struct known_date known_zomer[] = {{2023, 7, 8}, {2024, 7, 13}, {2025, 7, 19}, {2026, 7, 18}};

static int known(const struct known_date *k, size_t n, int year, pw_day *out)
{
	for (size_t i = 0; i < n; i++)
		if (k[i].year == year) {
			*out = pw_day_from_ymd(year, k[i].month, k[i].mday);
			return 1;
		}
	return 0;
}

/* The Saturday before the Monday of ISO week `week` of `year`: holidays run
 * from that Saturday to the Sunday after, nine days. */
static pw_day saturday_before_week(int year, int week)
{
	pw_day jan4 = pw_day_from_ymd(year, 1, 4); /* always in week 1 */
	pw_day monday = jan4 - (pw_day_weekday(jan4) - 1) + 7 * (week - 1);
	return monday - 2;
}

/* The Saturday on or before d. */
static pw_day saturday_upto(pw_day d)
{
	return d - (pw_day_weekday(d) + 1) % 7;
}

/* The summer holiday of calendar year y: six weeks and two weekends. */
static struct pw_day_range zomer(int y)
{
	pw_day from;
	if (!known(known_zomer, sizeof known_zomer / sizeof known_zomer[0], y, &from))
		from = saturday_upto(pw_day_from_ymd(y, 7, 17));
	return (struct pw_day_range){from, from + 43};
}

/* The school year starting in y begins on the Monday after the summer
 * holiday and ends the day before the next one begins, so every day of the
 * year belongs to one school year (a demo started in the summer still shows
 * classes) and the summer holiday is the last holiday of its year. */
static pw_day year_start(int y)
{
	return zomer(y).to + 1;
}

enum { HOLIDAYS = 5 };

static void holidays_of(int y, struct pw_day_range h[HOLIDAYS])
{
	pw_day d;
	if (!known(known_herfst, sizeof known_herfst / sizeof known_herfst[0], y, &d))
		d = saturday_before_week(y, 43);
	h[0] = (struct pw_day_range){d, d + 8};
	/* Christmas: the two weeks holding 25 December and 1 January. */
	d = saturday_upto(pw_day_from_ymd(y, 12, 24));
	h[1] = (struct pw_day_range){d, d + 15};
	if (!known(known_voorjaar, sizeof known_voorjaar / sizeof known_voorjaar[0], y + 1, &d))
		d = saturday_before_week(y + 1, 8);
	h[2] = (struct pw_day_range){d, d + 8};
	/* May: the week holding 1 May (Koningsdag and 5 May fall in or by it). */
	pw_day may1 = pw_day_from_ymd(y + 1, 5, 1);
	d = may1 - (pw_day_weekday(may1) - 1) - 2;
	h[3] = (struct pw_day_range){d, d + 8};
	h[4] = zomer(y + 1);
}

static const char *const holiday_names[HOLIDAYS] = {"herfstvakantie", "kerstvakantie", "voorjaarsvakantie",
						    "meivakantie", "zomervakantie"};

/* ---- staff ---- */

/* Who works at a school, before and after the accounts exist. */
struct staff {
	int64_t id;
	const char *login, *name, *email;
	const char *functie;    /* the main functie: vakdocent, mt, ... */
	const char *department; /* for clz */
	int girl;
	int mentor;             /* mentored a class in some year of the history */
	int vertrouwens;        /* also vertrouwenspersoon */
};

/* The non-teaching staff of every school, in account order. */
static const struct {
	const char *functie, *department, *fixed_login; /* fixed logins at the first school only */
} specials[] = {
	{"beheerder", "", "beheerder"},
	{"mt", "", "mt"},
	{"mt", "", NULL},
	{"mt", "", NULL},
	{"apc", "", "apc"},
	{"clz", "onderbouw", "clz"},
	{"clz", "bovenbouw", NULL},
	{"leerlingbegeleider", "", NULL},
	{"leerlingbegeleider", "", NULL},
	{"ib", "", NULL},
};
#define NSPECIALS ((int)(sizeof specials / sizeof specials[0]))
/* Teachers 0 and 1 of the first school are the `docent` and `mentor` logins. */
#define T_DOCENT 0
#define T_MENTOR 1

/* The whole demo's state, across schools. */
struct demo {
	struct pw_store *store;
	struct pw_arena arena; /* logins, names, e-mail addresses; freed at the end */
	struct pw_demo_rng rng;
	struct pw_err *err;
	struct progress prog;
	const struct opts *o;
	char hashes[6][256];   /* the fixed logins' password hashes */
	const char **logins;   /* every login so far, to keep them unique */
	size_t nlogins, caplogins;
	long staff_seq, student_seq, parent_seq;
	long nstaff, nparents, nstudents_now, nstudents_all, nclasses_now;
	int ycur;              /* the first calendar year of the current school year */
	int64_t cross[2];      /* teachers of the previous school who also teach at the next */
};

static int login_taken(const struct demo *d, const char *l)
{
	for (size_t i = 0; i < d->nlogins; i++)
		if (strcmp(d->logins[i], l) == 0)
			return 1;
	return 0;
}

static void login_keep(struct demo *d, const char *l)
{
	if (d->nlogins == d->caplogins) {
		d->caplogins = d->caplogins ? 2 * d->caplogins : 256;
		d->logins = pw_xrealloc(d->logins, d->caplogins * sizeof *d->logins);
	}
	d->logins[d->nlogins++] = l;
}

/* A login the way school administrations make them: initial and surname,
 * "jdevries", with a number when taken. */
static const char *make_login(struct demo *d, const char *first, const struct pw_demo_surname *sn)
{
	char f[64], s[128], base[160];
	pw_demo_ascii(first, f, sizeof f);
	pw_demo_ascii(sn->prefix, s, sizeof s);
	size_t n = strlen(s);
	pw_demo_ascii(sn->last, s + n, sizeof s - n);
	snprintf(base, sizeof base, "%c%s", f[0] ? f[0] : 'x', s);
	const char *l = pw_strdup(&d->arena, base);
	for (int k = 2; login_taken(d, l); k++)
		l = pw_printf(&d->arena, "%s%d", base, k);
	login_keep(d, l);
	return l;
}

static const char *full_name(struct pw_arena *a, const char *first, const struct pw_demo_surname *sn)
{
	return sn->prefix[0] ? pw_printf(a, "%s %s %s", first, sn->prefix, sn->last) : pw_printf(a, "%s %s", first, sn->last);
}

static enum pw_status add_account(struct demo *d, struct staff *st, const char *hash)
{
	char ext[32];
	snprintf(ext, sizeof ext, "M%05ld", ++d->staff_seq);
	struct pw_user u = {.login = st->login, .name = st->name, .email = st->email, .external_id = ext,
			    .password_hash = hash};
	d->nstaff++;
	return pw_store_user_add(d->store, &u, &st->id, d->err);
}

static enum pw_status add_functie(struct demo *d, int64_t user, int64_t school, const char *functie, const char *dep)
{
	struct pw_user_functie f = {.school_id = school, .functie = functie, .department = dep};
	return pw_store_user_functie_add(d->store, user, &f, NULL, d->err);
}

/* ---- one school ---- */

/* A household: one or two parents, shared by siblings. */
struct family {
	struct pw_demo_surname sn;
	int64_t parent[2];
	int nparents;
	int custody[2];
	const char *relation[2], *restriction[2];
};

struct school_plan {
	int index;          /* 0 for the first school */
	int64_t id;
	int classes;        /* classes per level */
	int teachers;
	int y0;             /* first calendar year of the oldest school year */
	int nyears;
	int64_t *class_id;  /* [year][level][class], nyears * LEVELS * classes */
	struct staff *staff; /* NSPECIALS non-teaching, then the teachers */
	int nstaff;
};

/* About 25 students per class over six levels: 8 classes a level for 1,200. */
static int classes_per_level(long students)
{
	long c = (students + 75) / 150;
	return c < 1 ? 1 : (int)c;
}

/* The demo mentor's class letter: B (2B), or A in a school too small for it. */
static int mentor_class(int classes)
{
	return classes >= 2 ? 1 : 0;
}

static int64_t *class_at(struct school_plan *p, int yi, int level, int c)
{
	return &p->class_id[((size_t)yi * LEVELS + (size_t)(level - 1)) * (size_t)p->classes + (size_t)c];
}

static void class_name(char *out, size_t n, int level, int c)
{
	if (c < 26)
		snprintf(out, n, "%d%c", level, 'A' + c);
	else
		snprintf(out, n, "%d%c%d", level, 'A' + c % 26, c / 26 + 1);
}

static enum pw_status make_staff(struct demo *d, struct school_plan *p)
{
	p->nstaff = NSPECIALS + p->teachers;
	p->staff = pw_calloc(&d->arena, (size_t)p->nstaff, sizeof *p->staff);
	int hash_i = 0;
	for (int i = 0; i < p->nstaff; i++) {
		struct staff *st = &p->staff[i];
		/* Schools employ more women than men, the more so in care roles. */
		st->girl = pw_demo_chance(&d->rng, 620);
		const char *first = pw_demo_first_name(&d->rng, PW_DEMO_ADULT, st->girl);
		struct pw_demo_surname sn = pw_demo_surname(&d->rng);
		st->name = full_name(&d->arena, first, &sn);
		const char *fixed = NULL;
		if (i < NSPECIALS) {
			st->functie = specials[i].functie;
			st->department = specials[i].department;
			fixed = specials[i].fixed_login;
		} else {
			int t = i - NSPECIALS;
			st->functie = "vakdocent";
			st->department = "";
			fixed = t == T_DOCENT ? "docent" : t == T_MENTOR ? "mentor" : NULL;
			/* Two teachers are also the school's vertrouwenspersonen. */
			st->vertrouwens = t == 2 || t == 3;
		}
		const char *hash = NULL;
		if (p->index == 0 && fixed) {
			st->login = fixed;
			login_keep(d, fixed);
			hash = d->hashes[hash_i++];
		} else {
			st->login = make_login(d, first, &sn);
		}
		st->email = pw_printf(&d->arena, "%s@example.nl", st->login);
		if (add_account(d, st, hash) != PW_OK)
			return d->err->code;
	}
	return PW_OK;
}

/* School years, holidays, classes and their mentors, oldest year first. */
static enum pw_status make_years(struct demo *d, struct school_plan *p)
{
	struct pw_store *s = d->store;
	/* The mentors come from a steady group of about three in four teachers
	 * (mentoring is a task a teacher keeps for years), drawn anew to classes
	 * each year. At the first school `mentor` is kept out of the draw and
	 * placed by hand, and `docent` is no mentor. */
	int *pool = pw_calloc(&d->arena, (size_t)p->teachers, sizeof *pool), npool = 0;
	for (int t = 0; t < p->teachers; t++)
		if (p->index != 0 || (t != T_DOCENT && t != T_MENTOR))
			pool[npool++] = NSPECIALS + t;
	pw_demo_shuffle(&d->rng, pool, (size_t)npool);
	int slots = LEVELS * p->classes + LEVELS * p->classes / 4 + 2;
	if (npool > slots)
		npool = slots;
	for (int yi = 0; yi < p->nyears; yi++) {
		int y = p->y0 + yi;
		char name[10], from[11], to[11];
		pw_schoolyear_name(y, name);
		pw_day_format(year_start(y), from);
		pw_day_format(year_start(y + 1) - 1, to);
		int64_t sy;
		if (pw_store_schoolyear_add(s, p->id, name, from, to, &sy, d->err) != PW_OK)
			return d->err->code;
		struct pw_day_range r[HOLIDAYS];
		holidays_of(y, r);
		struct pw_holiday h[HOLIDAYS];
		char dates[HOLIDAYS][2][11];
		for (int k = 0; k < HOLIDAYS; k++) {
			pw_day_format(r[k].from, dates[k][0]);
			pw_day_format(r[k].to, dates[k][1]);
			h[k] = (struct pw_holiday){.name = holiday_names[k], .start_on = dates[k][0], .end_on = dates[k][1]};
		}
		if (pw_store_holidays_set(s, sy, h, HOLIDAYS, d->err) != PW_OK)
			return d->err->code;

		pw_demo_shuffle(&d->rng, pool, (size_t)npool);
		int next = 0;
		int mentor_letter = mentor_class(p->classes);
		for (int level = 1; level <= LEVELS; level++) {
			for (int c = 0; c < p->classes; c++) {
				char cname[16];
				class_name(cname, sizeof cname, level, c);
				enum pw_change ch;
				int64_t *cid = class_at(p, yi, level, c);
				if (pw_store_class_upsert(s, sy, cname, level, level <= 2 ? "onderbouw" : "bovenbouw", cid, &ch,
							  d->err) != PW_OK)
					return d->err->code;
				int m1, m2 = -1;
				/* The demo mentor has 2B now and had 1B last year: their class
				 * moved up with them, as often in the onderbouw. */
				if (p->index == 0 && c == mentor_letter &&
				    ((yi == p->nyears - 1 && level == 2) || (yi == p->nyears - 2 && level == 1)))
					m1 = NSPECIALS + T_MENTOR;
				else
					m1 = pool[next++ % npool];
				/* About one class in four shares the mentorship. */
				if (pw_demo_chance(&d->rng, 250) && next < npool)
					m2 = pool[next++];
				p->staff[m1].mentor = 1;
				if (m2 >= 0)
					p->staff[m2].mentor = 1;
				if (pw_store_class_set_mentors(s, *cid, p->staff[m1].id, m2 >= 0 ? p->staff[m2].id : 0, &ch,
							       d->err) != PW_OK)
					return d->err->code;
				if (yi == p->nyears - 1)
					d->nclasses_now++;
			}
		}
	}
	return PW_OK;
}

static enum pw_status make_functies(struct demo *d, struct school_plan *p)
{
	for (int i = 0; i < p->nstaff; i++) {
		struct staff *st = &p->staff[i];
		if (add_functie(d, st->id, p->id, st->functie, st->department) != PW_OK ||
		    (st->mentor && add_functie(d, st->id, p->id, "mentor", "") != PW_OK) ||
		    (st->vertrouwens && add_functie(d, st->id, p->id, "vertrouwenspersoon", "") != PW_OK))
			return d->err->code;
	}
	/* Staff work at several of a board's schools: two teachers of the
	 * previous school also teach here. */
	for (int k = 0; k < 2; k++)
		if (d->cross[k] && add_functie(d, d->cross[k], p->id, "vakdocent", "") != PW_OK)
			return d->err->code;
	d->cross[0] = p->staff[NSPECIALS + 4 % p->teachers].id;
	d->cross[1] = p->staff[NSPECIALS + 5 % p->teachers].id;
	return PW_OK;
}

/* An e-mail address for a parent, @example.nl only (RFC 2606: no one's). */
static const char *parent_email(struct demo *d, struct pw_arena *a, const char *first, const struct pw_demo_surname *sn)
{
	char f[64], s[128];
	pw_demo_ascii(first, f, sizeof f);
	pw_demo_ascii(sn->prefix, s, sizeof s);
	size_t n = strlen(s);
	pw_demo_ascii(sn->last, s + n, sizeof s - n);
	if (pw_demo_chance(&d->rng, 400))
		return pw_printf(a, "%s.%s%02u@example.nl", f, s, pw_demo_below(&d->rng, 100));
	return pw_printf(a, "%s.%s@example.nl", f, s);
}

/* Creates the parents of a new family. staff, if not NULL, is a member of
 * staff who is one of them (the protocol keeps them out of their child's
 * cases). */
static enum pw_status make_family(struct demo *d, struct pw_arena *a, struct family *f, struct staff *staff)
{
	f->sn = pw_demo_surname(&d->rng);
	f->nparents = pw_demo_chance(&d->rng, 800) ? 2 : 1;
	int girl0 = staff ? staff->girl : pw_demo_chance(&d->rng, 550);
	for (int k = 0; k < f->nparents; k++) {
		int girl = k == 0 ? girl0 : (pw_demo_chance(&d->rng, 900) ? !girl0 : girl0);
		const char *first = pw_demo_first_name(&d->rng, PW_DEMO_ADULT, girl);
		/* The second parent often has a surname of their own. */
		struct pw_demo_surname sn = k == 0 || pw_demo_chance(&d->rng, 600) ? f->sn : pw_demo_surname(&d->rng);
		char ext[32], phone[16];
		snprintf(ext, sizeof ext, "O%06ld", ++d->parent_seq);
		/* 06-0 numbers are not handed out to subscribers: nobody's phone. */
		snprintf(phone, sizeof phone, "06-0%07u", pw_demo_below(&d->rng, 10000000));
		struct pw_parent in = {.external_id = ext, .phone = phone};
		if (k == 0 && staff) {
			in.name = staff->name;
			in.email = staff->email;
		} else {
			in.name = full_name(a, first, &sn);
			in.email = parent_email(d, a, first, &sn);
		}
		f->relation[k] = girl ? "moeder" : "vader";
		/* Custody (gezag) is the rule; a few parents without it, and a few
		 * links with a restriction the school must respect. */
		f->custody[k] = k == 0 || !pw_demo_chance(&d->rng, 40);
		f->restriction[k] = k == 1 && pw_demo_chance(&d->rng, 20) ? pw_demo_restriction(&d->rng) : "";
		enum pw_change ch;
		if (pw_store_parent_upsert(d->store, &in, &f->parent[k], &ch, d->err) != PW_OK)
			return d->err->code;
		d->nparents++;
		if (k == 0 && staff && pw_store_user_set_parent(d->store, staff->id, f->parent[k], d->err) != PW_OK)
			return d->err->code;
	}
	return PW_OK;
}

/* Students, cohort by cohort (the oldest first): each enters year 1, moves up
 * one year every school year and leaves after year 6, so the history is
 * consistent. A cohort entering in year e is in level y - e + 1 in year y. */
static enum pw_status make_students(struct demo *d, struct school_plan *p)
{
	int ycur = p->y0 + p->nyears - 1;
	int first_entry = p->y0 - (LEVELS - 1);
	int ncohorts = ycur - first_entry + 1;
	long per = d->o->students / LEVELS, extra = d->o->students % LEVELS;
	/* Staff who are parents: a few teachers (never the demo logins), each
	 * with a child at school now. */
	int nsp = p->teachers / 20 > 0 ? p->teachers / 20 : 1;
	size_t capf = 256, nf = 0;
	struct family *fam = pw_xmalloc(capf * sizeof *fam);
	size_t *cohort_fam = pw_xcalloc((size_t)ncohorts + 1, sizeof *cohort_fam);
	struct pw_arena a;
	pw_arena_init(&a);
	enum pw_status st = PW_OK;
	for (int ci = 0; ci < ncohorts; ci++) {
		int entry = first_entry + ci;
		cohort_fam[ci] = nf;
		/* Any six consecutive cohorts add up to --students exactly. */
		long size = per + ((entry % LEVELS + LEVELS) % LEVELS < extra ? 1 : 0);
		for (long j = 0; j < size; j++) {
			pw_arena_reset(&a);
			struct staff *sp = NULL;
			for (int t = 0; t < nsp; t++)
				if (ci == ncohorts - 1 - t % LEVELS && j == 2 + (long)(t / LEVELS) * 7)
					sp = &p->staff[NSPECIALS + (5 + 7 * t) % p->teachers];
			struct family *f;
			/* One in ten has an older brother or sister here (a family of the
			 * last three cohorts). */
			size_t lo = cohort_fam[ci >= 3 ? ci - 3 : 0];
			if (sp == NULL && nf > lo && pw_demo_chance(&d->rng, 100)) {
				f = &fam[lo + pw_demo_below(&d->rng, (uint32_t)(nf - lo))];
			} else {
				if (nf == capf) {
					capf *= 2;
					fam = pw_xrealloc(fam, capf * sizeof *fam);
				}
				f = &fam[nf++];
				memset(f, 0, sizeof *f);
				if ((st = make_family(d, &a, f, sp)) != PW_OK)
					goto out;
			}
			int girl = pw_demo_chance(&d->rng, 500);
			/* Born between 1 October and 30 September, twelve on entering. */
			pw_day born = pw_day_from_ymd(entry - 13, 10, 1) + (pw_day)pw_demo_below(&d->rng, 365);
			char ext[32], bd[11];
			snprintf(ext, sizeof ext, "%ld", 100000 + ++d->student_seq);
			pw_day_format(born, bd);
			struct pw_student in = {.external_id = ext,
						.first_name = pw_demo_first_name(&d->rng, PW_DEMO_CHILD, girl),
						.prefix = f->sn.prefix,
						.last_name = f->sn.last,
						.birth_date = bd};
			int64_t sid;
			enum pw_change ch;
			if ((st = pw_store_student_upsert(d->store, &in, &sid, &ch, d->err)) != PW_OK)
				goto out;
			d->nstudents_all++;
			for (int k = 0; k < f->nparents; k++)
				if ((st = pw_store_parent_link(d->store, sid, f->parent[k], f->relation[k], f->custody[k],
							       f->restriction[k], &ch, d->err)) != PW_OK)
					goto out;
			int letter = (int)(j % p->classes);
			int from = entry > p->y0 ? entry : p->y0, to = entry + LEVELS - 1 < ycur ? entry + LEVELS - 1 : ycur;
			for (int y = from; y <= to; y++) {
				/* Now and then a student changes class at the new year. */
				if (y > from && p->classes > 1 && pw_demo_chance(&d->rng, 40))
					letter = (int)pw_demo_below(&d->rng, (uint32_t)p->classes);
				if ((st = pw_store_enroll(d->store, sid, *class_at(p, y - p->y0, y - entry + 1, letter), &ch,
							  d->err)) != PW_OK)
					goto out;
				if (y == ycur)
					d->nstudents_now++;
			}
			progress_add(&d->prog, 1);
		}
	}
out:
	pw_arena_free(&a);
	free(fam);
	free(cohort_fam);
	return st;
}

static enum pw_status make_school(struct demo *d, int index)
{
	struct school_plan p = {.index = index};
	char code[40], name[80];
	pw_demo_school_name(index, code, sizeof code, name, sizeof name);
	if (pw_store_school_add(d->store, code, name, "midden", &p.id, d->err) != PW_OK)
		return d->err->code;
	long s = d->o->students;
	p.classes = classes_per_level(s);
	p.nyears = (int)d->o->years;
	p.y0 = d->ycur - p.nyears + 1;
	/* About 90 staff for 1,200 students; enough teachers for every class to
	 * have a mentor, and a quarter of them a second one. */
	int want = (int)(s * 3 / 40) - NSPECIALS, need = 6 * p.classes + (6 * p.classes) / 4 + 4;
	p.teachers = want > need ? want : need;
	p.class_id = pw_xcalloc((size_t)p.nyears * LEVELS * (size_t)p.classes, sizeof *p.class_id);
	enum pw_status st = make_staff(d, &p);
	if (st == PW_OK)
		st = make_years(d, &p);
	if (st == PW_OK)
		st = make_functies(d, &p);
	if (st == PW_OK)
		st = make_students(d, &p);
	free(p.class_id);
	return st;
}

/* ---- the command ---- */

static int parse_num(const char *opt, const char *v, long lo, long hi, long *out)
{
	char *end;
	long n = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || n < lo || n > hi) {
		fprintf(stderr, "pestwijzer demo: %s wil een getal van %ld tot %ld%s.\n", opt, lo, hi,
			hi < 1000000 ? " (meer met --force)" : "");
		return -1;
	}
	*out = n;
	return 0;
}

static int parse(int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
		{"db", required_argument, NULL, 'd'},       {"seed", required_argument, NULL, 's'},
		{"schools", required_argument, NULL, 'S'},  {"students", required_argument, NULL, 'n'},
		{"years", required_argument, NULL, 'y'},    {"force", no_argument, NULL, 'f'},
		{"cases", no_argument, NULL, 'c'},          {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *schools = NULL, *students = NULL, *years = NULL, *seed = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (c) {
		case 'd': o->db = optarg; break;
		case 's': seed = optarg; break;
		case 'S': schools = optarg; break;
		case 'n': students = optarg; break;
		case 'y': years = optarg; break;
		case 'f': o->force = 1; break;
		case 'c': o->cases = 1; break;
		case 'h': fputs(USAGE, stdout); return 0;
		default: fputs(USAGE, stderr); return 2;
		}
	}
	if (optind < argc) {
		fputs(USAGE, stderr);
		return 2;
	}
	if (seed) {
		char *end;
		errno = 0;
		unsigned long long v = strtoull(seed, &end, 10);
		if (*seed == '\0' || *seed == '-' || *end != '\0' || errno) {
			fputs("pestwijzer demo: --seed wil een getal van 0 of meer.\n", stderr);
			return 2;
		}
		o->seed = v;
	}
	/* The limits stop a typo from filling the disk; benchmarks lift them. */
	if ((schools && parse_num("--schools", schools, 1, o->force ? 1000 : 50, &o->schools)) ||
	    (students && parse_num("--students", students, 6, o->force ? 1000000 : 10000, &o->students)) ||
	    (years && parse_num("--years", years, 1, o->force ? 40 : 10, &o->years)))
		return 2;
	return -1;
}

/* Hashes the demo password once per fixed login: six argon2id hashes at the
 * configured cost (each salted, as any password). Done before the
 * transaction so the database is not held while they run. */
static enum pw_status hash_passwords(struct demo *d)
{
	progress_start(&d->prog, "wachtwoorden", 6);
	for (int i = 0; i < 6; i++) {
		if (pw_password_hash(DEMO_PASSWORD, d->hashes[i], sizeof d->hashes[i], d->err) != PW_OK)
			return d->err->code;
		progress_add(&d->prog, 1);
	}
	return PW_OK;
}

int pw_cmd_demo(int argc, char **argv)
{
	struct opts o = {.db = "pestwijzer.db", .seed = 1, .schools = 1, .students = 1200, .years = 3};
	int rc = parse(argc, argv, &o);
	if (rc >= 0)
		return rc;
	struct pw_err err;
	pw_err_clear(&err);
	struct demo d = {.o = &o, .err = &err};
	pw_arena_init(&d.arena);
	d.prog.on = isatty(STDERR_FILENO);
	int64_t t0 = pw_mono_ms();
	d.store = pw_store_open(o.db, PW_STORE_CREATE, &err);
	if (d.store == NULL) {
		pw_cli_fail("demo", err.msg);
		rc = 1;
		goto out;
	}
	struct pw_school *sc;
	size_t nsc;
	if (pw_store_school_list(d.store, &d.arena, &sc, &nsc, &err) != PW_OK)
		goto fail;
	if (nsc > 0) {
		fprintf(stderr, "pestwijzer demo: %s heeft al een school (%s). Demo vult alleen een lege database; "
				"kies een andere --db.\n",
			o.db, sc[0].name);
		rc = 1;
		goto out;
	}
	pw_demo_rng_seed(&d.rng, o.seed);
	pw_day today = pw_day_from_unix(pw_now());
	int y, month, mday;
	pw_day_to_ymd(today, &y, &month, &mday);
	d.ycur = today >= year_start(y) ? y : y - 1;
	if (hash_passwords(&d) != PW_OK)
		goto fail;
	progress_start(&d.prog, "leerlingen",
		       o.schools * (o.students + (o.years - 1) * ((o.students + LEVELS - 1) / LEVELS)));
	if (pw_store_begin(d.store, &err) != PW_OK)
		goto fail;
	for (int i = 0; i < o.schools; i++)
		if (make_school(&d, i) != PW_OK) {
			pw_store_rollback(d.store);
			goto fail;
		}
	if (pw_store_commit(d.store, &err) != PW_OK)
		goto fail;
	if (d.prog.on && d.prog.shown < 100)
		fputc('\n', stderr);
	if (o.cases) {
		struct pw_school *first;
		size_t nfirst;
		if (pw_store_school_list(d.store, &d.arena, &first, &nfirst, &err) != PW_OK || nfirst == 0 ||
		    pw_demo_history(d.store, &d.arena, first[0].id, o.seed, &err) != PW_OK ||
		    pw_demo_cases(d.store, &d.arena, first[0].id, &err) != PW_OK ||
		    pw_demo_surveys(d.store, &d.arena, first[0].id, o.seed, &err) != PW_OK)
			goto fail;
	}
	char first[10], now[10];
	pw_schoolyear_name(d.ycur - (int)o.years + 1, first);
	pw_schoolyear_name(d.ycur, now);
	printf("Demo aangemaakt in %s (seed %" PRIu64 ", %.1f s): %ld %s, schooljaren %s t/m %s;\n"
	       "dit schooljaar %ld leerlingen in %ld klassen (%ld leerlingen in de hele geschiedenis), "
	       "%ld ouders, %ld medewerkers.\n",
	       o.db, o.seed, (double)(pw_mono_ms() - t0) / 1000.0, o.schools, o.schools == 1 ? "school" : "scholen",
	       first, now, d.nstudents_now, d.nclasses_now, d.nstudents_all, d.nparents, d.nstaff);
	char letter = (char)('A' + mentor_class(classes_per_level(o.students)));
	printf("mentor is mentor van 2%c", letter);
	if (o.years > 1)
		printf(" (vorig schooljaar van 1%c)", letter);
	printf("; clz is CLZ van de onderbouw (leerjaar 1 en 2).\n");
	if (o.cases)
		printf("Met casussen in elke fase: nieuw, gesprekken bezig, afspraken te evalueren, bij de CLZ, "
		       "apc geconsulteerd, MT ingeschakeld met sancties, afwijking, cyberpesten, gesloten, heropend, "
		       "verdenkingen.\n");
	printf("Demo-logins (wachtwoord: %s): docent, mentor, clz, apc, mt, beheerder\n", DEMO_PASSWORD);
	rc = 0;
	goto out;
fail:
	pw_cli_fail("demo", err.msg);
	rc = 1;
out:
	free(d.logins);
	pw_arena_free(&d.arena);
	pw_store_close(d.store);
	return rc;
}
