/* Failed logins, per account and per address, held in memory only (an
 * address is personal data; nothing of it is stored). After `free` failures
 * each further attempt must wait, doubling from 2 s up to 15 minutes; an
 * attempt too soon is answered 429. A success clears the account's record.
 * An account gets a few free tries; an address many more, because a whole
 * school's staff can sit behind one address.
 * Time is the one clock, so tests move it instead of sleeping. */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "util/clock.h"

#define SLOTS 4096
#define MAX_WAIT 900
#define FORGET_AFTER 3600

struct slot {
	char key[96];
	int fails;
	int64_t last; /* seconds, of the last failure */
};

static struct slot slots[SLOTS];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static unsigned long hash(const char *s)
{
	unsigned long h = 5381;
	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

/* The slot for key, or a free/stale one to take (linear probing over 8). */
static struct slot *find(const char *key, int create)
{
	unsigned long h = hash(key);
	int64_t now = pw_now();
	struct slot *victim = NULL;
	for (int i = 0; i < 8; i++) {
		struct slot *s = &slots[(h + (unsigned long)i) % SLOTS];
		if (strcmp(s->key, key) == 0)
			return s;
		if (victim == NULL && (s->key[0] == '\0' || now - s->last > FORGET_AFTER))
			victim = s;
	}
	if (!create)
		return NULL;
	if (victim == NULL) /* all eight busy: take the oldest */
		for (int i = 0; i < 8; i++) {
			struct slot *s = &slots[(h + (unsigned long)i) % SLOTS];
			if (victim == NULL || s->last < victim->last)
				victim = s;
		}
	memset(victim, 0, sizeof *victim);
	snprintf(victim->key, sizeof victim->key, "%s", key);
	return victim;
}

static int64_t wait_for(int fails, int free)
{
	if (fails < free)
		return 0;
	int shift = fails - free + 1;
	if (shift > 10)
		return MAX_WAIT;
	int64_t w = (int64_t)1 << shift;
	return w > MAX_WAIT ? MAX_WAIT : w;
}

int pw_throttle_wait(const char *key, int free)
{
	pthread_mutex_lock(&mu);
	struct slot *s = find(key, 0);
	int wait = 0;
	if (s && pw_now() - s->last <= FORGET_AFTER) {
		int64_t until = s->last + wait_for(s->fails, free);
		if (until > pw_now())
			wait = (int)(until - pw_now());
	}
	pthread_mutex_unlock(&mu);
	return wait;
}

void pw_throttle_fail(const char *key)
{
	pthread_mutex_lock(&mu);
	struct slot *s = find(key, 1);
	if (pw_now() - s->last > FORGET_AFTER)
		s->fails = 0;
	s->fails++;
	s->last = pw_now();
	pthread_mutex_unlock(&mu);
}

void pw_throttle_clear(const char *key)
{
	pthread_mutex_lock(&mu);
	struct slot *s = find(key, 0);
	if (s)
		memset(s, 0, sizeof *s);
	pthread_mutex_unlock(&mu);
}

static pthread_once_t addr_once = PTHREAD_ONCE_INIT;
static unsigned char addr_key[crypto_generichash_KEYBYTES];

static void addr_key_make(void)
{
	randombytes_buf(addr_key, sizeof addr_key);
}

void pw_throttle_addr_key(struct pw_req *r, const char *prefix, char *out, size_t n)
{
	char addr[64];
	unsigned char h[16];
	char hex[2 * sizeof h + 1];
	pthread_once(&addr_once, addr_key_make);
	pw_req_addr(r, addr, sizeof addr);
	crypto_generichash(h, sizeof h, (const unsigned char *)addr, strlen(addr), addr_key, sizeof addr_key);
	sodium_memzero(addr, sizeof addr);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	snprintf(out, n, "%s%s", prefix, hex);
}
