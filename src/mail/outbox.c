/* The outbox sender: one background thread of `serve` that sends due mail
 * from the outbox table by SMTP and makes the daily digests, and the texts
 * it sends.
 *
 * Durability is the table's: a row is marked sent only after the SMTP server
 * accepted the message, so a crash, a restart or a mail server that is down
 * leaves it pending, to be sent when the server is back (at worst twice, never
 * not at all). Time comes from the one clock (util/clock.h): back-off and
 * digests are tested by moving it; only the polling interval is real time. */
#include "mail/outbox.h"

#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/casework.h"
#include "auth/auth.h"
#include "mail/smtp.h"
#include "store/outbox.h"
#include "store/people.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/log.h"

/* ---- pure functions ---- */

int64_t pw_mail_backoff(int64_t attempts)
{
	if (attempts < 1)
		return 0;
	/* 60 s << 9 is already past six hours: stop shifting there (no overflow
	 * however often a row failed). */
	if (attempts > 10)
		return PW_MAIL_BACKOFF_MAX;
	int64_t s = (int64_t)60 << (attempts - 1);
	return s > PW_MAIL_BACKOFF_MAX ? PW_MAIL_BACKOFF_MAX : s;
}

pw_day pw_mail_digest_day(int64_t now, int hour)
{
	int64_t local = now + pw_amsterdam_offset(now);
	int64_t secs_of_day = ((local % 86400) + 86400) % 86400;
	if (secs_of_day < (int64_t)hour * 3600)
		return -1;
	return pw_day_from_unix(now);
}

static bool english(const char *lang)
{
	return lang != NULL && strcmp(lang, "en") == 0;
}

/* What a notice kind says: a subject, and the sentence before the link. */
struct notice_words {
	const char *kind, *subject_nl, *line_nl, *subject_en, *line_en;
};

static const struct notice_words WORDS[] = {
	{"nieuwe_casus", "Nieuwe casus in Pestwijzer", "Er is een nieuwe casus voor je in Pestwijzer",
	 "New case in Pestwijzer", "There is a new case for you in Pestwijzer"},
	{"escalatie", "Een casus is bij jou gekomen", "Er is een casus bij je gekomen in Pestwijzer",
	 "A case came to you", "A case came to you in Pestwijzer"},
	{"herhaling", "Herhaling bij een casus", "Er is opnieuw gemeld bij een casus in Pestwijzer",
	 "Recurrence in a case", "There is a new report after the agreements in a case in Pestwijzer"},
	{"consult", "Je advies wordt gevraagd", "Je wordt om advies gevraagd bij een casus in Pestwijzer",
	 "Your advice is asked", "Your advice is asked on a case in Pestwijzer"},
	{"ingeschakeld", "Je bent ingeschakeld bij een casus", "Je bent ingeschakeld bij een casus in Pestwijzer",
	 "You were brought in on a case", "You were brought in on a case in Pestwijzer"},
	{"eigenaar", "Je bent eigenaar van een casus", "Je bent eigenaar geworden van een casus in Pestwijzer",
	 "You own a case", "You became the owner of a case in Pestwijzer"},
	{"doorverwijzing", "Een doorverwijzing voor je", "Er is een leerling naar je doorverwezen in Pestwijzer",
	 "A referral for you", "A student was referred to you in Pestwijzer"},
	{"sanctie_voorstel", "Een sanctie om over te beslissen",
	 "Er is een voorstel voor een sanctie waarover jij beslist in Pestwijzer", "A sanction to decide on",
	 "There is a proposed sanction for you to decide on in Pestwijzer"},
	{"melding_leerling", "Nieuwe melding van een leerling of ouder",
	 "Er is een nieuwe melding van een leerling of ouder in Pestwijzer", "New report by a student or parent",
	 "There is a new report by a student or parent in Pestwijzer"},
	{"melding_naar_clz", "Een melding is aan je doorgegeven",
	 "Er is een melding van een leerling of ouder aan je doorgegeven in Pestwijzer", "A report was passed to you",
	 "A report by a student or parent was passed to you in Pestwijzer"},
};

