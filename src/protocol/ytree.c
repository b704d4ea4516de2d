#include "protocol/ytree.h"

#include <libfyaml.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Limits that bound time and memory on hostile input; a real protocol file
 * is far below them. */
#define MAX_NODES 200000
#define MAX_MAP_KEYS 256

/* A collection being built: its children gathered on the heap, copied into
 * the arena when it closes (the arena cannot grow an allocation). */
struct frame {
	struct ynode *node;
	struct ynode **items, **keys;
	size_t n, cap;
	bool want_key; /* Y_MAP: the next node is a key */
};

struct builder {
	struct pw_arena *a;
	const char *name;
	struct pw_err *err;
	struct frame stack[PW_YTREE_MAX_DEPTH + 1];
	int depth; /* frames in use */
	size_t nodes;
	struct ynode *root;
	int docs;
};

static bool fail(struct builder *b, int line, const char *fmt, const char *arg)
{
	char what[400];
	snprintf(what, sizeof what, fmt, arg);
	if (line > 0)
		pw_err_set(b->err, PW_EINVAL, "%s:%d: %s", b->name, line, what);
	else
		pw_err_set(b->err, PW_EINVAL, "%s: %s", b->name, what);
	b->err->line = line;
	return false;
}

static void frames_free(struct builder *b)
{
	for (int i = 0; i < b->depth; i++) {
		free(b->stack[i].items);
		free(b->stack[i].keys);
	}
	b->depth = 0;
}

static bool push_child(struct builder *b, struct ynode *n)
{
	if (b->depth == 0) {
		if (b->root != NULL)
			return fail(b, n->line, "%s", "the file holds more than one document; keep one.");
		b->root = n;
		return true;
	}
	struct frame *f = &b->stack[b->depth - 1];
	if (f->node->type == Y_MAP && f->want_key) {
		if (n->type != Y_SCALAR)
			return fail(b, n->line, "%s", "a key must be a single word, not a list or a mapping.");
		if (f->n >= MAX_MAP_KEYS)
			return fail(b, n->line, "%s", "a mapping has more than 256 fields; a protocol file needs far fewer.");
	}
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 8;
		f->items = pw_xrealloc(f->items, f->cap * sizeof *f->items);
		if (f->node->type == Y_MAP)
			f->keys = pw_xrealloc(f->keys, f->cap * sizeof *f->keys);
	}
	if (f->node->type == Y_MAP) {
		if (f->want_key) {
			f->keys[f->n] = n;
			f->want_key = false;
			return true;
		}
		f->items[f->n++] = n;
		f->want_key = true;
		return true;
	}
	f->items[f->n++] = n;
	return true;
}

static struct ynode *new_node(struct builder *b, enum ynode_type t, const struct fy_mark *m)
{
	if (++b->nodes > MAX_NODES) {
		fail(b, m ? m->line + 1 : 0, "%s", "the file is too large for a protocol definition.");
		return NULL;
	}
	struct ynode *n = pw_calloc(b->a, 1, sizeof *n);
	n->type = t;
	n->line = m ? m->line + 1 : 0;
	return n;
}

static bool open_coll(struct builder *b, struct fy_event *e, enum ynode_type t)
{
	struct ynode *n = new_node(b, t, fy_event_start_mark(e));
	if (n == NULL)
		return false;
	if (b->depth >= PW_YTREE_MAX_DEPTH)
		return fail(b, n->line, "%s", "the file nests lists and mappings too deeply.");
	if (!push_child(b, n))
		return false;
	struct frame *f = &b->stack[b->depth++];
	memset(f, 0, sizeof *f);
	f->node = n;
	f->want_key = true;
	return true;
}

static bool close_coll(struct builder *b)
{
	struct frame *f = &b->stack[b->depth - 1];
	struct ynode *n = f->node;
	n->n = f->n;
	if (f->n) {
		n->items = pw_alloc(b->a, f->n * sizeof *n->items);
		memcpy(n->items, f->items, f->n * sizeof *n->items);
		if (n->type == Y_MAP) {
			n->keys = pw_alloc(b->a, f->n * sizeof *n->keys);
			memcpy(n->keys, f->keys, f->n * sizeof *n->keys);
		}
	}
	free(f->items);
	free(f->keys);
	b->depth--;
	/* The event stream does not catch duplicate keys; a person editing a
	 * long file easily writes one, and the second would silently win. */
	if (n->type == Y_MAP) {
		for (size_t i = 1; i < n->n; i++)
			for (size_t j = 0; j < i; j++)
				if (n->keys[i]->len == n->keys[j]->len &&
				    memcmp(n->keys[i]->str, n->keys[j]->str, n->keys[i]->len) == 0) {
					char msg[200];
					snprintf(msg, sizeof msg, "'%.60s' appears twice in the same mapping (also on line %d); keep one.",
						 n->keys[i]->str, n->keys[j]->line);
					return fail(b, n->keys[i]->line, "%s", msg);
				}
	}
	return true;
}

/* The length of the valid strict UTF-8 prefix of s (no overlongs,
 * surrogates or values past U+10FFFF). The whole file is checked before
 * parsing: libfyaml 0.7.12 turns a plain scalar with invalid bytes into an
 * empty one without a word, and jansson refuses invalid strings, which would
 * silently drop a field from the API's answer. */
static size_t utf8_valid_prefix(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		size_t len;
		unsigned min;
		unsigned cp;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			len = 2, min = 0x80, cp = c & 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			len = 3, min = 0x800, cp = c & 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			len = 4, min = 0x10000, cp = c & 0x07;
		} else {
			return i;
		}
		if (n - i < len)
			return i;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += len;
	}
	return n;
}

