/* Personal calendar feeds in the store: per account at most one secret
 * address, kept as the SHA-256 of the secret (auth/session.c makes both). */
#ifndef PW_STORE_CALENDAR_H
#define PW_STORE_CALENDAR_H

#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

/* Sets (or replaces, revoking the old one) user_id's feed secret hash. */
enum pw_status pw_store_calfeed_set(struct pw_store *s, int64_t user_id, const unsigned char hash[32],
				    struct pw_err *err);
/* Revokes user_id's feed; PW_ENOTFOUND when there was none. */
enum pw_status pw_store_calfeed_delete(struct pw_store *s, int64_t user_id, struct pw_err *err);
/* When user_id's feed was made (seconds), or PW_ENOTFOUND. */
enum pw_status pw_store_calfeed_get(struct pw_store *s, int64_t user_id, int64_t *created_at, struct pw_err *err);
/* The live account whose feed secret hashes to hash, or PW_ENOTFOUND (also
 * for a disabled account). */
enum pw_status pw_store_calfeed_lookup(struct pw_store *s, const unsigned char hash[32], int64_t *user_id,
				       struct pw_err *err);

#endif
