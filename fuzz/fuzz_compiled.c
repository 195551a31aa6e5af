/*
 * fuzz_compiled.c - libFuzzer target for the loaders of the compiled data
 * files (data/dict.gen.bin: dictbin.c; data/places.gen.bin: where.c). The
 * first byte picks the loader (bit 0: 0 dictionaries, 1 gazetteer) and
 * whether the file is sealed first (bit 1 clear: the build's stamp and a
 * correct checksum are written into the header, so that mutations reach
 * the checks of the sections instead of stopping at the checksum); the
 * rest is the file. The seeds are 'D' + the dict.gen.bin and 'E' + the
 * places.gen.bin that `entente dict compile` writes for a folder of a few
 * lines of each dictionary (one bad line among them, a quoted name, a
 * group demonym) and an eight-row places.gen.tsv; make them again when the
 * format changes (sh fuzz/seeds_compiled.sh). Whatever loads
 * is then used the way the coder uses it: every entry, pattern element
 * and index is read.
 */
#include "base/binfile.h"
#include "lexicon/dict.h"
#include "base/mem.h"
#include "context/where.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t sink;

static void touch(const char *s)
{
    if (s)
        sink += strlen(s);
}

static void touch_phrase(void *ud, const char *key, const dict_phrase *ph, int n)
{
    const dict *d = ud;
    touch(key);
    for (int i = 0; i < n; i++) {
        if (ph[i].type == DICT_ACTOR) {
            const dict_actor *a = dict_actor_at(d, ph[i].idx);
            touch(a->name);
            touch(a->where);
            touch(dict_actor_code(a, 20161220));
        } else if (ph[i].type == DICT_DEMONYM) {
            touch(dict_demonym_at(d, ph[i].idx)->line);
            sink += (size_t)dict_demonym_at(d, ph[i].idx)->group;
        } else {
            touch(dict_agent_at(d, ph[i].idx)->where);
        }
    }
}

static void use_dict(const dict *d)
{
    dict_each_phrase(d, touch_phrase, (void *)d);
    const char *norms[] = {"president", "vladimir", "putin", "met", "iran", "'s", "army",
                           "struck", "russia", "with", "air", "strikes", "the", "post",
                           "said", "shiites", "us"};
    enum { A = DICT_CAPS_ALL, I = DICT_CAPS_INITIAL };
    const unsigned char caps[] = {0, I, I, 0, I, 0, 0, 0, I, 0, 0, 0, I, I, 0, I, A | I};
    int n = (int)(sizeof norms / sizeof *norms);
    _Static_assert(sizeof caps == sizeof norms / sizeof *norms, "a case for every token");
    for (int i = 0; i < n; i++) {
        dict_phrase ph[4];
        int nph, np;
        dict_match_phrase(d, norms, NULL, n, i, ph, 4, &nph);
        dict_match_phrase(d, norms, caps, n, i, ph, 4, &nph);
        for (int k = 0; k < nph; k++)
            sink += ph[k].capmask;
        const int *pi = dict_patterns_for(d, norms[i], &np);
        for (int k = 0; k < np; k++)
            touch(dict_pattern_at(d, pi[k])->text);
        sink += (size_t)dict_is_participle(d, norms[i]);
    }
    for (int i = 0; i < dict_npatterns(d); i++) {
        const dict_pattern *p = dict_pattern_at(d, i);
        sink += (size_t)p->flags;
        if (p->code >= 0)
            touch(dict_cameo_at(d, p->code)->name);
        for (int e = 0; e < p->nelems; e++)
            for (int f = 0; f < p->elems[e].nforms; f++)
                touch(p->elems[e].forms[f]);
    }
    int np;
    const int *pre = dict_prefix_patterns(d, &np);
    for (int k = 0; k < np; k++)
        touch(dict_pattern_at(d, pre[k])->where);
    mem_arena a = {0};
    const char **forms;
    int nf = dict_inflect(d, &a, "meet", &forms);
    for (int k = 0; k < nf; k++)
        touch(forms[k]);
    mem_arena_free(&a);
    ent_dict_stats st;
    dict_stats(d, &st);
    sink += (size_t)dict_cameo_find(d, "190");
}

static void use_gazetteer(const where_gazetteer *g)
{
    static const char *const sentences[][8] = {
        {"fighting", "raged", "in", "aleppo", "and", "al", "-", "bab"},
        {"talks", "opened", "in", "syria", "'s", "capital", ".", "."},
        {"paris", ",", "texas", "was", "hit", "by", "a", "storm"},
    };
    static const unsigned char caps[][8] = {
        {0, 0, 0, 1, 0, 0, 0, 1}, {0, 0, 0, 1, 0, 0, 0, 0}, {1, 0, 1, 0, 0, 0, 0, 0}};
    const char *ctx[] = {"LBN", "SYR"};
    for (int i = 0; i < 3; i++) {
        where_result r;
        if (where_find(g, sentences[i], caps[i], 8, 1, ctx, 2, &r)) {
            touch(r.name);
            touch(r.admin1);
        }
    }
    sink += (size_t)where_count(g);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int gazetteer = data[0] & 1, seal = !(data[0] & 2);
    size_t len = size - 1;
    uint8_t *file = mem_malloc(len ? len : 1);
    if (!file)
        return 0;
    memcpy(file, data + 1, len);
    if (seal)
        binfile_seal(file, len);
    char err[256];
    if (gazetteer) {
        where_gazetteer *g = where_load_compiled(file, len, err, sizeof err);
        if (g)
            use_gazetteer(g);
        where_free(g);
    } else {
        dict *d = dict_load_compiled(file, len, "fuzz", NULL, NULL, err, sizeof err);
        if (d)
            use_dict(d);
        dict_free(d);
    }
    mem_free(file);
    return 0;
}
