/*
 * opt.c - the option parser shared by the entente commands (see opt.h):
 * a table per command, one syntax for all, usage errors in one form.
 */
#include "opt.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void opt_init(opt_iter *it, const char *cmd, int argc, char **argv, const opt_spec *specs)
{
    memset(it, 0, sizeof *it);
    it->cmd = cmd;
    it->argc = argc;
    it->argv = argv;
    it->specs = specs;
}

/* "entente CMD: unknown option --x (see entente CMD --help)" */
static int usage_error(const opt_iter *it, const char *before, const char *opt,
                       const char *after)
{
    fprintf(stderr, "entente %s: %s%s%s (see entente %s --help)\n", it->cmd, before, opt, after,
            it->cmd);
    return OPT_ERROR;
}

static const opt_spec *find_long(const opt_spec *s, const char *name, size_t n)
{
    for (; s->shrt || s->lng; s++)
        if (s->lng && strlen(s->lng) == n && !strncmp(s->lng, name, n))
            return s;
    return NULL;
}

static const opt_spec *find_short(const opt_spec *s, char c)
{
    for (; s->shrt || s->lng; s++)
        if (s->shrt == c)
            return s;
    return NULL;
}

/* The value of option s: after "=" or the letter, else the next word. */
static int take_value(opt_iter *it, const opt_spec *s, const char *inline_value)
{
    if (!s->has_arg) {
        if (inline_value)
            return usage_error(it, "", it->name, " takes no value");
        it->value = NULL;
        return s->id;
    }
    if (inline_value) {
        it->value = inline_value;
        return s->id;
    }
    if (it->i >= it->argc)
        return usage_error(it, "", it->name, " needs a value");
    it->value = it->argv[it->i++];
    return s->id;
}

int opt_next(opt_iter *it)
{
    static char name[64];
    if (it->i >= it->argc)
        return OPT_END;
    const char *a = it->argv[it->i++];
    if (it->only_args || a[0] != '-' || !a[1]) {
        it->value = a;
        return OPT_ARG;
    }
    if (!strcmp(a, "--")) {
        it->only_args = 1;
        return opt_next(it);
    }
    if (a[1] == '-') {
        const char *eq = strchr(a + 2, '=');
        size_t n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
        snprintf(name, sizeof name, "--%.*s", (int)n, a + 2);
        it->name = name;
        const opt_spec *s = find_long(it->specs, a + 2, n);
        if (!s)
            return usage_error(it, "unknown option ", name, "");
        return take_value(it, s, eq ? eq + 1 : NULL);
    }
    snprintf(name, sizeof name, "-%c", a[1]);
    it->name = name;
    const opt_spec *s = find_short(it->specs, a[1]);
    if (!s)
        return usage_error(it, "unknown option ", a, "");
    return take_value(it, s, a[2] ? a + 2 : NULL);
}

int opt_choice(const opt_iter *it, const char *value, const char *const *choices)
{
    for (int i = 0; choices[i]; i++)
        if (!strcmp(value, choices[i]))
            return 0;
    fprintf(stderr, "entente %s: %s is ", it->cmd, it->name);
    for (int i = 0; choices[i]; i++)
        fprintf(stderr, "%s%s", i ? (choices[i + 1] ? ", " : " or ") : "", choices[i]);
    fprintf(stderr, ", not '%s'\n", value);
    return -1;
}

int opt_long(const opt_iter *it, const char *value, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(value, &end, 10);
    if (!*value || *end || errno || v < lo || v > hi) {
        fprintf(stderr, "entente %s: %s needs a number from %ld to %ld, not '%s'\n", it->cmd,
                it->name, lo, hi, value);
        return -1;
    }
    *out = v;
    return 0;
}

int opt_normalize(int argc, char **argv, char ***out)
{
    char **v = calloc((size_t)argc * 2 + 1, sizeof *v);
    int n = 0, only_args = 0;
    if (!v) {
        *out = NULL;
        return -1;
    }
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *eq = a[0] == '-' && a[1] == '-' && !only_args ? strchr(a, '=') : NULL;
        if (!strcmp(a, "--"))
            only_args = 1;
        if (eq && eq > a + 2) {
            v[n++] = strndup(a, (size_t)(eq - a));
            v[n++] = strdup(eq + 1);
        } else if (!only_args && a[0] == '-' && strchr("jfo", a[1]) && a[1] && a[2]) {
            v[n++] = strndup(a, 2);
            v[n++] = strdup(a + 2);
        } else {
            v[n++] = strdup(a);
        }
    }
    *out = v;
    return n;
}

void opt_free_argv(int argc, char **argv)
{
    for (int i = 0; argv && i < argc; i++)
        free(argv[i]);
    free(argv);
}
