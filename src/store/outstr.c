/*
 * outstr.c - the events of a coded document as JSON Lines in memory, for
 * callers that do not read C structs (the Python package): the same bytes
 * ent_write_jsonl writes to a file, through a memory stream.
 */
#include "entente.h"

#include <stdio.h>
#include <stdlib.h>

char *ent_result_jsonl(const ent_doc *doc, const ent_result *res, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    if (!f)
        return NULL;
    ent_write_jsonl(f, doc, res);
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
    if (len)
        *len = n;
    return buf;
}

void ent_free(void *p) { free(p); }
