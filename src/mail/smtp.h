/* Sending one message by SMTP (libcurl). Blocking; called from the outbox
 * thread only. */
#ifndef PW_MAIL_SMTP_H
#define PW_MAIL_SMTP_H

#include <stdatomic.h>
#include <stddef.h>

/* How an attempt ended. */
enum pw_smtp_result {
	PW_SMTP_SENT,      /* the server accepted the message (250 after DATA) */
	PW_SMTP_RETRY,     /* not now: the server is down, busy, or said 4xx */
	PW_SMTP_PERMANENT, /* refused for good: the recipient does not exist (5xx on RCPT) */
};

/* Process-wide set-up and tear-down of libcurl; call around the thread's life. */
void pw_smtp_global_init(void);
void pw_smtp_global_cleanup(void);

/* Sends msg (a whole RFC 5322 message, CRLF line ends) from `from` to `to` by
 * the server at url (smtp://host:port, smtps://host:port; user:password in
 * the URL when the server wants a login). On failure, error (n bytes) says
 * why in words for the beheerder; it never contains the password. A nonzero
 * *cancel (set by another thread) cuts the transfer off: shutdown does not
 * wait for a hung server. */
enum pw_smtp_result pw_smtp_send(const char *url, const char *from, const char *to, const char *msg, size_t len,
				 const atomic_int *cancel, char *error, size_t n);

#endif
