/*
 * fuzz_dict.c - libFuzzer target for the dictionary loaders: the first
 * byte picks the file type, the rest is the file. After loading, a short
 * sentence is matched against whatever was loaded.
 */
#include "lexicon/dict.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const char *const types[] = {"actors", "demonyms", "agents", "verbs", "cameo"};
    dict *d = dict_new(NULL, NULL);
    if (!d)
        return 0;
    static const char cameo[] = "010\tSay\t01\t1\t0.0\t\n190\tFight\t19\t4\t-10\tASSAULT\n";
    dict_load_buffer(d, "cameo", "cameo", cameo, sizeof cameo - 1);
    dict_load_buffer(d, types[data[0] % 5], "fuzz", (const char *)data + 1, size - 1);
    const char *norms[] = {"russia", "met", "iran", "'s", "army"};
    dict_phrase ph[4];
    int n;
    for (int i = 0; i < 5; i++)
        dict_match_phrase(d, norms, NULL, 5, i, ph, 4, &n);
    dict_free(d);
    return 0;
}
