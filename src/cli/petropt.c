/*
 * petropt.c - parsing of --dict-format petrarch --verbs --actors --agents
 * --discards (see petropt.h).
 */
#include "petropt.h"

#include <stdio.h>
#include <string.h>

int petr_option(int argc, char **argv, int *i, petr_files *pf)
{
    static const char *const names[] = {"--dict-format", "--verbs", "--actors", "--agents",
                                        "--discards"};
    const char **slots[] = {&pf->format, &pf->verbs, &pf->actors, &pf->agents, &pf->discards};
    for (int k = 0; k < 5; k++) {
        if (strcmp(argv[*i], names[k]))
            continue;
        if (*i + 1 >= argc) {
            fprintf(stderr, "entente: %s needs a value\n", names[k]);
            *i = -1;
            return 1;
        }
        *slots[k] = argv[++*i];
        return 1;
    }
    return 0;
}

int petr_check(const petr_files *pf, const char *cmd)
{
    if (!pf->format) {
        if (pf->verbs || pf->actors || pf->agents || pf->discards) {
            fprintf(stderr, "entente %s: --verbs/--actors/--agents/--discards need "
                            "--dict-format petrarch\n", cmd);
            return -1;
        }
        return 0;
    }
    if (strcmp(pf->format, "petrarch") && strcmp(pf->format, "entente")) {
        fprintf(stderr, "entente %s: --dict-format is entente or petrarch\n", cmd);
        return -1;
    }
    if (!strcmp(pf->format, "petrarch") && (!pf->verbs || !pf->actors)) {
        fprintf(stderr, "entente %s: --dict-format petrarch needs --verbs F and --actors F[,F...]\n",
                cmd);
        return -1;
    }
    return 0;
}
