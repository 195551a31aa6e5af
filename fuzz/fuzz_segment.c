/*
 * fuzz_segment.c - libFuzzer target for the sentence splitter and
 * tokenizer, on cleaned text as the coder sees it. Checks that every
 * sentence and token span lies inside the text and that they are ordered.
 */
#include "base/mem.h"
#include "text/segment.h"
#include "text/text.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t len = 0, bad = 0;
    char *text = text_clean((const char *)data, size, &len, &bad);
    if (!text)
        return 0;
    mem_arena a = {0};
    seg_doc d;
    if (seg_split(&a, text, len, &d) == 0) {
        size_t prev = 0;
        for (int i = 0; i < d.ntoks; i++) {
            if (d.toks[i].start < prev || d.toks[i].end > len ||
                d.toks[i].start >= d.toks[i].end)
                abort();
            prev = d.toks[i].end;
        }
        for (int i = 0; i < d.nsents; i++)
            if (d.sents[i].end > len || d.sents[i].tok0 + d.sents[i].ntok > d.ntoks)
                abort();
    }
    mem_arena_free(&a);
    mem_free(text);
    return 0;
}
