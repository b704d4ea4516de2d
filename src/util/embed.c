#include "util/embed.h"

#include <string.h>

const struct pw_embedded *pw_embedded_find(const char *name)
{
	for (const struct pw_embedded *e = pw_embedded_files; e->name; e++)
		if (strcmp(e->name, name) == 0)
			return e;
	return NULL;
}
