#include "auth/password.h"

#include <crack.h>
#include <ctype.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static unsigned long long opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
static size_t memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void configure(void)
{
	const char *c = getenv("PW_ARGON2");
	if (c && strcmp(c, "min") == 0) {
		opslimit = crypto_pwhash_OPSLIMIT_MIN;
		memlimit = crypto_pwhash_MEMLIMIT_MIN;
	} else if (c && strcmp(c, "moderate") == 0) {
		opslimit = crypto_pwhash_OPSLIMIT_MODERATE;
		memlimit = crypto_pwhash_MEMLIMIT_MODERATE;
	}
}

void pw_password_configure(void)
{
	pthread_once(&once, configure);
}

enum pw_status pw_password_hash(const char *pw, char *out, size_t outlen, struct pw_err *err)
{
	pw_password_configure();
	if (outlen < crypto_pwhash_STRBYTES)
		return pw_err_set(err, PW_EIO, "password hash buffer too small");
	if (crypto_pwhash_str_alg(out, pw, strlen(pw), opslimit, memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
		return pw_err_set(err, PW_EIO, "not enough memory to hash the password; try again");
	return PW_OK;
}

int pw_password_verify(const char *hash, const char *pw)
{
	if (hash == NULL || hash[0] == '\0')
		return 0;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

int pw_password_needs_rehash(const char *hash)
{
	pw_password_configure();
	return crypto_pwhash_str_needs_rehash(hash, opslimit, memlimit) != 0;
}

/* Case-insensitive substring test for ASCII. */
static int contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (n < 4)
		return 0;
	for (const char *p = hay; *p; p++) {
		size_t i = 0;
		while (i < n && p[i] && tolower((unsigned char)p[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return 1;
	}
	return 0;
}

/* cracklib is not thread-safe; logins and CLI calls take turns. */
static pthread_mutex_t crack_mu = PTHREAD_MUTEX_INITIALIZER;

static const char *crack_dict(void)
{
	static const char *const paths[] = {"/var/cache/cracklib/cracklib_dict", "/usr/share/cracklib/pw_dict", NULL};
	for (int i = 0; paths[i]; i++) {
		char pwd[256];
		snprintf(pwd, sizeof pwd, "%s.pwd", paths[i]);
		if (access(pwd, R_OK) == 0)
			return paths[i];
	}
	return NULL;
}

enum pw_status pw_password_check(const char *pw, const char *login, const char *name, struct pw_err *err)
{
	size_t n = strlen(pw);
	if (n < PW_PASSWORD_MIN)
		return pw_err_field(err, PW_EINVAL, "password",
				    "Het wachtwoord is te kort: gebruik minstens %d tekens. Een zin van een paar woorden "
				    "is makkelijk te onthouden en sterk.",
				    PW_PASSWORD_MIN);
	if (n > PW_PASSWORD_MAX)
		return pw_err_field(err, PW_EINVAL, "password", "Het wachtwoord is te lang: hoogstens %d tekens.",
				    PW_PASSWORD_MAX);
	if ((login && contains_ci(pw, login)) || (name && contains_ci(pw, name)))
		return pw_err_field(err, PW_EINVAL, "password",
				    "Het wachtwoord bevat je inlognaam of naam. Kies iets dat niemand kan raden.");
	if (pw_password_is_common(pw))
		return pw_err_field(err, PW_EINVAL, "password",
				    "Dit wachtwoord staat in de lijsten die aanvallers het eerst proberen. Kies bijvoorbeeld "
				    "een zin van een paar woorden die niet bij elkaar horen.");
	const char *dict = crack_dict();
	if (dict == NULL)
		return PW_OK; /* no dictionary installed: length and name checks only */
	pthread_mutex_lock(&crack_mu);
	const char *why = FascistCheck(pw, dict);
	pthread_mutex_unlock(&crack_mu);
	if (why == NULL)
		return PW_OK;
	/* cracklib explains in English; say it in Dutch, keep its reason in brackets. */
	return pw_err_field(err, PW_EINVAL, "password",
			    "Dit wachtwoord is te makkelijk te raden (%s). Kies bijvoorbeeld een zin van een paar "
			    "woorden die niet bij elkaar horen.",
			    why);
}
