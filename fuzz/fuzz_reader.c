/*
 * fuzz_reader.c - libFuzzer target for the document readers: the first
 * byte picks the format (txt, html, jsonl), the rest is the document.
 */
#include "entente.h"

#include <stdint.h>
#include <stddef.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const char *const fmts[] = {"txt", "html", "jsonl"};
    const char *fmt = fmts[data[0] % 3];
    ent_skip_reason why;
    ent_doc *d = ent_doc_from_bytes(fmt, (const char *)data + 1, size - 1, "fuzz", &why);
    ent_doc_free(d);
    return 0;
}