static bool scalar(struct builder *b, struct fy_event *e)
{
	struct fy_token *t = e->scalar.value;
	size_t len = 0;
	const char *s = fy_token_get_text(t, &len);
	struct ynode *n = new_node(b, Y_SCALAR, fy_event_start_mark(e));
	if (n == NULL)
		return false;
	if (s == NULL) {
		s = "";
		len = 0;
	}
	if (memchr(s, '\0', len) != NULL)
		return fail(b, n->line, "%s", "a text contains a NUL character; remove it.");
	n->str = pw_strndup(b->a, s, len);
	n->len = len;
	n->plain = fy_token_scalar_style(t) == FYSS_PLAIN;
	return push_child(b, n);
}

static bool handle(struct builder *b, struct fy_event *e)
{
	switch (e->type) {
	case FYET_DOCUMENT_START:
		if (++b->docs > 1) {
			const struct fy_mark *m = fy_event_start_mark(e);
			return fail(b, m ? m->line + 1 : 0, "%s", "the file holds more than one document (a second '---'); keep one.");
		}
		return true;
	case FYET_MAPPING_START:
		return open_coll(b, e, Y_MAP);
	case FYET_SEQUENCE_START:
		return open_coll(b, e, Y_SEQ);
	case FYET_MAPPING_END:
	case FYET_SEQUENCE_END:
		return close_coll(b);
	case FYET_SCALAR:
		if (e->scalar.anchor != NULL) {
			const struct fy_mark *m = fy_event_start_mark(e);
			return fail(b, m ? m->line + 1 : 0, "%s", "anchors (&name) are not supported in a protocol file; write the value out.");
		}
		return scalar(b, e);
	case FYET_ALIAS: {
		const struct fy_mark *m = fy_event_start_mark(e);
		return fail(b, m ? m->line + 1 : 0, "%s", "aliases (*name) are not supported in a protocol file; write the value out.");
	}
	default:
		return true;
	}
}

struct ynode *ytree_parse(struct pw_arena *a, const char *text, size_t len, const char *name, struct pw_err *err)
{
	struct builder b = { .a = a, .name = name, .err = err };
	struct fy_diag_cfg dc;
	fy_diag_cfg_default(&dc);
	/* libfyaml must not print: our message is the only one the user sees.
	 * Errors are collected and the first becomes our message. */
	dc.fp = NULL;
	dc.output_fn = NULL;
	dc.level = FYET_ERROR;
	struct fy_diag *diag = fy_diag_create(&dc);
	if (diag == NULL)
		pw_oom();
	fy_diag_set_collect_errors(diag, true);
	struct fy_parse_cfg cfg = {
		.flags = FYPCF_QUIET | FYPCF_DEFAULT_VERSION_1_2 | FYPCF_JSON_NONE,
		.diag = diag,
	};
	struct fy_parser *fyp = fy_parser_create(&cfg);
	if (fyp == NULL)
		pw_oom();
	bool ok = true;
	if (len == 0) {
		ok = fail(&b, 0, "%s", "the file is empty; a protocol definition starts with 'pestwijzer_protocol: 1'.");
		goto out;
	}
	size_t valid = utf8_valid_prefix((const unsigned char *)text, len);
	if (valid < len) {
		int line = 1;
		for (size_t i = 0; i < valid; i++)
			line += text[i] == '\n';
		ok = fail(&b, line, "%s", "this line is not valid UTF-8 text. Save the file as UTF-8 (not Latin-1 or Windows-1252).");
		goto out;
	}
	if (fy_parser_set_string(fyp, text, len) != 0)
		pw_oom();
	struct fy_event *e;
	while (ok && (e = fy_parser_parse(fyp)) != NULL) {
		ok = handle(&b, e);
		fy_parser_event_free(fyp, e);
	}
	if (ok && fy_parser_get_stream_error(fyp)) {
		void *it = NULL;
		struct fy_diag_error *de = fy_diag_errors_iterate(diag, &it);
		int line = de ? de->line + 1 : 0;
		char msg[300];
		snprintf(msg, sizeof msg, "this is not valid YAML (%s). Check the indentation, brackets and quotes on this line or just before it.",
			 de && de->msg ? de->msg : "syntax error");
		ok = fail(&b, line, "%s", msg);
	}
	if (ok && b.root == NULL)
		ok = fail(&b, 0, "%s", "the file is empty; a protocol definition starts with 'pestwijzer_protocol: 1'.");
	if (ok && b.root->type != Y_MAP)
		ok = fail(&b, b.root->line, "%s", "the file must be a mapping of fields (name: value), starting with 'pestwijzer_protocol: 1'.");
out:
	frames_free(&b);
	fy_parser_destroy(fyp);
	fy_diag_destroy(diag);
	return ok ? b.root : NULL;
}

struct ynode *ytree_get(const struct ynode *m, const char *key)
{
	if (m == NULL || m->type != Y_MAP)
		return NULL;
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->keys[i]->str, key) == 0)
			return m->items[i];
	return NULL;
}

struct ynode *ytree_key(const struct ynode *m, const char *key)
{
	if (m == NULL || m->type != Y_MAP)
		return NULL;
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->keys[i]->str, key) == 0)
			return m->keys[i];
	return NULL;
}

bool ytree_is_null(const struct ynode *n)
{
	return n == NULL || (n->type == Y_SCALAR && n->plain &&
			     (n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0));
}
