/* A small YAML tree with a line number on every node, built from libfyaml's
 * event stream. Private to the protocol module.
 *
 * Why not libfyaml's document tree: libfyaml 0.7.12 exports no start mark
 * for a node (only for scalar tokens), and every error we report must name
 * its line, mappings and sequences included. Building our own tree from
 * events also lets us refuse what a protocol file does not need and a hostile
 * one could abuse: aliases (exponential expansion), deep nesting, duplicate
 * keys (which the event stream does not check). */
#ifndef PW_PROTOCOL_YTREE_H
#define PW_PROTOCOL_YTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"
#include "util/err.h"

/* Nesting beyond this is refused; a protocol file needs about 6. */
#define PW_YTREE_MAX_DEPTH 32

enum ynode_type { Y_SCALAR, Y_SEQ, Y_MAP };

struct ynode {
	enum ynode_type type;
	int line;         /* 1-based */
	/* Y_SCALAR */
	const char *str;  /* NUL-terminated copy */
	size_t len;
	bool plain;       /* unquoted: `~`, `null` and empty plain scalars mean "absent" */
	/* Y_SEQ: items[n]; Y_MAP: keys[n] (scalars) and items[n] (values) */
	struct ynode **items;
	struct ynode **keys;
	size_t n;
};

/* Parses text into a tree allocated in `a`. Exactly one document whose root is
 * a mapping. On error returns NULL and fills err (err->line set), with the
 * message prefixed by "NAME:LINE: ". */
struct ynode *ytree_parse(struct pw_arena *a, const char *text, size_t len, const char *name, struct pw_err *err);

/* The value for `key` in mapping m, or NULL. */
struct ynode *ytree_get(const struct ynode *m, const char *key);
/* The key node for `key` in mapping m (for its line), or NULL. */
struct ynode *ytree_key(const struct ynode *m, const char *key);
/* A scalar that means "no value": plain empty, `~` or `null`. */
bool ytree_is_null(const struct ynode *n);

#endif
