/* The .mo reader (util/i18n.c), the Accept-Language choice and the embedded
 * English catalogue. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "util/i18n.h"

/* A little-endian .mo written by hand: the header entry and the given
 * (msgid, msgstr) pairs, which must come sorted. */
struct mo_buf {
	unsigned char b[1024];
	size_t len;
};

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = v >> 24;
}

static void mo_build(struct mo_buf *m, const char *const *pairs, uint32_t n)
{
	memset(m, 0, sizeof *m);
	uint32_t ids = 28, strs = ids + 8 * n, data = strs + 8 * n;
	put32(m->b, 0x950412de);
	put32(m->b + 4, 0);
	put32(m->b + 8, n);
	put32(m->b + 12, ids);
	put32(m->b + 16, strs);
	size_t at = data;
	for (uint32_t i = 0; i < n; i++)
		for (int k = 0; k < 2; k++) {
			const char *s = pairs[2 * i + k];
			size_t l = strlen(s);
			put32(m->b + (k ? strs : ids) + 8 * i, (uint32_t)l);
			put32(m->b + (k ? strs : ids) + 8 * i + 4, (uint32_t)at);
			memcpy(m->b + at, s, l + 1);
			at += l + 1;
		}
	m->len = at;
}

static const char *const good[] = {
	"", "Content-Type: text/plain; charset=UTF-8\n", "Gezien", "Seen", "Terug", "Back", "Welkom, %s.", "Welcome, %s.",
	"leeg", "",
};

static void mo_finds_and_misses(void **state)
{
	(void)state;
	struct mo_buf m;
	struct pw_mo mo;
	struct pw_err err;
	mo_build(&m, good, 5);
	assert_int_equal(pw_mo_open(&mo, m.b, m.len, &err), PW_OK);
	assert_string_equal(pw_mo_find(&mo, "Gezien"), "Seen");
	assert_string_equal(pw_mo_find(&mo, "Terug"), "Back");
	assert_string_equal(pw_mo_find(&mo, "Welkom, %s."), "Welcome, %s.");
	assert_null(pw_mo_find(&mo, "Onbekend"));
	assert_null(pw_mo_find(&mo, "Gezie"));
	assert_null(pw_mo_find(&mo, "Zzz"));
	assert_null(pw_mo_find(&mo, "")); /* never the header */
	assert_null(pw_mo_find(&mo, "leeg")); /* untranslated */
	assert_null(pw_mo_find(NULL, "Gezien"));
}

static void mo_big_endian(void **state)
{
	(void)state;
	struct mo_buf m;
	struct pw_mo mo;
	struct pw_err err;
	mo_build(&m, good, 5);
	/* Swap every 32-bit word of the header and both tables. */
	for (size_t o = 0; o < 28 + 16 * 5; o += 4) {
		unsigned char t[4] = {m.b[o + 3], m.b[o + 2], m.b[o + 1], m.b[o]};
		memcpy(m.b + o, t, 4);
	}
	assert_int_equal(pw_mo_open(&mo, m.b, m.len, &err), PW_OK);
	assert_int_equal(mo.swap, 1);
	assert_string_equal(pw_mo_find(&mo, "Terug"), "Back");
}

