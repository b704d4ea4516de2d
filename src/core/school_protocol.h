/* Which protocol definition is in force at a school: the last one installed
 * with `pestwijzer protocol install`, else the shipped Lekpoort definition.
 * Each version is parsed once and shared read-only by all threads for the
 * life of the process (a case keeps the version it started under). */
#ifndef PW_CORE_SCHOOL_PROTOCOL_H
#define PW_CORE_SCHOOL_PROTOCOL_H

#include <stdint.h>

#include "protocol/protocol.h"
#include "store/store.h"

/* The definition in force at school_id; *version_id is 0 for the shipped one. */
const struct pw_protocol *pw_school_protocol(struct pw_store *s, int64_t school_id, int64_t *version_id,
					     struct pw_err *err);
/* A definition by installed version id (0: the shipped default). */
const struct pw_protocol *pw_protocol_version(struct pw_store *s, int64_t version_id, struct pw_err *err);
/* The shipped Lekpoort definition (compiled into the binary). */
const struct pw_protocol *pw_protocol_default(struct pw_err *err);

#endif
