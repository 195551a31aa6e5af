/*
 * eval.h - `entente eval`: code the records of a gold file and score them.
 */
#ifndef ENT_CLI_EVAL_H
#define ENT_CLI_EVAL_H

int cmd_eval(int argc, char **argv, const char *(*find_dict)(const char *opt,
                                                              char *buf,
                                                              unsigned long n));

#endif