static void mo_refuses_corrupt(void **state)
{
	(void)state;
	struct mo_buf m;
	struct pw_mo mo;
	struct pw_err err;

	mo_build(&m, good, 5);
	assert_int_equal(pw_mo_open(&mo, m.b, 20, &err), PW_EINVAL); /* shorter than a header */
	assert_int_equal(pw_mo_open(&mo, NULL, 0, &err), PW_EINVAL);
	assert_int_equal(pw_mo_open(&mo, m.b, m.len - 3, &err), PW_EINVAL); /* last string cut off */

	mo_build(&m, good, 5);
	m.b[0] ^= 1; /* magic */
	assert_int_equal(pw_mo_open(&mo, m.b, m.len, &err), PW_EINVAL);

	mo_build(&m, good, 5);
	put32(m.b + 4, 1u << 16); /* unknown major revision */
	assert_int_equal(pw_mo_open(&mo, m.b, m.len, &err), PW_EINVAL);

	mo_build(&m, good, 5);
	put32(m.b + 8, 0x10000000); /* more strings than the file holds */
	assert_int_equal(pw_mo_open(&mo, m.b, m.len, &err), PW_EINVAL);

	mo_build(&m, good, 5);
	put32(m.b + 16, 0xfffffff0); /* translation table outside the file */
	assert_int_equal(pw_mo_open(&mo, m.b, m.len, &err), PW_EINVAL);

	mo_build(&m, good, 5);
	put32(m.b + 28 + 8 + 4, 0xffffff00); /* a msgid's offset outside the file */
	assert_int_equal(pw_mo_open(&mo, m.b, m.len, &err), PW_EINVAL);

	mo_build(&m, good, 5);
	put32(m.b + 28 + 40 + 8, 0xfffffff0); /* a msgstr's length past the end */
	assert_int_equal(pw_mo_open(&mo, m.b, m.len, &err), PW_EINVAL);

	mo_build(&m, good, 5);
	put32(m.b + 28 + 8, 3); /* "Gez" without its NUL: not terminated where it says */
	assert_int_equal(pw_mo_open(&mo, m.b, m.len, &err), PW_EINVAL);

	static const char *const unsorted[] = {"", "h", "Terug", "Back", "Gezien", "Seen"};
	mo_build(&m, unsorted, 3);
	assert_int_equal(pw_mo_open(&mo, m.b, m.len, &err), PW_EINVAL);
}

static void accept_language(void **state)
{
	(void)state;
	assert_null(pw_lang_accept(NULL));
	assert_null(pw_lang_accept(""));
	assert_null(pw_lang_accept("de-DE,fr;q=0.8"));
	assert_string_equal(pw_lang_accept("en-GB,en;q=0.9"), "en");
	assert_string_equal(pw_lang_accept("nl-NL,nl;q=0.9,en;q=0.8"), "nl");
	assert_string_equal(pw_lang_accept("de, en;q=0.5, nl;q=0.7"), "nl");
	assert_string_equal(pw_lang_accept("de, nl;q=0.2, EN;q=0.71"), "en");
	assert_string_equal(pw_lang_accept("en;q=0, nl;q=0.001"), "nl");
	assert_null(pw_lang_accept("en;q=0"));
	assert_string_equal(pw_lang_accept("en-US;q=1.0"), "en");
	assert_null(pw_lang_accept("english, nederlands"));
}

static void embedded_catalogue(void **state)
{
	(void)state;
	assert_non_null(pw_i18n_en());
	static const struct {
		const char *a, *b;
		const char *list[2];
	} t_nl = {"Uitloggen", "Niet in de catalogus", {"Terug", NULL}};
	pw_lang_set(NULL);
	assert_string_equal(pw_lang(), "nl");
	assert_string_equal(pw_tr("Uitloggen"), "Uitloggen");
	assert_ptr_equal(&PW_TR_TABLE(t_nl), &t_nl);
	pw_lang_set("en");
	assert_string_equal(pw_lang(), "en");
	assert_string_equal(pw_tr("Uitloggen"), "Log out");
	assert_string_equal(pw_tr("Niet in de catalogus"), "Niet in de catalogus");
	assert_string_equal(PW_TR_TABLE(t_nl).a, "Log out");
	assert_string_equal(PW_TR_TABLE(t_nl).b, "Niet in de catalogus");
	assert_string_equal(PW_TR_TABLE(t_nl).list[0], "Back");
	assert_null(PW_TR_TABLE(t_nl).list[1]);
	assert_ptr_equal(&PW_TR_TABLE(t_nl), &PW_TR_TABLE(t_nl)); /* made once */
	assert_string_equal(t_nl.a, "Uitloggen");                 /* the source untouched */
	pw_lang_set("de");
	assert_string_equal(pw_lang(), "nl");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mo_finds_and_misses), cmocka_unit_test(mo_big_endian),
		cmocka_unit_test(mo_refuses_corrupt), cmocka_unit_test(accept_language),
		cmocka_unit_test(embedded_catalogue),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
