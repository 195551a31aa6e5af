/*
 * datadir.c - where the data files (dictionaries, gazetteer, the syntax
 * model, the dashboard) are, for callers of the library that name no
 * folder: $ENTENTE_DATA, else share/entente beside the lib/ folder of the
 * loaded libentente (an installed copy, whatever its prefix), else
 * data/ beside it (the build tree), else the folder compiled in.
 */
#include "entente.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef ENT_DATADIR
#define ENT_DATADIR "data"
#endif

/* The folder of the object (shared library or executable) that holds this
 * function, into buf; 0 if unknown. */
static int own_folder(char *buf, size_t n)
{
    Dl_info info;
    if (!dladdr((void *)own_folder, &info) || !info.dli_fname || !info.dli_fname[0])
        return 0;
    char real[PATH_MAX];
    if (!realpath(info.dli_fname, real))
        return 0;
    char *slash = strrchr(real, '/');
    if (!slash)
        return 0;
    *slash = 0;
    snprintf(buf, n, "%s", real);
    return 1;
}

const char *ent_datadir(void)
{
    static char found[PATH_MAX];
    const char *env = getenv("ENTENTE_DATA");
    if (env && *env)
        return env;
    char dir[PATH_MAX];
    if (own_folder(dir, sizeof dir)) {
        const char *rel[] = {"/../share/entente", "/../data", "/data"};
        for (int i = 0; i < 3; i++) {
            char probe[PATH_MAX + 64];
            snprintf(probe, sizeof probe, "%s%s/verbs.txt", dir, rel[i]);
            if (access(probe, R_OK) == 0) {
                snprintf(found, sizeof found, "%s%s", dir, rel[i]);
                return found;
            }
        }
    }
    return ENT_DATADIR;
}
