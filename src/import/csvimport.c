/* CSV imports from the student administration. Parsing is libcsv's (strict
 * mode: a stray quote is an error, not a guess); this file adds what libcsv
 * does not know: line numbers, the delimiter, the BOM, the Dutch column names
 * and every check on the values, then writes the rows through the store in
 * one transaction. */
#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/school_protocol.h"
#include "core/staff.h"
#include "http/http.h" /* pw_utf8_valid_text */
#include "import/csvimport.h"
#include "util/buf.h"
#include "util/clock.h"

/* ---- kinds and columns ---- */

struct colspec {
	const char *name;  /* as documented, lower case */
	const char *alias; /* another name exports use, or NULL */
	int required;
};

enum { C_KLAS, C_LEERJAAR, C_AFDELING, C_MENTOR1, C_MENTOR2 };
static const struct colspec cols_classes[] = {
	{"klas", NULL, 1}, {"leerjaar", NULL, 1}, {"afdeling", NULL, 0}, {"mentor1", NULL, 0}, {"mentor2", NULL, 0},
};

enum { S_NUMMER, S_ROEPNAAM, S_TUSSENVOEGSEL, S_ACHTERNAAM, S_GEBOORTEDATUM, S_KLAS };
static const struct colspec cols_students[] = {
	/* Magister calls the student number "stamnummer". */
	{"leerlingnummer", "stamnummer", 1}, {"roepnaam", "voornaam", 1}, {"tussenvoegsel", NULL, 0},
	{"achternaam", NULL, 1},	     {"geboortedatum", NULL, 1},  {"klas", NULL, 1},
};

enum { P_NUMMER, P_LOGIN, P_NAAM, P_EMAIL, P_FUNCTIES, P_AFDELING };
static const struct colspec cols_staff[] = {
	{"personeelsnummer", NULL, 1}, {"login", NULL, 1},     {"naam", NULL, 1},
	{"email", "e-mail", 0},	       {"functies", NULL, 1}, {"afdeling", NULL, 0},
};

enum { O_ID, O_NAAM, O_EMAIL, O_TELEFOON, O_LEERLING, O_RELATIE, O_GEZAG, O_BEPERKING };
static const struct colspec cols_parents[] = {
	{"ouder_id", NULL, 1},	       {"naam", NULL, 1},    {"email", "e-mail", 0}, {"telefoon", NULL, 0},
	{"leerlingnummer", NULL, 1}, {"relatie", NULL, 0}, {"gezag", NULL, 1},	    {"contactbeperking", NULL, 0},
};

enum { H_NAAM, H_VAN, H_TOT };
static const struct colspec cols_holidays[] = {
	{"naam", NULL, 1},
	{"van", NULL, 1},
	{"tot", NULL, 1},
};

struct kindspec {
	const char *cli, *dutch;
	const struct colspec *cols;
	int ncols;
};

#define KIND(cli, dutch, cols) {cli, dutch, cols, (int)(sizeof cols / sizeof cols[0])}
static const struct kindspec kinds[] = {
	[PW_IMPORT_CLASSES] = KIND("classes", "klassen", cols_classes),
	[PW_IMPORT_STUDENTS] = KIND("students", "leerlingen", cols_students),
	[PW_IMPORT_STAFF] = KIND("staff", "personeel", cols_staff),
	[PW_IMPORT_PARENTS] = KIND("parents", "ouders", cols_parents),
	[PW_IMPORT_HOLIDAYS] = KIND("holidays", "vakanties", cols_holidays),
};
#define NKINDS ((int)(sizeof kinds / sizeof kinds[0]))
#define MAX_SPEC_COLS 8


int pw_import_kind_parse(const char *s)
{
	for (int k = 0; k < NKINDS; k++)
		if (strcmp(s, kinds[k].cli) == 0 || strcmp(s, kinds[k].dutch) == 0)
			return k;
	return -1;
}

const char *pw_import_kind_name(enum pw_import_kind k)
{
	return (int)k >= 0 && (int)k < NKINDS ? kinds[k].dutch : "?";
}

/* YYYY-MM-DD by hand: y < 10000, m and d < 100 (gcc cannot see that
 * snprintf would fit). */
static void fmt_date(char out[11], int y, int m, int d)
{
	const int v[3] = {y, m, d}, w[3] = {4, 2, 2};
	char *p = out;
	for (int k = 0; k < 3; k++) {
		if (k)
			*p++ = '-';
		for (int i = w[k] - 1, x = v[k]; i >= 0; i--, x /= 10)
			p[i] = (char)('0' + x % 10);
		p += w[k];
	}
	*p = '\0';
}

void pw_import_today(char out[11])
{
	time_t t = (time_t)pw_now();
	struct tm tm;
	gmtime_r(&t, &tm);
	fmt_date(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

enum pw_status pw_import_read_file(const char *path, char **data, size_t *len, struct pw_err *err)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return pw_err_set(err, errno == ENOENT ? PW_ENOTFOUND : PW_EIO,
				  "%s: kan het bestand niet openen (%s). Controleer de naam en de map.", path,
				  strerror(errno));
	struct pw_buf b;
	pw_buf_init(&b);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > PW_IMPORT_MAX_BYTES) {
			fclose(f);
			pw_buf_free(&b);
			return pw_err_set(err, PW_ETOOBIG, "%s: het bestand is groter dan %u MB. Splits het in delen.", path,
					  PW_IMPORT_MAX_BYTES >> 20);
		}
		pw_buf_put(&b, chunk, n);
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		pw_buf_free(&b);
		return pw_err_set(err, PW_EIO, "%s: kan het bestand niet lezen. Is het een gewoon bestand?", path);
	}
	pw_buf_putc(&b, '\0');
	*data = pw_buf_steal(&b, len);
	(*len)--;
	return PW_OK;
}

/* ---- messages ---- */

/* Fills err with "FILE:LINE: message" (or "FILE: message" when line is 0),
 * naming field. Returns code. */
static enum pw_status fail(struct pw_err *err, enum pw_status code, const char *file, int line, const char *field,
			   const char *fmt, ...) PW_PRINTF(6, 7);
static enum pw_status fail(struct pw_err *err, enum pw_status code, const char *file, int line, const char *field,
			   const char *fmt, ...)
{
	char msg[sizeof err->msg];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (line > 0)
		pw_err_field(err, code, field ? field : "", "%s:%d: %s", file, line, msg);
	else
		pw_err_field(err, code, field ? field : "", "%s: %s", file, msg);
	err->line = line;
	return code;
}

