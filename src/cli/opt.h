/*
 * opt.h - the one option parser of the entente commands: a table of
 * options per command, read by opt_next, with the same syntax everywhere:
 * "-j1" and "-j 1", "--jobs=2" and "--jobs 2", "--" ends the options, "-"
 * is an input (stdin). An unknown option, a missing value or a value given
 * to a flag is a usage error: one message naming the command, exit 2.
 */
#ifndef ENT_CLI_OPT_H
#define ENT_CLI_OPT_H

typedef struct opt_spec {
    char shrt;           /* 'j' for -j, or 0 */
    const char *lng;     /* "jobs" for --jobs, or NULL */
    int has_arg;         /* 1: takes a value */
    int id;              /* returned by opt_next; >= 0 */
} opt_spec;              /* a table ends with {0, NULL, 0, 0} */

enum { OPT_END = -1, OPT_ERROR = -2, OPT_ARG = -3 };

typedef struct opt_iter {
    const char *cmd;     /* for messages: "code" */
    int argc;
    char **argv;
    int i;
    const opt_spec *specs;
    const char *value;   /* the option's value, or the argument */
    const char *name;    /* the option as written ("--jobs", "-j") */
    int only_args;       /* after "--" */
} opt_iter;

void opt_init(opt_iter *it, const char *cmd, int argc, char **argv, const opt_spec *specs);
/* The next option's id (value in it->value), OPT_ARG for an argument
 * (it->value), OPT_END, or OPT_ERROR (the message printed). */
int opt_next(opt_iter *it);
/* 0 if value is one of choices (NULL-terminated); else a usage error
 * naming the option and the choices, -1. */
int opt_choice(const opt_iter *it, const char *value, const char *const *choices);
/* A number in lo..hi into *out; else a usage error, -1. */
int opt_long(const opt_iter *it, const char *value, long lo, long hi, long *out);

/* For the commands that read argv themselves: the same argv with
 * "--name=value" split in two and "-jN", "-fF", "-oF" split after the
 * letter, so every command takes the syntax opt_next takes. Returns the new
 * argc; *out is freed with opt_free_argv. */
int opt_normalize(int argc, char **argv, char ***out);
void opt_free_argv(int argc, char **argv);

#endif
