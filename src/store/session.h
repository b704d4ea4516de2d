/* Sessions and API tokens in the store. Only hashes of the secrets are kept
 * (SHA-256: the secrets are 256-bit random, so no slow hash is needed). */
#ifndef PW_STORE_SESSION_H
#define PW_STORE_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/arena.h"

#define PW_HASH_LEN 32

struct pw_session_row {
	int64_t user_id;
	char csrf[64];
	int64_t created_at, seen_at; /* seconds */
};

enum pw_status pw_store_session_add(struct pw_store *s, const unsigned char hash[PW_HASH_LEN], int64_t user_id,
				    const char *csrf, struct pw_err *err);
/* PW_ENOTFOUND when there is no such session or its account is disabled. */
enum pw_status pw_store_session_get(struct pw_store *s, const unsigned char hash[PW_HASH_LEN],
				    struct pw_session_row *out, struct pw_err *err);
enum pw_status pw_store_session_touch(struct pw_store *s, const unsigned char hash[PW_HASH_LEN], struct pw_err *err);
enum pw_status pw_store_session_delete(struct pw_store *s, const unsigned char hash[PW_HASH_LEN], struct pw_err *err);
/* Removes sessions idle since before idle_before or created before created_before. */
enum pw_status pw_store_session_purge(struct pw_store *s, int64_t idle_before, int64_t created_before,
				      struct pw_err *err);

struct pw_token_row {
	int64_t id;
	const char *login, *name;
	int64_t created_at, used_at, revoked_at;
};

enum pw_status pw_store_token_add(struct pw_store *s, int64_t user_id, const unsigned char hash[PW_HASH_LEN],
				  const char *name, int64_t *id, struct pw_err *err);
/* The live token with that hash (not revoked, account enabled): its id and
 * account. Records use at most once a minute. */
enum pw_status pw_store_token_lookup(struct pw_store *s, const unsigned char hash[PW_HASH_LEN], int64_t *token_id,
				     int64_t *user_id, struct pw_err *err);
enum pw_status pw_store_token_list(struct pw_store *s, struct pw_arena *a, int64_t user_id, struct pw_token_row **out,
				   size_t *n, struct pw_err *err);
/* PW_ENOTFOUND when there is no live token with that id. */
enum pw_status pw_store_token_revoke(struct pw_store *s, int64_t id, struct pw_err *err);

#endif
