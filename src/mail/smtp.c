/* SMTP by libcurl: the package that does SMTP, STARTTLS, implicit TLS, AUTH
 * and the DATA dot-stuffing well, so none of it is written here. */
#include "mail/smtp.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

void pw_smtp_global_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

void pw_smtp_global_cleanup(void)
{
	curl_global_cleanup();
}

struct reader {
	const char *p;
	size_t left;
};

static size_t read_cb(char *out, size_t size, size_t nitems, void *arg)
{
	struct reader *r = arg;
	size_t n = size * nitems;
	if (n > r->left)
		n = r->left;
	memcpy(out, r->p, n);
	r->p += n;
	r->left -= n;
	return n;
}

/* SMTP codes that mean the address itself is refused: retrying will not
 * help, the beheerder must fix the account's address (RFC 5321 4.2.3). */
static int permanent_code(long code)
{
	return code == 501 || code == 550 || code == 551 || code == 553;
}

/* Called by libcurl during the transfer: nonzero aborts it. */
static int progress_cb(void *arg, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
	const atomic_int *cancel = arg;
	return cancel != NULL && atomic_load(cancel);
}

enum pw_smtp_result pw_smtp_send(const char *url, const char *from, const char *to, const char *msg, size_t len,
				 const atomic_int *cancel, char *error, size_t n)
{
	char from_b[512], to_b[512];
	error[0] = '\0';
	/* An address with a line break or angle bracket could smuggle SMTP commands. */
	if (strpbrk(to, "\r\n<>") || strlen(to) > 400) {
		snprintf(error, n, "ongeldig adres (invalid address)");
		return PW_SMTP_PERMANENT;
	}
	snprintf(from_b, sizeof from_b, "<%s>", from);
	snprintf(to_b, sizeof to_b, "<%s>", to);
	CURL *c = curl_easy_init();
	if (c == NULL) {
		snprintf(error, n, "libcurl kon niet starten (curl_easy_init failed)");
		return PW_SMTP_RETRY;
	}
	char curl_err[CURL_ERROR_SIZE] = "";
	struct curl_slist *rcpt = curl_slist_append(NULL, to_b);
	struct reader rd = {msg, len};
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from_b);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &rd);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	/* STARTTLS when the server offers it; smtps:// is TLS from the start. */
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, curl_err);
	/* No signals from libcurl in a threaded server (its DNS timeouts). */
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	/* A hung server must not hold the queue, nor shutdown, for long. */
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, progress_cb);
	curl_easy_setopt(c, CURLOPT_XFERINFODATA, (void *)cancel);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	CURLcode rc = curl_easy_perform(c);
	long code = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	enum pw_smtp_result res = PW_SMTP_SENT;
	if (rc != CURLE_OK) {
		res = permanent_code(code) ? PW_SMTP_PERMANENT : PW_SMTP_RETRY;
		/* curl's own words, never the URL (it may hold the password). */
		if (code)
			snprintf(error, n, "SMTP %ld: %s", code, curl_err[0] ? curl_err : curl_easy_strerror(rc));
		else
			snprintf(error, n, "%s", curl_err[0] ? curl_err : curl_easy_strerror(rc));
	}
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	return res;
}
