/* libFuzzer target: the protocol definition loader (YAML tree, schema reader,
 * validator) on arbitrary bytes. A definition that loads is also turned into
 * JSON and HTML, so the writers see every shape the validator lets through. */
#include <stddef.h>
#include <stdint.h>

#include "protocol/protocol.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pw_err err;
	struct pw_protocol *p = pw_protocol_load_buffer((const char *)data, size, "fuzz.yaml", &err);
	if (p == NULL)
		return 0;
	json_t *j = pw_protocol_to_json(p);
	json_decref(j);
	struct pw_buf html;
	pw_buf_init(&html);
	pw_protocol_render_html(p, &html);
	pw_buf_free(&html);
	pw_protocol_free(p);
	return 0;
}
