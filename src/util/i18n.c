/* Translations looked up per request in the embedded English .mo.
 *
 * Why not glibc's gettext(): it binds the language per process (setlocale,
 * LANGUAGE), while the server answers a Dutch and an English user at the same
 * moment from one process; and it needs the locale generated on the machine
 * (en_US.UTF-8 is often missing on a school's server) and the .mo on disk.
 * So the catalogue is compiled into the binary and read here: a .mo is a
 * header and two tables of (length, offset) pairs, the msgids sorted, so a
 * lookup is a binary search. The file is ours, but it is parsed as if it were
 * not (it is fuzzed: tests/fuzz/fuzz_mo.c). */
#include "util/i18n.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/embed.h"
#include "util/log.h"

#define MO_MAGIC 0x950412deu

static uint32_t get32(const struct pw_mo *mo, size_t off)
{
	uint32_t v;
	memcpy(&v, mo->data + off, 4);
	if (mo->swap)
		v = __builtin_bswap32(v);
	return v;
}

/* The i-th string of the table at tab: its bytes, NULL-free checks done at open. */
static const char *mo_str(const struct pw_mo *mo, uint32_t tab, uint32_t i, uint32_t *len)
{
	*len = get32(mo, (size_t)tab + (size_t)i * 8);
	return (const char *)mo->data + get32(mo, (size_t)tab + (size_t)i * 8 + 4);
}

static int table_ok(const struct pw_mo *mo, uint32_t tab)
{
	if ((size_t)tab > mo->len || ((size_t)mo->len - tab) / 8 < mo->n)
		return 0;
	for (uint32_t i = 0; i < mo->n; i++) {
		size_t l = get32(mo, (size_t)tab + (size_t)i * 8), o = get32(mo, (size_t)tab + (size_t)i * 8 + 4);
		/* The string and its terminating NUL lie inside the file. */
		if (o >= mo->len || l >= mo->len - o || mo->data[o + l] != '\0')
			return 0;
	}
	return 1;
}

enum pw_status pw_mo_open(struct pw_mo *mo, const void *data, size_t len, struct pw_err *err)
{
	memset(mo, 0, sizeof *mo);
	mo->data = data;
	mo->len = len;
	if (data == NULL || len < 28)
		return pw_err_set(err, PW_EINVAL, "not a .mo catalogue: too short");
	uint32_t magic;
	memcpy(&magic, data, 4);
	if (magic == MO_MAGIC)
		mo->swap = 0;
	else if (__builtin_bswap32(magic) == MO_MAGIC)
		mo->swap = 1;
	else
		return pw_err_set(err, PW_EINVAL, "not a .mo catalogue: bad magic number");
	if (get32(mo, 4) >> 16 != 0)
		return pw_err_set(err, PW_EINVAL, ".mo catalogue of an unknown major revision");
	mo->n = get32(mo, 8);
	mo->ids = get32(mo, 12);
	mo->strs = get32(mo, 16);
	if (!table_ok(mo, mo->ids) || !table_ok(mo, mo->strs))
		return pw_err_set(err, PW_EINVAL, ".mo catalogue with a string outside the file");
	/* Binary search needs strictly ascending msgids (msgfmt writes them so). */
	for (uint32_t i = 1; i < mo->n; i++) {
		uint32_t la, lb;
		if (strcmp(mo_str(mo, mo->ids, i - 1, &la), mo_str(mo, mo->ids, i, &lb)) >= 0)
			return pw_err_set(err, PW_EINVAL, ".mo catalogue with msgids out of order");
	}
	return PW_OK;
}