/* A value as shown in a message: at most 60 bytes, cut at a character
 * boundary, so one long field cannot push the advice out of the message. */
static const char *shown(struct pw_arena *a, const char *s)
{
	size_t n = strlen(s);
	if (n <= 60)
		return s;
	n = 60;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return pw_printf(a, "%.*s...", (int)n, s);
}

/* ---- dates ---- */

static int days_in_month(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* Reads 1..max digits at *p; -1 when none or too many. */
static int digits(const char **p, int min, int max)
{
	int v = 0, n = 0;
	while (**p >= '0' && **p <= '9') {
		if (++n > max)
			return -1;
		v = v * 10 + (**p - '0');
		(*p)++;
	}
	return n >= min ? v : -1;
}

int pw_import_date(const char *s, int dutch, char out[11])
{
	const char *p = s;
	int y, m, d;
	y = digits(&p, 4, 4);
	if (y >= 0 && *p == '-') {
		p++;
		m = digits(&p, 2, 2);
		if (m < 0 || *p++ != '-')
			return 0;
		d = digits(&p, 2, 2);
		if (d < 0 || *p)
			return 0;
	} else {
		if (!dutch)
			return 0;
		p = s;
		d = digits(&p, 1, 2);
		char sep = *p;
		if (d < 0 || (sep != '-' && sep != '/' && sep != '.'))
			return 0;
		p++;
		m = digits(&p, 1, 2);
		if (m < 0 || *p++ != sep)
			return 0;
		y = digits(&p, 4, 4);
		if (y < 0 || *p)
			return 0;
	}
	if (y < 1000 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	fmt_date(out, y, m, d);
	return 1;
}

/* ---- parsing ---- */

struct ctx {
	struct pw_arena *a;
	struct pw_err *err;
	const char *file;
	enum pw_import_kind kind;
	const char *today;
	int failed;

	int line;     /* line of the bytes being fed */
	int rec_line; /* line where the current record started; 0 between records */

	/* The current record's fields (trimmed copies in the arena). */
	const char *f[PW_IMPORT_MAX_COLS];
	int nf;
	int too_many;

	/* The header: its names as written, and which file column holds each
	 * column of the kind's spec (-1 when absent). */
	int have_header;
	const char **hdr;
	int nhdr;
	int col[MAX_SPEC_COLS];

	struct pw_import_row *rows;
	size_t n, cap;
};

static enum pw_status cfail(struct ctx *c, enum pw_status code, int line, const char *field, const char *fmt, ...)
	PW_PRINTF(5, 6);
static enum pw_status cfail(struct ctx *c, enum pw_status code, int line, const char *field, const char *fmt, ...)
{
	char msg[sizeof c->err->msg];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	c->failed = 1;
	return fail(c->err, code, c->file, line, field, "%s", msg);
}

static int is_space(unsigned char ch)
{
	return ch == ' ' || ch == '\t';
}

/* Name of file column i for messages. */
static const char *colname(struct ctx *c, int i)
{
	if (!c->have_header)
		return "kopregel";
	if (i < c->nhdr && c->hdr[i][0])
		return c->hdr[i];
	return pw_printf(c->a, "kolom %d", i + 1);
}

static void on_field(void *s, size_t n, void *data)
{
	struct ctx *c = data;
	if (c->failed)
		return;
	if (c->nf >= PW_IMPORT_MAX_COLS) {
		c->too_many = 1;
		return;
	}
	const char *p = s ? s : "";
	if (s == NULL)
		n = 0;
	if (n > PW_IMPORT_MAX_FIELD) {
		cfail(c, PW_ETOOBIG, c->rec_line, colname(c, c->nf),
		      "%s is langer dan %d tekens. Staat er een aanhalingsteken (\") te veel in het bestand?",
		      colname(c, c->nf), PW_IMPORT_MAX_FIELD);
		return;
	}
	if (!pw_utf8_valid_text(p, n)) {
		cfail(c, PW_EINVAL, c->rec_line, colname(c, c->nf),
		      "%s bevat tekens die geen UTF-8 zijn (of stuurtekens). Sla het bestand op als \"CSV UTF-8\" "
		      "(in Excel: Opslaan als > CSV UTF-8 (door komma's gescheiden)) en importeer opnieuw.",
		      colname(c, c->nf));
		return;
	}
	/* Surrounding spaces are never meant: "1A " is class 1A. */
	while (n > 0 && is_space((unsigned char)p[0])) {
		p++;
		n--;
	}
	while (n > 0 && is_space((unsigned char)p[n - 1]))
		n--;
	c->f[c->nf++] = pw_strndup(c->a, p, n);
}

/* Header names compare without case, spaces or dashes as underscores. */
static char *norm_name(struct pw_arena *a, const char *s)
{
	char *o = pw_strdup(a, s);
	for (char *p = o; *p; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
		else if (*p == ' ' || *p == '-')
			*p = '_';
	}
	return o;
}

static int name_is(const char *norm, const char *want)
{
	/* want may contain '-' ("e-mail"); compare normalised. */
	for (; *norm && *want; norm++, want++) {
		char w = *want == '-' || *want == ' ' ? '_' : *want;
		if (*norm != w)
			return 0;
	}
	return *norm == '\0' && *want == '\0';
}

static const char *expected_header(struct ctx *c)
{
	const struct kindspec *k = &kinds[c->kind];
	struct pw_buf b;
	pw_buf_init(&b);
	for (int i = 0; i < k->ncols; i++) {
		if (i)
			pw_buf_putc(&b, ';');
		pw_buf_puts(&b, k->cols[i].name);
	}
	const char *r = pw_strdup(c->a, b.data);
	pw_buf_free(&b);
	return r;
}

static void on_header(struct ctx *c)
{
	const struct kindspec *k = &kinds[c->kind];
	c->hdr = pw_calloc(c->a, (size_t)c->nf + 1, sizeof *c->hdr);
	c->nhdr = c->nf;
	for (int j = 0; j < k->ncols; j++)
		c->col[j] = -1;
	for (int i = 0; i < c->nf; i++) {
		c->hdr[i] = c->f[i];
		const char *nm = norm_name(c->a, c->f[i]);
		for (int j = 0; j < k->ncols; j++) {
			if (!name_is(nm, k->cols[j].name) && !(k->cols[j].alias && name_is(nm, k->cols[j].alias)))
				continue;
			if (c->col[j] >= 0) {
				cfail(c, PW_EINVAL, c->rec_line, k->cols[j].name,
				      "kolom %s staat twee keer in de kopregel (kolom %d en %d). Verwijder een van beide.",
				      k->cols[j].name, c->col[j] + 1, i + 1);
				return;
			}
			c->col[j] = i;
		}
	}
	struct pw_buf missing;
	pw_buf_init(&missing);
	int nmissing = 0;
	const char *first = NULL;
	for (int j = 0; j < k->ncols; j++) {
		if (c->col[j] >= 0 || !k->cols[j].required)
			continue;
		pw_buf_printf(&missing, "%s%s", nmissing ? ", " : "", k->cols[j].name);
		if (!first)
			first = k->cols[j].name;
		nmissing++;
	}
	if (nmissing)
		cfail(c, PW_EINVAL, c->rec_line, first,
		      "%s %s ontbreekt in de kopregel. Een bestand met %s begint met de kopregel \"%s\" "
		      "(scheidingsteken ; of ,); zie docs/import.md.",
		      nmissing == 1 ? "kolom" : "kolommen", missing.data, kinds[c->kind].dutch, expected_header(c));
	pw_buf_free(&missing);
	c->have_header = 1;
}

/* Value of spec column j in the current record; "" when the file has no
 * such column or the row is short. */
static const char *val(struct ctx *c, int j)
{
	int i = c->col[j];
	return i >= 0 && i < c->nf ? c->f[i] : "";
}

static const char *specname(struct ctx *c, int j)
{
	return kinds[c->kind].cols[j].name;
}

/* A required value: non-empty, at most max bytes. NULL (and c->failed) when not. */
static const char *need(struct ctx *c, int j, size_t max)
{
	const char *v = val(c, j);
	if (!v[0]) {
		cfail(c, PW_EINVAL, c->rec_line, specname(c, j), "%s is leeg. Vul het in de leerlingadministratie in "
								 "en exporteer opnieuw, of haal de regel weg.",
		      specname(c, j));
		return NULL;
	}
	if (strlen(v) > max) {
		cfail(c, PW_EINVAL, c->rec_line, specname(c, j), "%s \"%s\" is langer dan %zu tekens.", specname(c, j),
		      shown(c->a, v), max);
		return NULL;
	}
	return v;
}

/* An optional value of at most max bytes. */
static const char *opt(struct ctx *c, int j, size_t max)
{
	const char *v = val(c, j);
	if (strlen(v) > max) {
		cfail(c, PW_EINVAL, c->rec_line, specname(c, j), "%s \"%s\" is langer dan %zu tekens.", specname(c, j),
		      shown(c->a, v), max);
		return NULL;
	}
	return v;
}

/* An identifier (numbers, logins, class names): no spaces inside. */
static const char *need_id(struct ctx *c, int j)
{
	const char *v = need(c, j, 64);
	if (v && strpbrk(v, " \t\r\n")) {
		cfail(c, PW_EINVAL, c->rec_line, specname(c, j), "%s \"%s\" bevat een spatie of regeleinde. "
								 "Een %s is één woord.",
		      specname(c, j), shown(c->a, v), specname(c, j));
		return NULL;
	}
	return v;
}

static const char *opt_email(struct ctx *c, int j)
{
	const char *v = opt(c, j, 254);
	if (v == NULL || !v[0])
		return v;
	const char *at = strchr(v, '@');
	if (at == NULL || at == v || !at[1] || strchr(at + 1, '@') || strpbrk(v, " \t\r\n,;<>") ||
	    !strchr(at + 1, '.')) {
		cfail(c, PW_EINVAL, c->rec_line, specname(c, j),
		      "%s \"%s\" is geen e-mailadres. Verbeter het (naam@school.nl) of laat het veld leeg.",
		      specname(c, j), shown(c->a, v));
		return NULL;
	}
	return v;
}

static const char *date_col(struct ctx *c, int j, int dutch)
{
	const char *v = need(c, j, 32);
	if (v == NULL)
		return NULL;
	char d[11];
	int r = pw_import_date(v, dutch, d);
	const char *how = dutch ? "Gebruik JJJJ-MM-DD of DD-MM-JJJJ." : "Gebruik JJJJ-MM-DD.";
	if (r == 0) {
		cfail(c, PW_EINVAL, c->rec_line, specname(c, j), "%s \"%s\" is geen datum. %s", specname(c, j),
		      shown(c->a, v), how);
		return NULL;
	}
	if (r < 0) {
		cfail(c, PW_EINVAL, c->rec_line, specname(c, j), "%s \"%s\" is geen bestaande datum. %s",
		      specname(c, j), shown(c->a, v), how);
		return NULL;
	}
	return pw_strdup(c->a, d);
}

static int row_class(struct ctx *c, struct pw_import_class *o)
{
	const char *y;
	if (!(o->name = need_id(c, C_KLAS)) || !(y = need(c, C_LEERJAAR, 8)))
		return -1;
	const char *p = y;
	o->year = digits(&p, 1, 1);
	if (o->year < 1 || o->year > 8 || *p)
		return cfail(c, PW_EINVAL, c->rec_line, "leerjaar",
			     "leerjaar \"%s\" is geen leerjaar. Gebruik een getal van 1 tot en met 8.", shown(c->a, y)),
		       -1;
	if (!(o->department = opt(c, C_AFDELING, 64)))
		return -1;
	o->has_mentors = c->col[C_MENTOR1] >= 0 || c->col[C_MENTOR2] >= 0;
	for (int i = 0; i < 2; i++) {
		if (!(o->mentor[i] = opt(c, C_MENTOR1 + i, 64)))
			return -1;
	}
	/* A second mentor alone is the class's mentor. */
	if (!o->mentor[0][0] && o->mentor[1][0]) {
		o->mentor[0] = o->mentor[1];
		o->mentor[1] = "";
	}
	if (o->mentor[0][0] && strcmp(o->mentor[0], o->mentor[1]) == 0)
		return cfail(c, PW_EINVAL, c->rec_line, "mentor2",
			     "mentor1 en mentor2 zijn allebei \"%s\". Laat mentor2 leeg als de klas één mentor heeft.",
			     shown(c->a, o->mentor[0])),
		       -1;
	return 0;
}

static int row_student(struct ctx *c, struct pw_import_student *o)
{
	if (!(o->external_id = need_id(c, S_NUMMER)) || !(o->first_name = need(c, S_ROEPNAAM, 100)) ||
	    !(o->prefix = opt(c, S_TUSSENVOEGSEL, 30)) || !(o->last_name = need(c, S_ACHTERNAAM, 100)) ||
	    !(o->birth_date = date_col(c, S_GEBOORTEDATUM, 1)) || !(o->class_name = need_id(c, S_KLAS)))
		return -1;
	if (strcmp(o->birth_date, c->today) > 0)
		return cfail(c, PW_EINVAL, c->rec_line, "geboortedatum",
			     "geboortedatum \"%s\" ligt in de toekomst. Verbeter de geboortedatum in de "
			     "leerlingadministratie en exporteer opnieuw.",
			     shown(c->a, val(c, S_GEBOORTEDATUM))),
		       -1;
	return 0;
}

static int row_staff(struct ctx *c, struct pw_import_staff *o)
{
	if (!(o->external_id = need_id(c, P_NUMMER)) || !(o->login = need_id(c, P_LOGIN)) ||
	    !(o->name = need(c, P_NAAM, 100)) || !(o->email = opt_email(c, P_EMAIL)) ||
	    !(o->department = opt(c, P_AFDELING, 64)))
		return -1;
	const char *list = val(c, P_FUNCTIES);
	o->n_functies = 0;
	/* functies separated by ',' or '|' (',' needs quotes in a comma file). */
	const char *p = list;
	while (*p) {
		size_t n = strcspn(p, ",|");
		const char *w = p;
		size_t wl = n;
		while (wl > 0 && is_space((unsigned char)*w)) {
			w++;
			wl--;
		}
		while (wl > 0 && is_space((unsigned char)w[wl - 1]))
			wl--;
		p += n;
		if (*p)
			p++;
		if (wl == 0)
			continue;
		char *f = pw_strndup(c->a, w, wl);
		for (char *q = f; *q; q++)
			if (*q >= 'A' && *q <= 'Z')
				*q = (char)(*q - 'A' + 'a');
		/* Which functies exist is the school's protocol's to say (a
		 * primary school has others): pw_import_apply checks them. */
		if (wl > 64 || strpbrk(f, " \t\r\n"))
			return cfail(c, PW_EINVAL, c->rec_line, "functies",
				     "functie \"%s\" is geen functie. Scheid functies met , of |, bijvoorbeeld mentor|vakdocent.",
				     shown(c->a, f)),
			       -1;
		int dup = 0;
		for (size_t i = 0; i < o->n_functies; i++)
			dup |= strcmp(o->functies[i], f) == 0;
		if (dup)
			continue;
		if (o->n_functies == PW_IMPORT_MAX_FUNCTIES)
			return cfail(c, PW_EINVAL, c->rec_line, "functies", "meer dan %d functies voor één medewerker.",
				     PW_IMPORT_MAX_FUNCTIES),
			       -1;
		o->functies[o->n_functies++] = f;
	}
	return 0;
}

static int yes_no(const char *v)
{
	static const char *const yes[] = {"ja", "j", "1", "yes", "y", "true", "waar"};
	static const char *const no[] = {"nee", "n", "0", "no", "false", "onwaar"};
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (strcasecmp(v, no[i]) == 0)
			return 0;
	return -1;
}

static int row_parent(struct ctx *c, struct pw_import_parent *o)
{
	if (!(o->external_id = need_id(c, O_ID)) || !(o->name = need(c, O_NAAM, 100)) ||
	    !(o->email = opt_email(c, O_EMAIL)) || !(o->phone = opt(c, O_TELEFOON, 32)) ||
	    !(o->student = need_id(c, O_LEERLING)) || !(o->relation = opt(c, O_RELATIE, 32)) ||
	    !(o->restriction = opt(c, O_BEPERKING, 500)))
		return -1;
	if (!o->relation[0])
		o->relation = "ouder";
	const char *g = val(c, O_GEZAG);
	o->custody = yes_no(g);
	if (o->custody < 0)
		return cfail(c, PW_EINVAL, c->rec_line, "gezag",
			     "gezag \"%s\" is geen ja of nee. Vul ja in als deze ouder het ouderlijk gezag heeft, "
			     "anders nee.",
			     shown(c->a, g)),
		       -1;
	return 0;
}

static int row_holiday(struct ctx *c, struct pw_import_holiday *o)
{
	if (!(o->name = need(c, H_NAAM, 100)) || !(o->start_on = date_col(c, H_VAN, 1)) ||
	    !(o->end_on = date_col(c, H_TOT, 1)))
		return -1;
	if (strcmp(o->start_on, o->end_on) > 0)
		return cfail(c, PW_EINVAL, c->rec_line, "tot",
			     "tot %s ligt voor van %s. Een vakantie eindigt op of na de eerste dag.", o->end_on,
			     o->start_on),
		       -1;
	return 0;
}

static void on_row(int term, void *data)
{
	struct ctx *c = data;
	(void)term;
	if (c->failed)
		goto done;
	if (c->too_many) {
		cfail(c, PW_ETOOBIG, c->rec_line, "", "deze regel heeft meer dan %d kolommen. Is dit het goede bestand?",
		      PW_IMPORT_MAX_COLS);
		goto done;
	}
	if (!c->have_header) {
		on_header(c);
		goto done;
	}
	int empty = 1;
	for (int i = 0; i < c->nf; i++)
		empty &= c->f[i][0] == '\0';
	if (empty) /* ";;;;" lines that spreadsheets leave behind */
		goto done;
	for (int i = c->nhdr; i < c->nf; i++) {
		if (c->f[i][0]) {
			cfail(c, PW_EINVAL, c->rec_line, "",
			      "deze regel heeft %d velden, de kopregel %d. Staat er een scheidingsteken (%s) in een "
			      "veld zonder aanhalingstekens? Zet zo'n veld tussen \"\".",
			      c->nf, c->nhdr, c->nhdr ? "; of ," : ";");
			goto done;
		}
	}
	if (c->n >= PW_IMPORT_MAX_ROWS) {
		cfail(c, PW_ETOOBIG, c->rec_line, "", "het bestand heeft meer dan %d regels. Splits het in delen.",
		      PW_IMPORT_MAX_ROWS);
		goto done;
	}
	if (c->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 64;
		struct pw_import_row *r = pw_calloc(c->a, cap, sizeof *r);
		if (c->n)
			memcpy(r, c->rows, c->n * sizeof *r);
		c->rows = r;
		c->cap = cap;
	}
	struct pw_import_row *r = &c->rows[c->n];
	memset(r, 0, sizeof *r);
	r->line = c->rec_line;
	int rc = -1;
	switch (c->kind) {
	case PW_IMPORT_CLASSES: rc = row_class(c, &r->u.cls); break;
	case PW_IMPORT_STUDENTS: rc = row_student(c, &r->u.student); break;
	case PW_IMPORT_STAFF: rc = row_staff(c, &r->u.staff); break;
	case PW_IMPORT_PARENTS: rc = row_parent(c, &r->u.parent); break;
	case PW_IMPORT_HOLIDAYS: rc = row_holiday(c, &r->u.holiday); break;
	}
	if (rc == 0)
		c->n++;
done:
	c->nf = 0;
	c->too_many = 0;
	c->rec_line = 0;
}

/* The delimiter is whichever of ';' and ',' the header line (outside
 * quotes) has more of: Dutch Excel writes ';', other tools ','. */
static char detect_delimiter(const char *p, const char *end)
{
	int semi = 0, comma = 0, quoted = 0;
	for (; p < end; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && (*p == '\n' || *p == '\r'))
			break;
		else if (!quoted && *p == ';')
			semi++;
		else if (!quoted && *p == ',')
			comma++;
	}
	return comma > semi ? ',' : ';';
}

struct dupkey {
	const char *key;
	size_t index;
};

static int dupkey_cmp(const void *x, const void *y)
{
	const struct dupkey *a = x, *b = y;
	int r = strcmp(a->key, b->key);
	if (r)
		return r;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* Finds the first row (in file order) whose key an earlier row has too.
 * Returns its index and sets *earlier, or returns (size_t)-1. Sorting keeps
 * this O(n log n) for files with thousands of rows. */
static size_t first_dup(struct pw_arena *a, struct pw_import_row *rows, size_t n,
			const char *(*key)(struct pw_arena *, const struct pw_import_row *), size_t *earlier)
{
	if (n < 2)
		return (size_t)-1;
	struct dupkey *k = pw_calloc(a, n, sizeof *k);
	for (size_t i = 0; i < n; i++)
		k[i] = (struct dupkey){key(a, &rows[i]), i};
	qsort(k, n, sizeof *k, dupkey_cmp);
	size_t best = (size_t)-1;
	for (size_t i = 1; i < n; i++) {
		/* Within a run of equal keys the first is the earliest row. */
		if (strcmp(k[i].key, k[i - 1].key) == 0) {
			size_t j = i;
			while (j > 0 && strcmp(k[j - 1].key, k[i].key) == 0)
				j--;
			if (best == (size_t)-1 || k[i].index < best) {
				best = k[i].index;
				*earlier = k[j].index;
			}
		}
	}
	return best;
}

static const char *key_class(struct pw_arena *a, const struct pw_import_row *r)
{
	(void)a;
	return r->u.cls.name;
}
static const char *key_student(struct pw_arena *a, const struct pw_import_row *r)
{
	(void)a;
	return r->u.student.external_id;
}
static const char *key_staff(struct pw_arena *a, const struct pw_import_row *r)
{
	(void)a;
	return r->u.staff.external_id;
}
static const char *key_login(struct pw_arena *a, const struct pw_import_row *r)
{
	(void)a;
	return r->u.staff.login;
}
static const char *key_parent_link(struct pw_arena *a, const struct pw_import_row *r)
{
	/* '\x1f' cannot be in an id (no controls pass the UTF-8 check). */
	return pw_printf(a, "%s\x1f%s", r->u.parent.external_id, r->u.parent.student);
}
static const char *key_parent_details(struct pw_arena *a, const struct pw_import_row *r)
{
	return pw_printf(a, "%s\x1f%s\x1f%s\x1f%s", r->u.parent.external_id, r->u.parent.name, r->u.parent.email,
			 r->u.parent.phone);
}

/* Checks that no id is in the file twice, and that a parent on several
 * rows (one per child) has the same details on each. */
static enum pw_status check_dups(struct ctx *c)
{
	size_t e = 0, i;
	struct pw_import_row *r = c->rows;
	switch (c->kind) {
	case PW_IMPORT_CLASSES:
		if ((i = first_dup(c->a, r, c->n, key_class, &e)) != (size_t)-1)
			return cfail(c, PW_EINVAL, r[i].line, "klas",
				     "klas \"%s\" staat ook op regel %d. Elke klas mag maar één keer in het bestand staan.",
				     shown(c->a, r[i].u.cls.name), r[e].line);
		break;
	case PW_IMPORT_STUDENTS:
		if ((i = first_dup(c->a, r, c->n, key_student, &e)) != (size_t)-1)
			return cfail(c, PW_EINVAL, r[i].line, "leerlingnummer",
				     "leerlingnummer \"%s\" staat ook op regel %d. Elk leerlingnummer mag maar één keer "
				     "in het bestand staan.",
				     shown(c->a, r[i].u.student.external_id), r[e].line);
		break;
	case PW_IMPORT_STAFF:
		if ((i = first_dup(c->a, r, c->n, key_staff, &e)) != (size_t)-1)
			return cfail(c, PW_EINVAL, r[i].line, "personeelsnummer",
				     "personeelsnummer \"%s\" staat ook op regel %d. Elk personeelsnummer mag maar één "
				     "keer in het bestand staan.",
				     shown(c->a, r[i].u.staff.external_id), r[e].line);
		if ((i = first_dup(c->a, r, c->n, key_login, &e)) != (size_t)-1)
			return cfail(c, PW_EINVAL, r[i].line, "login",
				     "login \"%s\" staat ook op regel %d. Elke medewerker heeft een eigen login.",
				     shown(c->a, r[i].u.staff.login), r[e].line);
		break;
	case PW_IMPORT_PARENTS: {
		if ((i = first_dup(c->a, r, c->n, key_parent_link, &e)) != (size_t)-1)
			return cfail(c, PW_EINVAL, r[i].line, "ouder_id",
				     "ouder \"%s\" met leerling \"%s\" staat ook op regel %d. Elke combinatie van ouder en "
				     "leerling mag maar één keer in het bestand staan.",
				     shown(c->a, r[i].u.parent.external_id), shown(c->a, r[i].u.parent.student),
				     r[e].line);
		/* Same ouder_id, different details: sort by id + details and
		 * look for neighbours with the same id but another key. */
		struct dupkey *k = pw_calloc(c->a, c->n ? c->n : 1, sizeof *k);
		for (size_t j = 0; j < c->n; j++)
			k[j] = (struct dupkey){key_parent_details(c->a, &r[j]), j};
		qsort(k, c->n, sizeof *k, dupkey_cmp);
		size_t best = (size_t)-1;
		for (size_t j = 1; j < c->n; j++) {
			const struct pw_import_parent *p0 = &r[k[j - 1].index].u.parent, *p1 = &r[k[j].index].u.parent;
			if (strcmp(p0->external_id, p1->external_id) != 0 || strcmp(k[j - 1].key, k[j].key) == 0)
				continue;
			size_t later = k[j].index > k[j - 1].index ? k[j].index : k[j - 1].index;
			if (best == (size_t)-1 || later < best) {
				best = later;
				e = later == k[j].index ? k[j - 1].index : k[j].index;
			}
		}
		if (best != (size_t)-1)
			return cfail(c, PW_EINVAL, r[best].line, "ouder_id",
				     "ouder \"%s\" staat ook op regel %d, met een andere naam, e-mail of telefoon. Een "
				     "ouder heeft op elke regel dezelfde gegevens; verbeter een van beide.",
				     shown(c->a, r[best].u.parent.external_id), r[e].line);
		break;
	}
	case PW_IMPORT_HOLIDAYS: break;
	}
	return PW_OK;
}

/* A line libcsv skips: only spaces, tabs and its line end. */
static int blank(const char *s, const char *e)
{
	for (; s < e; s++)
		if (!is_space((unsigned char)*s) && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

/* Feeds one piece to libcsv; 0 on a parse error. */
static int feed(struct csv_parser *p, struct ctx *c, const char *s, size_t n)
{
	return csv_parse(p, s, n, on_field, on_row, c) == n;
}

enum pw_status pw_import_parse(struct pw_arena *a, enum pw_import_kind kind, const char *file, const char *data,
			       size_t len, const char *today, struct pw_import *out, struct pw_err *err)
{
	struct csv_parser p;
	struct ctx c;
	memset(&c, 0, sizeof c);
	memset(out, 0, sizeof *out);
	c.a = a;
	c.err = err;
	c.file = file;
	c.kind = kind;
	c.today = today;
	pw_err_clear(err);
	if ((int)kind < 0 || (int)kind >= NKINDS)
		return pw_err_set(err, PW_EINVAL, "unknown import kind");
	if (len > PW_IMPORT_MAX_BYTES)
		return fail(err, PW_ETOOBIG, file, 0, "", "het bestand is groter dan %u MB. Splits het in delen.",
			    PW_IMPORT_MAX_BYTES >> 20);
	const char *s = data, *end = data + len;
	if (len >= 2 && (((unsigned char)s[0] == 0xff && (unsigned char)s[1] == 0xfe) ||
			 ((unsigned char)s[0] == 0xfe && (unsigned char)s[1] == 0xff)))
		return fail(err, PW_EINVAL, file, 1, "",
			    "het bestand is UTF-16 (\"Unicode-tekst\"). Sla het op als \"CSV UTF-8\" en importeer opnieuw.");
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	const char *q = s;
	while (q < end && (*q == '\n' || *q == '\r' || is_space((unsigned char)*q)))
		q++;
	if (q == end)
		return fail(err, PW_EINVAL, file, 0, "",
			    "het bestand is leeg. Een bestand met %s begint met een kopregel; zie docs/import.md.",
			    kinds[kind].dutch);

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		pw_oom();
	out->delimiter = detect_delimiter(s, end);
	csv_set_delim(&p, (unsigned char)out->delimiter);
	/* Spaces are trimmed in on_field, after the UTF-8 check, for quoted
	 * fields too; libcsv need not. */
	c.line = 1;
	/* One line at a time (a line ends at LF, or at a CR not before an LF),
	 * so every record knows the line it started on. */
	while (s < end && !c.failed) {
		const char *e = s;
		while (e < end && *e != '\n' && !(*e == '\r' && (e + 1 == end || e[1] != '\n')))
			e++;
		if (e < end)
			e++;
		if (c.rec_line == 0 && !blank(s, e))
			c.rec_line = c.line;
		if (!feed(&p, &c, s, (size_t)(e - s)) && !c.failed) {
			int pe = csv_error(&p);
			if (pe == CSV_ENOMEM || pe == CSV_ETOOBIG)
				pw_oom();
			cfail(&c, PW_EINVAL, c.line, "",
			      "de aanhalingstekens kloppen niet: een \" midden in een veld, of tekst na een afsluitende \". "
			      "Zet een veld met \" of %c tussen aanhalingstekens en schrijf een \" erin dubbel (\"\").",
			      out->delimiter);
		}
		s = e;
		c.line++;
	}
	if (!c.failed && csv_fini(&p, on_field, on_row, &c) != 0 && !c.failed)
		cfail(&c, PW_EINVAL, c.rec_line, "",
		      "het bestand eindigt binnen een veld tussen aanhalingstekens dat op deze regel begint. "
		      "Sluit het veld af met \".");
	csv_free(&p);
	if (c.failed)
		return err->code;
	if (!c.have_header)
		return fail(err, PW_EINVAL, file, 0, "", "het bestand heeft geen kopregel; zie docs/import.md.");
	if (check_dups(&c) != PW_OK)
		return err->code;
	out->kind = kind;
	out->file = file;
	out->rows = c.rows;
	out->n = c.n;
	return PW_OK;
}

/* ---- writing ---- */

/* An account by staff number, else by login: mentors may be given either way. */
static enum pw_status find_account(struct pw_store *s, struct pw_arena *a, const char *key, int64_t *id,
				   struct pw_err *err)
{
	struct pw_user u;
	enum pw_status st = pw_store_user_by_external(s, a, key, &u, err);
	if (st == PW_ENOTFOUND)
		st = pw_store_user_by_login(s, a, key, &u, err);
	if (st == PW_OK)
		*id = u.id;
	return st;
}

static enum pw_change combine(enum pw_change a, enum pw_change b)
{
	if (a == PW_NEW || b == PW_NEW)
		return PW_NEW;
	return a == PW_UPDATED || b == PW_UPDATED ? PW_UPDATED : PW_SAME;
}

struct applier {
	struct pw_store *s;
	struct pw_arena *a;
	const struct pw_import *im;
	int64_t school_id;
	const struct pw_schoolyear *sy;
	struct pw_err *err;
};

/* A store failure inside a row: keep its words, add where it happened. */
static enum pw_status store_fail(struct applier *ap, const struct pw_import_row *r, const char *field)
{
	char msg[sizeof ap->err->msg];
	snprintf(msg, sizeof msg, "%s", ap->err->msg);
	return fail(ap->err, ap->err->code ? ap->err->code : PW_EIO, ap->im->file, r->line, field,
		    "kon niet opslaan: %s", msg);
}

static enum pw_status apply_class(struct applier *ap, const struct pw_import_row *r, enum pw_change *ch,
				  const char **what)
{
	const struct pw_import_class *c = &r->u.cls;
	int64_t m[2] = {0, 0}, id;
	for (int i = 0; i < 2; i++) {
		if (!c->mentor[i][0])
			continue;
		enum pw_status st = find_account(ap->s, ap->a, c->mentor[i], &m[i], ap->err);
		if (st == PW_ENOTFOUND)
			return fail(ap->err, PW_EINVAL, ap->im->file, r->line, i ? "mentor2" : "mentor1",
				    "mentor%d \"%s\" is onbekend: geen medewerker heeft dat personeelsnummer of die login. "
				    "Importeer eerst het personeel (pestwijzer import staff ...) of verbeter de mentor.",
				    i + 1, shown(ap->a, c->mentor[i]));
		if (st != PW_OK)
			return store_fail(ap, r, "mentor1");
	}
	if (m[0] && m[0] == m[1])
		return fail(ap->err, PW_EINVAL, ap->im->file, r->line, "mentor2",
			    "mentor1 en mentor2 zijn dezelfde medewerker. Laat mentor2 leeg als de klas één mentor heeft.");
	enum pw_change c1, c2 = PW_SAME;
	if (pw_store_class_upsert(ap->s, ap->sy->id, c->name, c->year, c->department, &id, &c1, ap->err) != PW_OK)
		return store_fail(ap, r, "klas");
	if (c->has_mentors && pw_store_class_set_mentors(ap->s, id, m[0], m[1], &c2, ap->err) != PW_OK)
		return store_fail(ap, r, "mentor1");
	/* Mentors given to an existing class are a change to it, not a new row. */
	*ch = c1 == PW_NEW ? PW_NEW : c1 == PW_UPDATED || c2 != PW_SAME ? PW_UPDATED : PW_SAME;
	*what = pw_printf(ap->a, "klas %s (leerjaar %d%s%s)", c->name, c->year, c->department[0] ? ", " : "",
			  c->department);
	return PW_OK;
}

static enum pw_status apply_student(struct applier *ap, const struct pw_import_row *r, enum pw_change *ch,
				    const char **what)
{
	const struct pw_import_student *in = &r->u.student;
	struct pw_class cls;
	enum pw_status st = pw_store_class_get(ap->s, ap->a, ap->sy->id, in->class_name, &cls, ap->err);
	if (st == PW_ENOTFOUND)
		return fail(ap->err, PW_EINVAL, ap->im->file, r->line, "klas",
			    "klas \"%s\" bestaat niet in schooljaar %s. Importeer eerst de klassen "
			    "(pestwijzer import classes ...) of verbeter de klas.",
			    shown(ap->a, in->class_name), ap->sy->name);
	if (st != PW_OK)
		return store_fail(ap, r, "klas");
	struct pw_student stu = {
		.external_id = in->external_id,
		.first_name = in->first_name,
		.prefix = in->prefix,
		.last_name = in->last_name,
		.birth_date = in->birth_date,
	};
	int64_t id;
	enum pw_change c1, c2;
	if (pw_store_student_upsert(ap->s, &stu, &id, &c1, ap->err) != PW_OK)
		return store_fail(ap, r, "leerlingnummer");
	if (pw_store_enroll(ap->s, id, cls.id, &c2, ap->err) != PW_OK)
		return store_fail(ap, r, "klas");
	/* A known student in their first class of this year is a change to them. */
	*ch = c1 == PW_NEW ? PW_NEW : c1 == PW_UPDATED || c2 != PW_SAME ? PW_UPDATED : PW_SAME;
	*what = pw_printf(ap->a, "leerling %s %s (%s)", in->external_id, pw_student_name(ap->a, &stu), in->class_name);
	return PW_OK;
}


/* Replaces the account's functies at this school with the file's, keeping
 * those at the board's other schools. */
static enum pw_status set_functies(struct applier *ap, const struct pw_import_row *r, int64_t uid,
				   enum pw_change *ch)
{
	const struct pw_import_staff *in = &r->u.staff;
	size_t bad = 0;
	enum pw_status st = pw_staff_set_functies(ap->s, ap->a, uid, ap->school_id, (const char *const *)in->functies,
						  in->n_functies, in->department, ch, &bad, ap->err);
	if (st == PW_EINVAL) {
		/* Say it with the file and the line, and how to list several. */
		char choices[400];
		const char *list = strstr(ap->err->msg, "Kies uit: ");
		snprintf(choices, sizeof choices, "%s", list ? list + 10 : "");
		fail(ap->err, PW_EINVAL, ap->im->file, r->line, "functies",
		     "functie \"%s\" is onbekend in het protocol van deze school. Kies uit: %s (meer dan één: scheid ze "
		     "met , of |).",
		     shown(ap->a, in->functies[bad]), choices);
		return PW_EINVAL;
	}
	if (st != PW_OK)
		return store_fail(ap, r, "functies");
	return PW_OK;
}

static enum pw_status apply_staff(struct applier *ap, const struct pw_import_row *r, enum pw_change *ch,
				  const char **what)
{
	const struct pw_import_staff *in = &r->u.staff;
	struct pw_user u;
	enum pw_change c1 = PW_SAME, c2;
	int64_t uid;
	struct pw_user upd = {.name = in->name, .email = in->email, .external_id = in->external_id};
	enum pw_status st = pw_store_user_by_external(ap->s, ap->a, in->external_id, &u, ap->err);
	if (st == PW_OK) {
		/* Matched on the staff number; the login is how they sign in and
		 * is not changed by an import. */
		uid = upd.id = u.id;
		if (pw_store_user_update(ap->s, &upd, &c1, ap->err) != PW_OK)
			return store_fail(ap, r, "naam");
	} else if (st == PW_ENOTFOUND) {
		st = pw_store_user_by_login(ap->s, ap->a, in->login, &u, ap->err);
		if (st == PW_OK && u.external_id && u.external_id[0])
			return fail(ap->err, PW_ECONFLICT, ap->im->file, r->line, "login",
				    "login \"%s\" hoort al bij personeelsnummer %s. Verbeter de login of het "
				    "personeelsnummer.",
				    shown(ap->a, in->login), shown(ap->a, u.external_id));
		if (st == PW_OK) {
			/* An account made by hand (the first beheerder) is adopted. */
			uid = upd.id = u.id;
			if (pw_store_user_update(ap->s, &upd, &c1, ap->err) != PW_OK)
				return store_fail(ap, r, "login");
		} else if (st == PW_ENOTFOUND) {
			struct pw_user nu = {.login = in->login,
					     .name = in->name,
					     .email = in->email,
					     .external_id = in->external_id,
					     .password_hash = NULL};
			if (pw_store_user_add(ap->s, &nu, &uid, ap->err) != PW_OK)
				return store_fail(ap, r, "login");
			c1 = PW_NEW;
		} else {
			return store_fail(ap, r, "login");
		}
	} else {
		return store_fail(ap, r, "personeelsnummer");
	}
	if (set_functies(ap, r, uid, &c2) != PW_OK)
		return ap->err->code;
	*ch = c1 == PW_NEW ? PW_NEW : combine(c1, c2);
	struct pw_buf b;
	pw_buf_init(&b);
	for (size_t i = 0; i < in->n_functies; i++)
		pw_buf_printf(&b, "%s%s", i ? ", " : "", in->functies[i]);
	*what = pw_printf(ap->a, "medewerker %s %s (%s: %s)", in->external_id, in->login, in->name,
			  b.len ? b.data : "geen functies");
	pw_buf_free(&b);
	return PW_OK;
}

static enum pw_status apply_parent(struct applier *ap, const struct pw_import_row *r, enum pw_change *ch,
				   const char **what)
{
	const struct pw_import_parent *in = &r->u.parent;
	int64_t sid, pid;
	enum pw_status st = pw_store_student_by_external(ap->s, in->student, &sid, ap->err);
	if (st == PW_ENOTFOUND)
		return fail(ap->err, PW_EINVAL, ap->im->file, r->line, "leerlingnummer",
			    "leerlingnummer \"%s\" is onbekend. Importeer eerst de leerlingen (pestwijzer import "
			    "students ...) of verbeter het nummer.",
			    shown(ap->a, in->student));
	if (st != PW_OK)
		return store_fail(ap, r, "leerlingnummer");
	struct pw_parent p = {.external_id = in->external_id, .name = in->name, .email = in->email, .phone = in->phone};
	enum pw_change c1, c2;
	if (pw_store_parent_upsert(ap->s, &p, &pid, &c1, ap->err) != PW_OK)
		return store_fail(ap, r, "ouder_id");
	if (pw_store_parent_link(ap->s, sid, pid, in->relation, in->custody, in->restriction, &c2, ap->err) != PW_OK)
		return store_fail(ap, r, "leerlingnummer");
	*ch = combine(c1, c2);
	*what = pw_printf(ap->a, "ouder %s %s van leerling %s (%s, gezag %s)", in->external_id, in->name, in->student,
			  in->relation, in->custody ? "ja" : "nee");
	return PW_OK;
}

enum pw_status pw_import_apply(struct pw_store *s, const struct pw_import *im, int64_t school_id,
			       const struct pw_schoolyear *sy, int dry_run, pw_import_cb cb, void *cbdata,
			       struct pw_import_counts *counts, struct pw_err *err)
{
	struct pw_arena a;
	struct applier ap = {s, &a, im, school_id, sy, err};
	memset(counts, 0, sizeof *counts);
	pw_err_clear(err);
	if ((im->kind == PW_IMPORT_CLASSES || im->kind == PW_IMPORT_STUDENTS) && sy == NULL)
		return fail(err, PW_EINVAL, im->file, 0, "schoolyear",
			    "%s horen bij een schooljaar. Geef het met --schoolyear 2025-2026.", kinds[im->kind].dutch);
	if (im->kind == PW_IMPORT_HOLIDAYS)
		return fail(err, PW_EINVAL, im->file, 0, "", "vakanties lees je in met `pestwijzer schoolyear holidays`.");
	if (pw_store_begin(s, err) != PW_OK)
		return err->code;
	pw_arena_init(&a);
	for (size_t i = 0; i < im->n; i++) {
		const struct pw_import_row *r = &im->rows[i];
		enum pw_change ch = PW_SAME;
		const char *what = "";
		enum pw_status st = PW_EINVAL;
		switch (im->kind) {
		case PW_IMPORT_CLASSES: st = apply_class(&ap, r, &ch, &what); break;
		case PW_IMPORT_STUDENTS: st = apply_student(&ap, r, &ch, &what); break;
		case PW_IMPORT_STAFF: st = apply_staff(&ap, r, &ch, &what); break;
		case PW_IMPORT_PARENTS: st = apply_parent(&ap, r, &ch, &what); break;
		case PW_IMPORT_HOLIDAYS: break;
		}
		if (st != PW_OK)
			goto fail;
		if (ch == PW_NEW)
			counts->added++;
		else if (ch == PW_UPDATED)
			counts->updated++;
		else
			counts->same++;
		if (cb) {
			struct pw_import_event ev = {r, i, im->n, ch, what};
			cb(&ev, cbdata);
		}
		pw_arena_reset(&a);
	}
	if (dry_run) {
		pw_store_rollback(s);
	} else if (pw_store_commit(s, err) != PW_OK) {
		char msg[sizeof err->msg];
		snprintf(msg, sizeof msg, "%s", err->msg);
		fail(err, PW_EIO, im->file, 0, "", "kon niet opslaan (%s); er is niets veranderd. Probeer het opnieuw.",
		     msg);
		goto fail_committed;
	}
	pw_arena_free(&a);
	return PW_OK;
fail:
	pw_store_rollback(s);
fail_committed:
	pw_arena_free(&a);
	memset(counts, 0, sizeof *counts);
	return err->code;
}
