/* The demo school's ingredients: a seeded PRNG and lists of common Dutch
 * names, kept apart from the logic in demo.c. Everything here is a pure
 * function of the seed, so the same `pestwijzer demo --seed N` gives the same
 * database on every machine (rand() differs between C libraries, hence our
 * own generator). The names are common first names, tussenvoegsels and
 * surnames, combined at random: no real person is described. */
#ifndef PW_CLI_DEMO_H
#define PW_CLI_DEMO_H

#include <stddef.h>
#include <stdint.h>

/* xoshiro256** seeded through splitmix64 (Blackman and Vigna): small, fast,
 * and the same sequence everywhere. Not for secrets. */
struct pw_demo_rng {
	uint64_t s[4];
};

void pw_demo_rng_seed(struct pw_demo_rng *r, uint64_t seed);
uint64_t pw_demo_rng_next(struct pw_demo_rng *r);
/* Uniform in [0, n); n > 0. Unbiased (Lemire's multiply-and-reject). */
uint32_t pw_demo_below(struct pw_demo_rng *r, uint32_t n);
/* 1 with probability permille / 1000. */
int pw_demo_chance(struct pw_demo_rng *r, unsigned permille);
/* Shuffles v[0..n) in place (Fisher-Yates). */
void pw_demo_shuffle(struct pw_demo_rng *r, int *v, size_t n);

/* A surname as the Dutch write it apart: tussenvoegsel ("van der", or "")
 * and the name itself ("Meer"), so lists sort on "Meer". */
struct pw_demo_surname {
	const char *prefix, *last;
};

enum pw_demo_generation {
	PW_DEMO_CHILD, /* names of students born 2005-2020 */
	PW_DEMO_ADULT, /* names of parents and staff born 1960-1995 */
};

/* A first name: girl (1) or boy (0), of a generation. Static storage. */
const char *pw_demo_first_name(struct pw_demo_rng *r, enum pw_demo_generation g, int girl);
/* A surname, with a tussenvoegsel about as often as in the Netherlands. */
struct pw_demo_surname pw_demo_surname(struct pw_demo_rng *r);

/* Folds a name to lower-case ASCII letters for logins and e-mail addresses:
 * "Zoë van 't Hof" -> "zoevanthof". Letters with accents lose them; other
 * characters are dropped. Writes at most n - 1 bytes and a NUL; returns the
 * length. */
size_t pw_demo_ascii(const char *in, char *out, size_t n);

/* Words for a contact restriction, as a school's records put them. */
const char *pw_demo_restriction(struct pw_demo_rng *r);

/* The i-th school's code and name: 0 is Lekpoort College (the protocol's
 * school), then invented names; past the list, numbered ones. */
void pw_demo_school_name(int i, char *code, size_t ncode, char *name, size_t nname);

/* The demo school's cases at every stage of the protocol (demo_cases.c),
 * made through the engine's operations as the demo's people. */
#include "store/store.h"
#include "util/arena.h"
enum pw_status pw_demo_cases(struct pw_store *s, struct pw_arena *a, int64_t school, struct pw_err *err);
/* The earlier school years' signals, cases and prevention records (demo_cases.c):
 * run before pw_demo_cases, as history comes first. */
enum pw_status pw_demo_history(struct pw_store *s, struct pw_arena *a, int64_t school, uint64_t seed, struct pw_err *err);
/* A closed veiligheid survey with a few hundred responses in every past school year (demo_surveys.c). */
enum pw_status pw_demo_surveys(struct pw_store *s, struct pw_arena *a, int64_t school, uint64_t seed, struct pw_err *err);

#endif
