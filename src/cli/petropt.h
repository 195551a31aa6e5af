/*
 * petropt.h - the --dict-format petrarch options shared by `entente code`
 * and `entente eval`.
 */
#ifndef ENT_CLI_PETROPT_H
#define ENT_CLI_PETROPT_H

typedef struct petr_files {
    const char *format, *verbs, *actors, *agents, *discards;
} petr_files;

/* If argv[*i] is one of the options, take it (and its value) and return 1;
 * on a missing value print a message and set *i to -1. Else return 0. */
int petr_option(int argc, char **argv, int *i, petr_files *pf);
/* -1 (with a message) when the options are inconsistent. */
int petr_check(const petr_files *pf, const char *cmd);

#endif