const char *pw_mo_find(const struct pw_mo *mo, const char *msgid)
{
	if (mo == NULL || msgid == NULL || msgid[0] == '\0')
		return NULL;
	uint32_t lo = 0, hi = mo->n, len;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = strcmp(msgid, mo_str(mo, mo->ids, mid, &len));
		if (c == 0) {
			const char *s = mo_str(mo, mo->strs, mid, &len);
			return len ? s : NULL;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* ---- the request's language ---- */

static _Thread_local int lang_en;

void pw_lang_set(const char *lang)
{
	lang_en = lang != NULL && strcmp(lang, "en") == 0;
}

const char *pw_lang(void)
{
	return lang_en ? "en" : "nl";
}

const char *pw_lang_accept(const char *h)
{
	/* "en-GB,en;q=0.9,nl;q=0.8": the highest q among en and nl; on a tie the
	 * first named. Anything unparsable in an item makes that item count 0. */
	const char *best = NULL;
	int best_q = 0;
	while (h && *h) {
		size_t n = strcspn(h, ",");
		const char *item = h;
		h += n;
		if (*h == ',')
			h++;
		while (n && (*item == ' ' || *item == '\t'))
			item++, n--;
		size_t tag = 0;
		while (tag < n && item[tag] != ';' && item[tag] != '-' && item[tag] != ' ')
			tag++;
		const char *lang = NULL;
		if (tag == 2 && strncasecmp(item, "en", 2) == 0)
			lang = "en";
		else if (tag == 2 && strncasecmp(item, "nl", 2) == 0)
			lang = "nl";
		if (lang == NULL)
			continue;
		int q = 1000;
		for (size_t i = tag; i + 2 < n; i++)
			if (item[i] == ';') {
				size_t j = i + 1;
				while (j < n && item[j] == ' ')
					j++;
				if (j + 2 > n || item[j] != 'q' || item[j + 1] != '=')
					continue;
				j += 2;
				q = 0;
				if (j < n && item[j] == '1')
					q = 1000;
				else if (j < n && item[j] == '0') {
					j++;
					if (j < n && item[j] == '.')
						for (int k = 0, m = 100; k < 3 && ++j < n && item[j] >= '0' && item[j] <= '9'; k++, m /= 10)
							q += (item[j] - '0') * m;
				}
				break;
			}
		if (q > best_q) {
			best_q = q;
			best = lang;
		}
	}
	return best;
}

/* ---- translation ---- */

static pthread_once_t en_once = PTHREAD_ONCE_INIT;
static struct pw_mo en_mo;
static int en_ok;

static void en_load(void)
{
	const struct pw_embedded *f = pw_embedded_find("en.mo");
	struct pw_err err;
	if (f == NULL)
		pw_log("i18n: no English catalogue embedded; pages stay in Dutch");
	else if (pw_mo_open(&en_mo, f->data, f->len, &err) != PW_OK)
		pw_log("i18n: the English catalogue is not usable (%s); pages stay in Dutch", err.msg);
	else
		en_ok = 1;
}

const struct pw_mo *pw_i18n_en(void)
{
	pthread_once(&en_once, en_load);
	return en_ok ? &en_mo : NULL;
}

const char *pw_tr(const char *msgid)
{
	if (!lang_en)
		return msgid;
	const char *s = pw_mo_find(pw_i18n_en(), msgid);
	return s ? s : msgid;
}

const char *pw_tr_title(const char *titel, const char *title_en)
{
	return lang_en && title_en && title_en[0] ? title_en : titel;
}

#define MAX_TABLES 64

static pthread_mutex_t tables_mu = PTHREAD_MUTEX_INITIALIZER;
static struct {
	const void *src, *en;
} tables[MAX_TABLES];
static size_t ntables;

const void *pw_tr_table(const void *table, size_t size)
{
	if (!lang_en || pw_i18n_en() == NULL)
		return table;
	const void *out = NULL;
	pthread_mutex_lock(&tables_mu);
	for (size_t i = 0; i < ntables && !out; i++)
		if (tables[i].src == table)
			out = tables[i].en;
	if (!out && ntables < MAX_TABLES) {
		size_t n = size / sizeof(const char *);
		const char **en = malloc(n * sizeof *en);
		if (en) {
			memcpy(en, table, n * sizeof *en);
			for (size_t i = 0; i < n; i++) {
				const char *s = en[i] ? pw_mo_find(&en_mo, en[i]) : NULL;
				if (s)
					en[i] = s;
			}
			tables[ntables].src = table;
			tables[ntables].en = en;
			ntables++;
			out = en;
		}
	}
	pthread_mutex_unlock(&tables_mu);
	return out ? out : table;
}
