#include "core/school_protocol.h"

#include <pthread.h>
#include <string.h>

#include "store/protocols.h"
#include "util/embed.h"

#define CACHE 64

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct {
	int64_t id;
	struct pw_protocol *p;
} cache[CACHE];
static int ncache;

static const struct pw_protocol *cached(int64_t id)
{
	for (int i = 0; i < ncache; i++)
		if (cache[i].id == id)
			return cache[i].p;
	return NULL;
}

/* Loads and keeps a definition; the caller holds mu. */
static const struct pw_protocol *remember(int64_t id, const char *text, size_t len, const char *name,
					  struct pw_err *err)
{
	const struct pw_protocol *p = cached(id);
	if (p)
		return p;
	struct pw_protocol *np = pw_protocol_load_buffer(text, len, name, err);
	if (np == NULL)
		return NULL;
	if (ncache == CACHE) {
		/* More versions than anyone installs in years; keep working, uncached. */
		pw_err_set(err, PW_EIO, "too many protocol versions in use at once");
		pw_protocol_free(np);
		return NULL;
	}
	cache[ncache].id = id;
	cache[ncache].p = np;
	ncache++;
	return np;
}

const struct pw_protocol *pw_protocol_default(struct pw_err *err)
{
	pthread_mutex_lock(&mu);
	const struct pw_protocol *p = cached(0);
	if (p == NULL) {
		const struct pw_embedded *e = pw_embedded_find("lekpoort.yaml");
		p = e ? remember(0, (const char *)e->data, e->len, "lekpoort.yaml", err) : NULL;
		if (e == NULL)
			pw_err_set(err, PW_EIO, "the shipped protocol is missing from this build");
	}
	pthread_mutex_unlock(&mu);
	return p;
}

const struct pw_protocol *pw_protocol_version(struct pw_store *s, int64_t version_id, struct pw_err *err)
{
	if (version_id == 0)
		return pw_protocol_default(err);
	pthread_mutex_lock(&mu);
	const struct pw_protocol *p = cached(version_id);
	pthread_mutex_unlock(&mu);
	if (p)
		return p;
	struct pw_arena a;
	struct pw_protocol_version v;
	pw_arena_init(&a);
	if (pw_store_protocol_get(s, &a, version_id, &v, err) == PW_OK) {
		pthread_mutex_lock(&mu);
		p = remember(version_id, v.source, strlen(v.source), v.key, err);
		pthread_mutex_unlock(&mu);
	}
	pw_arena_free(&a);
	return p;
}

const struct pw_protocol *pw_school_protocol(struct pw_store *s, int64_t school_id, int64_t *version_id,
					     struct pw_err *err)
{
	struct pw_arena a;
	struct pw_protocol_version v;
	pw_arena_init(&a);
	enum pw_status st = pw_store_protocol_active(s, &a, school_id, &v, err);
	int64_t id = st == PW_OK ? v.id : 0;
	pw_arena_free(&a);
	if (st != PW_OK && st != PW_ENOTFOUND)
		return NULL;
	if (version_id)
		*version_id = id;
	return pw_protocol_version(s, id, err);
}