static const struct notice_words *words(const char *kind)
{
	static const struct notice_words other = {"", "Nieuw voor jou in Pestwijzer", "Er is iets nieuws voor je in Pestwijzer",
						  "New for you in Pestwijzer", "There is something new for you in Pestwijzer"};
	for (size_t i = 0; kind && i < sizeof WORDS / sizeof WORDS[0]; i++)
		if (strcmp(WORDS[i].kind, kind) == 0)
			return &WORDS[i];
	return &other;
}

static const char *link(struct pw_arena *a, const char *base, int64_t case_id)
{
	return case_id > 0 ? pw_printf(a, "%s/casus/%lld", base, (long long)case_id) : pw_printf(a, "%s/", base);
}

/* The closing words of every mail: why it came, and that the content is in
 * Pestwijzer only (so nobody expects it in their mailbox). */
static const char FOOT_NL[] = "\n\n-- \nDeze mail vertelt alleen dat er iets voor je klaarstaat; wat er speelt, staat in "
			      "Pestwijzer zelf.\nJe instellingen voor mail pas je aan bij je account in Pestwijzer.\n";
static const char FOOT_EN[] = "\n\n-- \nThis mail only tells you that something is waiting for you; the details are "
			      "in Pestwijzer itself.\nYou can change your mail settings in your Pestwijzer account.\n";

void pw_mail_notice_text(struct pw_arena *a, const char *kind, const char *lang, const char *base, int64_t case_id,
			 const char **subject, const char **body)
{
	const struct notice_words *w = words(kind);
	bool en = english(lang);
	*subject = en ? w->subject_en : w->subject_nl;
	*body = pw_printf(a, "%s: %s%s", en ? w->line_en : w->line_nl, link(a, base, case_id), en ? FOOT_EN : FOOT_NL);
}

static const char *day_text(struct pw_arena *a, pw_day d)
{
	int y, m, md;
	pw_day_to_ymd(d, &y, &m, &md);
	return pw_printf(a, "%02d-%02d-%04d", md, m, y);
}

const char *pw_mail_digest_text(struct pw_arena *a, const char *lang, const char *base, pw_day day,
				const struct pw_digest_item *items, size_t n, const char **subject)
{
	bool en = english(lang);
	size_t steps = 0, notices = 0;
	for (size_t i = 0; i < n; i++)
		items[i].step ? steps++ : notices++;
	if (steps + notices == 0)
		return NULL;
	struct pw_buf b;
	pw_buf_init(&b);
	pw_buf_printf(&b, en ? "Your daily overview from Pestwijzer, %s.\n" : "Je dagelijkse overzicht uit Pestwijzer van %s.\n",
		      day_text(a, day));
	if (steps) {
		pw_buf_puts(&b, en ? "\nSteps past their due date:\n" : "\nStappen over de termijn:\n");
		for (size_t i = 0; i < n; i++)
			if (items[i].step) {
				pw_buf_printf(&b, en ? "- Case %lld: %s" : "- Casus %lld: %s", (long long)items[i].case_id,
					      items[i].step);
				if (items[i].due)
					pw_buf_printf(&b, en ? " (due %s)" : " (termijn %s)", day_text(a, items[i].due));
				pw_buf_printf(&b, "\n  %s\n", link(a, base, items[i].case_id));
			}
	}
	if (notices) {
		pw_buf_puts(&b, en ? "\nNew for you:\n" : "\nNieuw voor jou:\n");
		for (size_t i = 0; i < n; i++)
			if (!items[i].step) {
				const struct notice_words *w = words(items[i].kind);
				pw_buf_printf(&b, "- %s\n  %s\n", en ? w->subject_en : w->subject_nl,
					      link(a, base, items[i].case_id));
			}
	}
	pw_buf_puts(&b, en ? FOOT_EN + 1 : FOOT_NL + 1);
	if (steps == 1)
		*subject = en ? "Pestwijzer: 1 step past its due date" : "Pestwijzer: 1 stap over de termijn";
	else if (steps > 1)
		*subject = pw_printf(a, en ? "Pestwijzer: %zu steps past their due date" : "Pestwijzer: %zu stappen over de termijn",
				     steps);
	else
		*subject = en ? "Pestwijzer: your daily overview" : "Pestwijzer: je dagelijkse overzicht";
	const char *out = pw_strdup(a, b.data);
	pw_buf_free(&b);
	return out;
}

