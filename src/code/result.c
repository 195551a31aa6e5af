/*
 * result.c - the stable way into what the library hands out: the version,
 * and the i-th sentence, mention or event of an ent_result and the j-th
 * word of a parse, indexed here with the library's own struct sizes, so a
 * program built against an older entente.h keeps working when a field is
 * added at the end of a struct (docs/library.md, "ABI").
 */
#include "entente.h"

const char *ent_version(void) { return ENT_VERSION; }

size_t ent_struct_size(const char *name)
{
    static const struct { const char *name; size_t size; } sizes[] = {
        {"ent_event", sizeof(ent_event)},     {"ent_result", sizeof(ent_result)},
        {"ent_sentence", sizeof(ent_sentence)}, {"ent_mention", sizeof(ent_mention)},
        {"ent_doc", sizeof(ent_doc)},         {"ent_token", sizeof(ent_token)},
    };
    for (size_t i = 0; name && i < sizeof sizes / sizeof sizes[0]; i++) {
        const char *a = name, *b = sizes[i].name;
        while (*a && *a == *b)
            a++, b++;
        if (*a == *b)
            return sizes[i].size;
    }
    return 0;
}

const ent_event *ent_result_event(const ent_result *res, int i)
{
    return res && i >= 0 && i < res->nevents ? &res->events[i] : NULL;
}

const ent_sentence *ent_result_sentence(const ent_result *res, int i)
{
    return res && i >= 0 && i < res->nsentences ? &res->sentences[i] : NULL;
}

const ent_mention *ent_result_mention(const ent_result *res, int i)
{
    return res && i >= 0 && i < res->nmentions ? &res->mentions[i] : NULL;
}

int ent_parse_nsentences(const ent_parse *p) { return p ? p->nsentences : 0; }

int ent_parse_ntokens(const ent_parse *p, int i)
{
    return p && i >= 0 && i < p->nsentences ? p->sentences[i].ntokens : 0;
}

const ent_token *ent_parse_token(const ent_parse *p, int i, int j)
{
    if (!p || i < 0 || i >= p->nsentences || j < 0 || j >= p->sentences[i].ntokens)
        return NULL;
    return &p->sentences[i].tokens[j];
}
