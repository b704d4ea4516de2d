#include "protocol/reader.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool rd_fail(struct reader *r, int line, const char *fmt, ...)
{
	if (r->failed)
		return false;
	r->failed = true;
	char what[sizeof r->err->msg];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (line > 0)
		pw_err_set(r->err, PW_EINVAL, "%s:%d: %s", r->name, line, what);
	else
		pw_err_set(r->err, PW_EINVAL, "%s: %s", r->name, what);
	r->err->line = line;
	return false;
}

static const char *type_name(enum ynode_type t)
{
	switch (t) {
	case Y_SCALAR: return "a text or a number";
	case Y_SEQ: return "a list (lines starting with '- ', or [a, b])";
	case Y_MAP: return "a group of fields (name: value)";
	}
	return "?";
}

bool rd_fields(struct reader *r, const struct ynode *m, const char *what, const char *const *allowed)
{
	if (r->failed || m == NULL)
		return !r->failed;
	for (size_t i = 0; i < m->n; i++) {
		const char *k = m->keys[i]->str;
		bool ok = false;
		for (const char *const *a = allowed; *a; a++)
			if (strcmp(*a, k) == 0) {
				ok = true;
				break;
			}
		if (ok)
			continue;
		char known[300] = "";
		size_t used = 0;
		for (const char *const *a = allowed; *a && used < sizeof known - 1; a++) {
			int w = snprintf(known + used, sizeof known - used, "%s%s", used ? ", " : "", *a);
			if (w < 0)
				break;
			used += (size_t)w;
		}
		return rd_fail(r, m->keys[i]->line, "%s has an unknown field '%.60s'. Known fields here: %s. Check the spelling.",
			       what, k, known);
	}
	return true;
}

struct ynode *rd_node(struct reader *r, const struct ynode *m, const char *name, enum ynode_type t, bool required,
		      const char *what)
{
	if (r->failed || m == NULL)
		return NULL;
	struct ynode *n = ytree_get(m, name);
	if (ytree_is_null(n)) {
		if (required) {
			struct ynode *k = ytree_key(m, name);
			rd_fail(r, k ? k->line : m->line, "%s has no '%s'. Add it.", what, name);
		}
		return NULL;
	}
	if (n->type != t) {
		rd_fail(r, n->line, "'%s' of %s must be %s, not %s.", name, what, type_name(t), type_name(n->type));
		return NULL;
	}
	return n;
}

const char *rd_copy(struct reader *r, const char *s)
{
	size_t len = strlen(s);
	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	return pw_strndup(r->a, s, len);
}

const char *rd_str(struct reader *r, const struct ynode *m, const char *name, bool required, const char *what)
{
	struct ynode *n = rd_node(r, m, name, Y_SCALAR, required, what);
	if (n == NULL)
		return NULL;
	if (required && n->len == 0) {
		rd_fail(r, n->line, "'%s' of %s is empty. Fill it in.", name, what);
		return NULL;
	}
	return rd_copy(r, n->str);
}

int rd_int(struct reader *r, const struct ynode *m, const char *name, bool required, int def, int min, int max,
	   const char *what)
{
	struct ynode *n = rd_node(r, m, name, Y_SCALAR, required, what);
	if (n == NULL)
		return def;
	char *end = NULL;
	errno = 0;
	long v = strtol(n->str, &end, 10);
	if (n->len == 0 || errno != 0 || end == NULL || *end != '\0' || v < min || v > max) {
		rd_fail(r, n->line, "'%s' of %s must be a whole number from %d to %d, not '%.40s'.", name, what, min, max,
			n->str);
		return def;
	}
	return (int)v;
}

bool rd_bool(struct reader *r, const struct ynode *m, const char *name, bool def, const char *what)
{
	struct ynode *n = rd_node(r, m, name, Y_SCALAR, false, what);
	if (n == NULL)
		return def;
	if (strcmp(n->str, "true") == 0)
		return true;
	if (strcmp(n->str, "false") == 0)
		return false;
	rd_fail(r, n->line, "'%s' of %s must be true or false, not '%.40s'.", name, what, n->str);
	return def;
}

