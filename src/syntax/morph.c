/*
 * morph.c - lemmas and morphological features, learned from the treebank's
 * LEMMA and FEATS columns. A lemma is the model's entry for the form and
 * tag if it has one (irregular forms: "went" -> go), else the rule of the
 * longest known suffix for the tag ("-ies" -> "-y" for NNS); a rule says
 * whether to lower-case the form, how many characters to strip and what to
 * add. Features are the entry for the lower-cased form and tag, else the
 * commonest features of the tag.
 */
#include "syntax/synint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint64_t syn_lemma_key(const char *form, int t)
{
    return syn_hash3(0x4c454d, (uint64_t)t, syn_hash_bytes(form, strlen(form)));
}

uint64_t syn_rule_key(int t, const char *lower, size_t suffix)
{
    size_t n = strlen(lower);
    return syn_hash4(0x52554c, (uint64_t)t, suffix, syn_hash_bytes(lower + n - suffix, suffix));
}

uint64_t syn_feats_key(const char *lower, int t)
{
    return syn_hash3(0x464541, (uint64_t)t, lower ? syn_hash_bytes(lower, strlen(lower)) : 0);
}

static size_t common_prefix(const char *a, const char *b)
{
    size_t i = 0;
    while (a[i] && a[i] == b[i])
        i++;
    while (i > 0 && ((unsigned char)a[i] & 0xc0) == 0x80)
        i--; /* never split a character */
    return i;
}

void syn_lemma_rule(const char *form, const char *lemma, char *buf, size_t n)
{
    mem_arena a = {0};
    const char *low = syn_lower(form, &a);
    size_t p1 = common_prefix(form, lemma), p2 = low ? common_prefix(low, lemma) : 0;
    int lc = low && p2 > p1;
    const char *base = lc ? low : form;
    size_t p = lc ? p2 : p1;
    snprintf(buf, n, "%c%zu:%s", lc ? 'l' : '=', strlen(base) - p, lemma + p);
    mem_arena_free(&a);
}

const char *syn_apply_rule(const char *form, const char *rule, mem_arena *a)
{
    char *end;
    if ((rule[0] != '=' && rule[0] != 'l'))
        return form;
    unsigned long strip = strtoul(rule + 1, &end, 10);
    if (*end != ':')
        return form;
    const char *base = rule[0] == 'l' ? syn_lower(form, a) : form;
    if (!base)
        return NULL;
    size_t n = strlen(base);
    if (strip > n)
        return form;
    const char *add = end + 1;
    size_t k = strlen(add);
    char *r = mem_arena_alloc(a, n - strip + k + 1);
    if (!r)
        return NULL;
    memcpy(r, base, n - strip);
    memcpy(r + n - strip, add, k + 1);
    return r[0] ? r : form;
}

static const char *pool_str(const syn_model *m, uint32_t off)
{
    return off < m->npool ? m->pool + off : NULL;
}

const char *syn_lemma(const syn_model *m, const char *form, int t, mem_arena *a)
{
    uint32_t off;
    if (syn_kv_get(&m->lemma, syn_lemma_key(form, t), &off))
        return pool_str(m, off);
    const char *low = syn_lower(form, a);
    if (!low)
        return NULL;
    size_t n = strlen(low);
    for (size_t k = n < 6 ? n : 6;; k--) {
        if (k == n || k == 0 || ((unsigned char)low[n - k] & 0xc0) != 0x80) {
            if (syn_kv_get(&m->lemma, syn_rule_key(t, low, k), &off)) {
                const char *r = pool_str(m, off);
                return r ? syn_apply_rule(form, r, a) : form;
            }
        }
        if (k == 0)
            break;
    }
    return form;
}

const char *syn_feats(const syn_model *m, const char *form, int t)
{
    uint32_t off;
    mem_arena a = {0};
    const char *low = syn_lower(form, &a);
    int found = low && syn_kv_get(&m->feats, syn_feats_key(low, t), &off);
    mem_arena_free(&a);
    if (!found && !syn_kv_get(&m->feats, syn_feats_key(NULL, t), &off))
        return "_";
    const char *s = pool_str(m, off);
    return s ? s : "_";
}
