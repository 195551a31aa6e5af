/*
 * fuzz_model.c - libFuzzer target for the syntax model loader (model.c,
 * syntax.c): the input is a model file. Unless the first byte's low bit is
 * set, the right checksum is written into it first (syn_file_seal), so
 * that mutations reach the checks of the sections instead of stopping at
 * the checksum. A model that loads is then used: a fixed sentence is
 * tagged, lemmatized and parsed, and its tree must be one tree. The seed
 * (fuzz/corpus/model/tiny.syntax) is the model that
 * `entente train-syntax --train test/syntax/tiny.conllu` writes; make it
 * again when the format changes (sh fuzz/seeds_model.sh).
 */
#include "base/mem.h"
#include "syntax/model.h"
#include "syntax/syntax.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int seal = !(data[0] & 1);
    size_t n = size - 1;
    uint64_t *buf = malloc(n / 8 + 1 ? (n / 8 + 1) * 8 : 8);
    if (!buf)
        return 0;
    memcpy(buf, data + 1, n);
    if (seal)
        syn_file_seal(buf, n);
    char err[256];
    syn_model *m = syn_model_from_bytes(buf, n, err, sizeof err);
    if (m) {
        static const char *forms[] = {"Iran", "didn't", "attack", "the", "Russian", "base", "."};
        mem_arena a = {0};
        ud_sent s = {0};
        ud_word w[7];
        memset(w, 0, sizeof w);
        for (int i = 0; i < 7; i++) {
            w[i].form = forms[i];
            w[i].lemma = w[i].upos = w[i].xpos = w[i].feats = w[i].deprel = "_";
            w[i].deps = w[i].misc = "_";
            w[i].head = -1;
        }
        s.w = w;
        s.n = 7;
        if (syn_annotate(m, &s, &a, SYN_TAG | SYN_PARSE) == 0) {
            int roots = 0;
            for (int i = 0; i < 7; i++) {
                if (w[i].head < 0 || w[i].head > 7 || !w[i].upos || !w[i].deprel || !w[i].lemma)
                    abort();
                roots += w[i].head == 0;
            }
            if (roots != 1)
                abort();
        }
        mem_arena_free(&a);
        syn_model_free(m);
    }
    free(buf);
    return 0;
}
