/* Passwords: argon2id (libsodium), rehashed at login when the configured
 * cost rises; a policy of length and known-bad passwords (cracklib), with no
 * composition rules. */
#ifndef PW_AUTH_PASSWORD_H
#define PW_AUTH_PASSWORD_H

#include <stddef.h>

#include "util/err.h"

#define PW_PASSWORD_MIN 10
#define PW_PASSWORD_MAX 256

/* Reads PW_ARGON2 from the environment once: "min" (tests only), "interactive"
 * (default) or "moderate". */
void pw_password_configure(void);

/* Hashes pw into out (crypto_pwhash_STRBYTES). PW_EIO if memory ran out. */
enum pw_status pw_password_hash(const char *pw, char *out, size_t outlen, struct pw_err *err);
/* 1 when pw matches hash (constant time), else 0. */
int pw_password_verify(const char *hash, const char *pw);
/* 1 when hash was made with a lower cost than the configured one. */
int pw_password_needs_rehash(const char *hash);
/* Checks the policy: length, not the login or the name, not a dictionary or
 * common password. PW_EINVAL with a Dutch message that says what to do. */
/* 1 when pw is (made of) a common or breached-style password. */
int pw_password_is_common(const char *pw);
enum pw_status pw_password_check(const char *pw, const char *login, const char *name, struct pw_err *err);

#endif