int rd_enum_node(struct reader *r, const struct ynode *n, const char *name, const char *const *names, const char *what)
{
	if (r->failed)
		return -1;
	if (n->type != Y_SCALAR) {
		rd_fail(r, n->line, "'%s' of %s must be a single word, not %s.", name, what, type_name(n->type));
		return -1;
	}
	for (int i = 0; names[i]; i++)
		if (strcmp(names[i], n->str) == 0)
			return i;
	char known[300] = "";
	size_t used = 0;
	for (int i = 0; names[i] && used < sizeof known - 1; i++) {
		int w = snprintf(known + used, sizeof known - used, "%s%s", used ? ", " : "", names[i]);
		if (w < 0)
			break;
		used += (size_t)w;
	}
	rd_fail(r, n->line, "'%s' of %s is '%.40s', which is not one of: %s.", name, what, n->str, known);
	return -1;
}

int rd_enum(struct reader *r, const struct ynode *m, const char *name, const char *const *names, bool required,
	    int def, const char *what)
{
	struct ynode *n = rd_node(r, m, name, Y_SCALAR, required, what);
	if (n == NULL)
		return def;
	int v = rd_enum_node(r, n, name, names, what);
	return v < 0 ? def : v;
}

static bool word_ok(const char *s, size_t n)
{
	if (n == 0 || s[0] < 'a' || s[0] > 'z')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
			return false;
	}
	return true;
}

const char *rd_key(struct reader *r, const struct ynode *m, const char *what_kind, size_t index, bool dotted)
{
	char what[96];
	snprintf(what, sizeof what, "%s number %zu", what_kind, index + 1);
	struct ynode *n = rd_node(r, m, "key", Y_SCALAR, true, what);
	if (n == NULL)
		return NULL;
	const char *s = n->str;
	const char *dot = strchr(s, '.');
	bool ok;
	if (dotted)
		ok = dot != NULL && word_ok(s, (size_t)(dot - s)) && word_ok(dot + 1, strlen(dot + 1));
	else
		ok = word_ok(s, n->len);
	if (!ok || n->len > 64) {
		rd_fail(r, n->line,
			dotted ? "the key '%.64s' of %s must be two words joined by a dot (like mentor.gesprek_gepeste), "
				 "in lowercase letters, digits and '_'."
			       : "the key '%.64s' of %s must be lowercase letters, digits and '_', starting with a letter "
				 "(at most 64).",
			s, what);
		return NULL;
	}
	return pw_strndup(r->a, s, n->len);
}

struct ynode **rd_list(struct reader *r, const struct ynode *m, const char *name, bool required, size_t *n,
		       const char *what)
{
	*n = 0;
	if (r->failed || m == NULL)
		return NULL;
	struct ynode *v = ytree_get(m, name);
	if (ytree_is_null(v)) {
		if (required) {
			struct ynode *k = ytree_key(m, name);
			rd_fail(r, k ? k->line : m->line, "%s has no '%s'. Add it.", what, name);
		}
		return NULL;
	}
	if (v->type == Y_SCALAR) {
		struct ynode **one = pw_alloc(r->a, sizeof *one);
		one[0] = v;
		*n = 1;
		return one;
	}
	if (v->type != Y_SEQ) {
		rd_fail(r, v->line, "'%s' of %s must be %s, not %s.", name, what, type_name(Y_SEQ), type_name(v->type));
		return NULL;
	}
	if (v->n > RD_MAX_LIST) {
		rd_fail(r, v->line, "'%s' of %s lists more than %d values.", name, what, RD_MAX_LIST);
		return NULL;
	}
	for (size_t i = 0; i < v->n; i++)
		if (v->items[i]->type != Y_SCALAR) {
			rd_fail(r, v->items[i]->line, "'%s' of %s must list single words, not %s.", name, what,
				type_name(v->items[i]->type));
			return NULL;
		}
	*n = v->n;
	return v->items;
}

bool rd_is_key(const char *s, bool dotted)
{
	size_t n = strlen(s);
	if (n > 64)
		return false;
	const char *dot = strchr(s, '.');
	if (dotted)
		return dot != NULL && word_ok(s, (size_t)(dot - s)) && word_ok(dot + 1, strlen(dot + 1));
	return word_ok(s, n);
}