/* Appends s as RFC 2047 encoded-words (UTF-8, base64), each at most 75
 * characters, split only between characters. */
static void encoded_words(struct pw_buf *b, const char *s)
{
	size_t n = strlen(s), i = 0;
	while (i < n) {
		size_t take = n - i > 42 ? 42 : n - i;
		/* Back off to the start of a UTF-8 character. */
		while (i + take < n && take > 0 && ((unsigned char)s[i + take] & 0xC0) == 0x80)
			take--;
		char enc[64];
		sodium_bin2base64(enc, sizeof enc, (const unsigned char *)s + i, take, sodium_base64_VARIANT_ORIGINAL);
		pw_buf_printf(b, "%s=?UTF-8?B?%s?=", i ? "\r\n " : "", enc);
		i += take;
	}
}

static bool ascii_line(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x7F || *s == '\r' || *s == '\n')
			return false;
	return true;
}

char *pw_mail_message(struct pw_arena *a, const char *from, const char *to, const char *subject, const char *body,
		      int64_t date, int64_t id, size_t *len)
{
	static const char *const wd[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
	static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	/* The date by hand: strftime's names follow the locale, RFC 5322's do not. */
	int64_t days = date >= 0 ? date / 86400 : (date - 86399) / 86400;
	int64_t secs = date - days * 86400;
	int y, m, md;
	pw_day_to_ymd((pw_day)days, &y, &m, &md);
	struct pw_buf b;
	pw_buf_init(&b);
	pw_buf_printf(&b, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n", wd[((days % 7) + 7) % 7], md, mon[m - 1], y,
		      (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
	pw_buf_printf(&b, "From: Pestwijzer <%s>\r\nTo: <%s>\r\nSubject: ", from, to);
	if (ascii_line(subject))
		pw_buf_puts(&b, subject);
	else
		encoded_words(&b, subject);
	const char *at = strchr(from, '@');
	pw_buf_printf(&b, "\r\nMessage-ID: <pw.%lld.%lld@%s>\r\n", (long long)id, (long long)date, at ? at + 1 : "pestwijzer");
	pw_buf_puts(&b, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
			"Content-Transfer-Encoding: 8bit\r\nAuto-Submitted: auto-generated\r\n\r\n");
	for (const char *p = body; *p; p++) {
		if (*p == '\n')
			pw_buf_puts(&b, "\r\n");
		else if (*p != '\r')
			pw_buf_putc(&b, *p);
	}
	if (b.len < 2 || b.data[b.len - 1] != '\n')
		pw_buf_puts(&b, "\r\n");
	char *out = pw_strndup(a, b.data, b.len);
	*len = b.len;
	pw_buf_free(&b);
	return out;
}

/* ---- the thread ---- */

struct pw_outbox {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	atomic_int stop;
	struct pw_store *store;
	char *smtp_url, *from, *public_url; /* owned copies */
	int digest_hour, poll_ms;
	pw_day digest_done; /* the last day whose digests were all made */
};

/* The overdue steps of the open cases user owns, as the owner's task list
 * shows them (the same access checks). The case reads are audited as the
 * owner's: the digest reads them for that person, to tell them. */
static void overdue_steps(struct pw_outbox *o, struct pw_arena *a, const struct pw_digest_user *u,
			  struct pw_digest_item **items, size_t *n, size_t *cap)
{
	struct pw_err err;
	struct pw_user usr;
	struct pw_actor actor = {0};
	int64_t *ids;
	size_t nids;
	if (pw_store_user_get(o->store, a, u->id, &usr, &err) != PW_OK ||
	    pw_store_user_functies(o->store, a, u->id, &actor.functies, &actor.nfuncties, &err) != PW_OK ||
	    pw_store_digest_cases(o->store, a, u->id, &ids, &nids, &err) != PW_OK)
		return;
	actor.user_id = usr.id;
	actor.login = usr.login;
	actor.name = usr.name;
	actor.lang = usr.lang;
	for (size_t i = 0; i < nids; i++) {
		struct pw_loaded_case lc;
		if (pw_case_open(o->store, a, &actor, ids[i], &lc, &err) != PW_OK)
			continue;
		if (lc.view == PW_VIEW_FULL && !lc.c.closed) {
			struct pw_step_view *sv;
			size_t ns = pw_case_steps(a, &lc.c, &lc.cal, lc.today, &sv);
			for (size_t k = 0; k < ns; k++) {
				if (sv[k].status != PW_STEP_OPEN || !sv[k].overdue ||
				    pw_access_case(&actor, lc.p, &lc.facts, PW_CASE_STEP, sv[k].step, &err) != PW_OK)
					continue;
				*items = pw_arena_grow(a, *items, *n, cap, sizeof **items);
				(*items)[(*n)++] = (struct pw_digest_item){ids[i], pw_strdup(a, sv[k].step->titel), NULL,
									   sv[k].due_on};
			}
		}
		pw_case_done(&lc);
	}
}

/* Makes day's digest for every user who has none yet. 0 when all are done. */
static int make_digests(struct pw_outbox *o, pw_day day)
{
	struct pw_arena a;
	struct pw_err err;
	char d[11];
	pw_day_format(day, d);
	int64_t now = pw_now();
	/* Notices of the last day go in a digest: since the digest hour yesterday. */
	int64_t since = now - 86400;
	int rc = 0;
	pw_arena_init(&a);
	for (;;) {
		struct pw_digest_user *u;
		size_t nu;
		if (pw_store_digest_users(o->store, &a, d, since, &u, &nu, &err) != PW_OK) {
			pw_log("mail: digest: %s", err.msg);
			rc = -1;
			break;
		}
		if (nu == 0)
			break;
		for (size_t i = 0; i < nu && !atomic_load(&o->stop); i++) {
			struct pw_digest_item *items = NULL;
			size_t n = 0, cap = 0;
			if (strcmp(u[i].overdue, "digest") == 0)
				overdue_steps(o, &a, &u[i], &items, &n, &cap);
			if (strcmp(u[i].notices, "digest") == 0) {
				struct pw_digest_notice *dn;
				size_t nn;
				if (pw_store_digest_notices(o->store, &a, u[i].id, since, &dn, &nn, &err) == PW_OK)
					for (size_t k = 0; k < nn; k++) {
						items = pw_arena_grow(&a, items, n, &cap, sizeof *items);
						items[n++] = (struct pw_digest_item){dn[k].case_id, NULL, dn[k].kind, 0};
					}
			}
			const char *subject = NULL;
			const char *body = pw_mail_digest_text(&a, u[i].lang, o->public_url, day, items, n, &subject);
			if (pw_store_digest_add(o->store, u[i].id, d, u[i].email, body ? subject : NULL, body, now, &err) != PW_OK) {
				pw_log("mail: digest for user %lld: %s", (long long)u[i].id, err.msg);
				rc = -1;
				goto done;
			}
		}
		if (atomic_load(&o->stop)) {
			rc = -1;
			break;
		}
		pw_arena_reset(&a);
	}
done:
	pw_arena_free(&a);
	return rc;
}

/* Sends up to `limit` due rows. Returns how many it tried. */
static size_t send_due(struct pw_outbox *o, int limit)
{
	struct pw_arena a;
	struct pw_err err;
	struct pw_outbox_row *v;
	size_t n = 0;
	pw_arena_init(&a);
	if (pw_store_outbox_due(o->store, &a, pw_now(), limit, &v, &n, &err) != PW_OK) {
		pw_log("mail: reading the outbox: %s", err.msg);
		n = 0;
	}
	for (size_t i = 0; i < n && !atomic_load(&o->stop); i++) {
		struct pw_outbox_row *r = &v[i];
		if (r->body[0] == '\0') {
			/* First attempt: fix the text now, so every retry sends the same mail. */
			pw_mail_notice_text(&a, r->notice_kind, r->lang, o->public_url, r->case_id, &r->subject, &r->body);
			if (pw_store_outbox_compose(o->store, r->id, r->subject, r->body, &err) != PW_OK) {
				pw_log("mail: outbox %lld: %s", (long long)r->id, err.msg);
				continue;
			}
		}
		size_t len;
		char *msg = pw_mail_message(&a, o->from, r->recipient, r->subject, r->body, pw_now(), r->id, &len);
		char why[512];
		enum pw_smtp_result res = pw_smtp_send(o->smtp_url, o->from, r->recipient, msg, len, &o->stop, why, sizeof why);
		int64_t now = pw_now();
		enum pw_status st;
		if (res == PW_SMTP_SENT) {
			st = pw_store_outbox_sent(o->store, r->id, now, &err);
		} else {
			int64_t attempts = r->attempts + 1;
			st = pw_store_outbox_failed(o->store, r->id, attempts, now + pw_mail_backoff(attempts), why,
						    res == PW_SMTP_PERMANENT, &err);
			pw_log("mail: outbox %lld, attempt %lld: %s", (long long)r->id, (long long)attempts, why);
		}
		if (st != PW_OK)
			pw_log("mail: outbox %lld: %s", (long long)r->id, err.msg);
		/* A server that is down fails every row the same way: wait for the
		 * next round instead of trying the rest now. */
		if (res == PW_SMTP_RETRY) {
			n = i + 1;
			break;
		}
	}
	pw_arena_free(&a);
	return n;
}

static void *run(void *arg)
{
	struct pw_outbox *o = arg;
	enum { BATCH = 20 };
	while (!atomic_load(&o->stop)) {
		pw_day d = pw_mail_digest_day(pw_now(), o->digest_hour);
		if (d >= 0 && d != o->digest_done && make_digests(o, d) == 0)
			o->digest_done = d;
		size_t tried = send_due(o, BATCH);
		if (tried == BATCH)
			continue;
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		ts.tv_sec += o->poll_ms / 1000;
		ts.tv_nsec += (long)(o->poll_ms % 1000) * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_mutex_lock(&o->mu);
		if (!atomic_load(&o->stop))
			pthread_cond_timedwait(&o->cv, &o->mu, &ts);
		pthread_mutex_unlock(&o->mu);
	}
	return NULL;
}

struct pw_outbox *pw_outbox_start(struct pw_store *s, const struct pw_outbox_cfg *cfg, struct pw_err *err)
{
	if (cfg->digest_hour < 0 || cfg->digest_hour > 23) {
		pw_err_set(err, PW_EINVAL, "het uur van het dagoverzicht moet 0 tot 23 zijn (digest hour must be 0..23)");
		return NULL;
	}
	struct pw_outbox *o = pw_xcalloc(1, sizeof *o);
	o->store = s;
	o->smtp_url = pw_xstrdup(cfg->smtp_url);
	o->from = pw_xstrdup(cfg->from);
	o->public_url = pw_xstrdup(cfg->public_url);
	/* Links are made as public_url + "/casus/12": no double slash. */
	size_t ul = strlen(o->public_url);
	while (ul > 0 && o->public_url[ul - 1] == '/')
		o->public_url[--ul] = '\0';
	o->digest_hour = cfg->digest_hour;
	o->poll_ms = cfg->poll_ms > 0 ? cfg->poll_ms : 500;
	o->digest_done = -1;
	pthread_mutex_init(&o->mu, NULL);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&o->cv, &ca);
	pthread_condattr_destroy(&ca);
	pw_smtp_global_init();
	if (pthread_create(&o->thread, NULL, run, o) != 0) {
		pw_err_set(err, PW_EIO, "de mail-thread kon niet starten (pthread_create failed)");
		pw_smtp_global_cleanup();
		pthread_cond_destroy(&o->cv);
		pthread_mutex_destroy(&o->mu);
		free(o->smtp_url);
		free(o->from);
		free(o->public_url);
		free(o);
		return NULL;
	}
	return o;
}

void pw_outbox_stop(struct pw_outbox *o)
{
	if (o == NULL)
		return;
	pthread_mutex_lock(&o->mu);
	atomic_store(&o->stop, 1);
	pthread_cond_signal(&o->cv);
	pthread_mutex_unlock(&o->mu);
	pthread_join(o->thread, NULL);
	pw_smtp_global_cleanup();
	pthread_cond_destroy(&o->cv);
	pthread_mutex_destroy(&o->mu);
	free(o->smtp_url);
	free(o->from);
	free(o->public_url);
	free(o);
}
