/* Mail: the outbox sender and the texts it sends.
 *
 * Notifications tell staff that there is something to look at and link to
 * it; they never carry case content, students' names or evidence, because
 * mail leaves the school's control (forwarded, on phones, in a provider's
 * logs). The pure functions here (back-off, the daily digest's day and text,
 * the message) are unit-tested; the thread sends what the store holds. */
#ifndef PW_MAIL_OUTBOX_H
#define PW_MAIL_OUTBOX_H

#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "util/arena.h"
#include "util/err.h"

struct pw_store;

/* ---- pure functions ---- */

/* Seconds to wait after the attempts-th failed attempt (attempts >= 1): one
 * minute, doubling each time (2, 4, 8, ...), capped at six hours, so a mail
 * server that is down for a weekend is not hammered and a short outage costs
 * minutes, not hours. */
#define PW_MAIL_BACKOFF_MAX (6 * 3600)
int64_t pw_mail_backoff(int64_t attempts);

/* The Amsterdam day whose digest is due at now (seconds, UTC): today once the
 * local time has reached hour:00 (0..23), else -1 (today's is not due yet,
 * and yesterday's is not sent late: the next one will tell). */
pw_day pw_mail_digest_day(int64_t now, int hour);

/* The subject and body of the mail for a notice of kind about case_id (0:
 * none; the link goes to the task list) at base (the public URL, no
 * trailing slash), in lang ("en", else Dutch). Strings in a. */
void pw_mail_notice_text(struct pw_arena *a, const char *kind, const char *lang, const char *base, int64_t case_id,
			 const char **subject, const char **body);

/* One line of a digest: an overdue step of a case (its protocol title, never
 * the students in it), or (step NULL) a notice of kind. */
struct pw_digest_item {
	int64_t case_id; /* 0: none (a notice about a report or suspicion) */
	const char *step; /* the step's title */
	const char *kind; /* the notice's kind, when step is NULL */
	pw_day due;       /* the step's due day; 0 when none */
};

/* The daily digest for day: NULL when there is nothing to tell, else the
 * body, with *subject set. Items are listed in the order given. */
const char *pw_mail_digest_text(struct pw_arena *a, const char *lang, const char *base, pw_day day,
				const struct pw_digest_item *items, size_t n, const char **subject);

/* A whole RFC 5322 message (CRLF line ends, UTF-8 body, the subject
 * RFC 2047-encoded when it is not ASCII) dated date (seconds, UTC), with a
 * Message-ID made of id and date. */
char *pw_mail_message(struct pw_arena *a, const char *from, const char *to, const char *subject, const char *body,
		      int64_t date, int64_t id, size_t *len);

/* ---- the sender thread ---- */

struct pw_outbox_cfg {
	const char *smtp_url;   /* smtp://host:port or smtps://; borrowed for the thread's life */
	const char *from;       /* the sender's address */
	const char *public_url; /* links in mails: "https://pestwijzer.school.nl", no trailing slash */
	int digest_hour;        /* 0..23, Europe/Amsterdam */
	int poll_ms;            /* how often to look for due mail (real time); 0: 500 */
};

struct pw_outbox;

/* Starts the thread that sends due mail from the store and makes the daily
 * digests. The store must outlive it. NULL with err on failure. */
struct pw_outbox *pw_outbox_start(struct pw_store *s, const struct pw_outbox_cfg *cfg, struct pw_err *err);
/* Stops the thread (an SMTP transfer in progress is cut off; its row stays
 * pending and is sent again later) and frees it. NULL is a no-op. */
void pw_outbox_stop(struct pw_outbox *o);

#endif
