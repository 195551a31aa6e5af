/*
 * fuzz_petrarch.c - libFuzzer target for the PETRARCH dictionary readers
 * (src/code/petrarch.c): the first byte modulo 4 picks the file type (0 verbs,
 * 1 actors, 2 agents, 3 discards: the seeds start with 'd', 'a', 'b', 'c'),
 * the rest is the file. After loading, a short sentence
 * is matched against whatever was loaded and checked for discards.
 */
#include "code/petrarch.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const char *const types[] = {"verbs", "actors", "agents", "discards"};
    dict *d = dict_new(NULL, NULL);
    if (!d)
        return 0;
    static const char cameo[] = "010\tSay\t01\t1\t0.0\t\n190\tFight\t19\t4\t-10\tASSAULT\n";
    dict_load_buffer(d, "cameo", "cameo", cameo, sizeof cameo - 1);
    petr_load_buffer(d, types[data[0] % 4], "fuzz", (const char *)data + 1, size - 1);
    const char *norms[] = {"valdoria", "shipped", "grain", "to", "kestren", "'s", "army"};
    dict_phrase ph[4];
    int n, story;
    for (int i = 0; i < 7; i++)
        dict_match_phrase(d, norms, NULL, 7, i, ph, 4, &n);
    dict_discard_find(d, norms, 7, &story);
    dict_free(d);
    return 0;
}
