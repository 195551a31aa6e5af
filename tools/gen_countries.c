/*
 * gen_countries.c - make data/countries.gen.txt, the country-name actor
 * dictionary, from Debian's iso-codes. From ISO 3166-1, for every country
 * its ISO name, common name and official name, with "Name, X of" turned
 * into "X of Name", each coded with the ISO alpha-3 code (= the CAMEO
 * country code). From ISO 3166-3, the names of withdrawn countries that
 * have a current successor (the rule is above add_withdrawn). Short forms
 * ISO lacks ("Russia", "US") are in data/actors.txt; names listed there
 * are not repeated here.
 * Usage: gen_countries ISO_3166-1.json [ISO_3166-3.json [actors.txt]] > out
 */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char names[8][256];
static int nnames;

/* Every name written so far and every name of actors.txt: a withdrawn
 * name already in use (in any letter case) is left out. */
static char **taken;
static int ntaken, captaken;

static int is_taken(const char *name)
{
    for (int i = 0; i < ntaken; i++)
        if (!strcasecmp(taken[i], name))
            return 1;
    return 0;
}

static void take(const char *name)
{
    if (ntaken == captaken) {
        captaken = captaken ? captaken * 2 : 512;
        taken = realloc(taken, sizeof *taken * (size_t)captaken);
        if (!taken)
            exit(1);
    }
    char *c = strdup(name);
    if (!c)
        exit(1);
    taken[ntaken++] = c;
}

static void add(const char *s)
{
    char buf[256];
    if (!s || !*s || strlen(s) >= sizeof buf)
        return;
    strcpy(buf, s);
    /* drop a parenthetical: "Holy See (Vatican City State)" */
    char *par = strchr(buf, '(');
    if (par) {
        *par = 0;
        size_t k = strlen(buf);
        while (k && buf[k - 1] == ' ')
            buf[--k] = 0;
    }
    char *p = buf;
    if (!strncmp(p, "the ", 4) || !strncmp(p, "The ", 4))
        p += 4;
    if (!*p || strchr(p, '|') || strchr(p, ';') || strchr(p, '#'))
        return;
    for (int i = 0; i < nnames; i++)
        if (!strcmp(names[i], p))
            return;
    if (nnames < 8)
        strcpy(names[nnames++], p);
}

/* "Korea, Republic of" -> "Republic of Korea"; "Virgin Islands, British"
 * -> "British Virgin Islands"; with several commas the last part goes
 * before the first ("Yemen, Democratic, People's Democratic Republic of"
 * -> "People's Democratic Republic of Yemen"). Nothing for other names. */
static void add_reversed(const char *name)
{
    const char *comma = strstr(name, ", ");
    if (!comma)
        return;
    const char *tail = comma + 2, *c;
    while ((c = strstr(tail, ", ")))
        tail = c + 2;
    size_t tl = strlen(tail);
    int of = (tl > 3 && !strcmp(tail + tl - 3, " of")) ||
             (tl > 7 && !strcmp(tail + tl - 7, " of the"));
    if (of || !strchr(tail, ' ')) {
        char rev[256];
        snprintf(rev, sizeof rev, "%s %.*s", tail, (int)(comma - name), name);
        add(rev);
    }
}

/* Write the names collected for one country (those not taken, if skip). */
static void emit(const char *alpha3, int skip_taken)
{
    int n = 0;
    for (int i = 0; i < nnames; i++) {
        if (skip_taken && is_taken(names[i]))
            continue;
        printf("%s%s", n++ ? "; " : "", names[i]);
    }
    for (int i = 0; i < nnames; i++)
        take(names[i]);
    if (n)
        printf(" | %s | country\n", alpha3);
}

static cJSON *read_json(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(1);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fprintf(stderr, "%s: read error\n", path);
        exit(1);
    }
    buf[n] = 0;
    fclose(f);
    cJSON *root = cJSON_Parse(buf);
    free(buf);
    if (!root) {
        fprintf(stderr, "%s: not JSON\n", path);
        exit(1);
    }
    return root;
}

/* The names of actors.txt ("names | codes | kind"), as taken. */
static void take_actors(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(1);
    }
    char line[8192];
    while (fgets(line, sizeof line, f)) {
        char *hash = strchr(line, '#'), *bar = strstr(line, " | ");
        if (hash)
            *hash = 0;
        if (!bar || (hash && hash < bar))
            continue;
        *bar = 0;
        for (char *nm = strtok(line, ";"); nm; nm = strtok(NULL, ";")) {
            while (*nm == ' ' || *nm == '\t')
                nm++;
            size_t k = strlen(nm);
            while (k && (nm[k - 1] == ' ' || nm[k - 1] == '\t'))
                nm[--k] = 0;
            if (*nm)
                take(nm);
        }
    }
    fclose(f);
}

/* The alpha-3 code of a current country with this alpha-2 code, or NULL. */
static const char *current_alpha3(const cJSON *list, const char *alpha2)
{
    const cJSON *c;
    cJSON_ArrayForEach(c, list) {
        const cJSON *a2 = cJSON_GetObjectItemCaseSensitive(c, "alpha_2");
        const cJSON *a3 = cJSON_GetObjectItemCaseSensitive(c, "alpha_3");
        if (cJSON_IsString(a2) && cJSON_IsString(a3) && !strcmp(a2->valuestring, alpha2))
            return a3->valuestring;
    }
    return NULL;
}

/*
 * The rule for withdrawn names (ISO 3166-3). Each has a four-letter code:
 * its former alpha-2 code, then the alpha-2 code of the country that took
 * its place, or "HH" when no single country did (USSR, Czechoslovakia,
 * Netherlands Antilles), "XX" when it was divided (Serbia and Montenegro),
 * or "AA" when its alpha-2 code stayed with a renamed country (BYAA:
 * Byelorussian SSR, now Belarus, BY). A withdrawn name is added only when
 * that successor (the last two letters, or the first two for "AA") is a
 * current ISO 3166-1 code, and is coded with its alpha-3 code: Burma (BUMM)
 * MMR, Zaire (ZRCD) COD, Dahomey (DYBJ) BEN, Upper Volta (HVBF) BFA,
 * Southern Rhodesia (RHZW) ZWE, Sikkim (SKIN) IND. Yugoslavia (YUCS) is
 * left out: CS, Serbia and Montenegro, is itself withdrawn (and divided).
 * Names: the name as ISO writes it, or for "X, Y" the part before the comma
 * and the reversed form; a name already written for another country or
 * listed in actors.txt is left out.
 */
static void add_withdrawn(const cJSON *current, const cJSON *withdrawn)
{
    printf("# ISO 3166-3: names of withdrawn countries with a current successor\n");
    const cJSON *c;
    cJSON_ArrayForEach(c, withdrawn) {
        const cJSON *a4 = cJSON_GetObjectItemCaseSensitive(c, "alpha_4");
        const cJSON *nm = cJSON_GetObjectItemCaseSensitive(c, "name");
        if (!cJSON_IsString(a4) || !cJSON_IsString(nm) || strlen(a4->valuestring) != 4)
            continue;
        char succ[3];
        const char *code = a4->valuestring;
        memcpy(succ, !strcmp(code + 2, "AA") ? code : code + 2, 2);
        succ[2] = 0;
        const char *alpha3 = current_alpha3(current, succ);
        if (!alpha3)
            continue;
        nnames = 0;
        const char *name = nm->valuestring, *comma = strstr(name, ", ");
        if (comma) {
            char head[256];
            snprintf(head, sizeof head, "%.*s", (int)(comma - name), name);
            add(head);
            add_reversed(name);
        } else {
            add(name);
        }
        emit(alpha3, 1);
    }
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "/usr/share/iso-codes/json/iso_3166-1.json";
    cJSON *root = read_json(path);
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "3166-1");
    if (!cJSON_IsArray(list)) {
        fprintf(stderr, "%s: no \"3166-1\" array\n", path);
        return 1;
    }
    printf("# countries.gen.txt - GENERATED by tools/gen_countries from %s%s%s\n"
           "# (Debian iso-codes). Do not edit: run `make data`.\n", path,
           argc > 2 ? " and " : "", argc > 2 ? argv[2] : "");
    const cJSON *c;
    cJSON_ArrayForEach(c, list) {
        const cJSON *a3 = cJSON_GetObjectItemCaseSensitive(c, "alpha_3");
        const cJSON *nm = cJSON_GetObjectItemCaseSensitive(c, "name");
        const cJSON *cn = cJSON_GetObjectItemCaseSensitive(c, "common_name");
        const cJSON *on = cJSON_GetObjectItemCaseSensitive(c, "official_name");
        if (!cJSON_IsString(a3) || !cJSON_IsString(nm))
            continue;
        nnames = 0;
        if (cJSON_IsString(cn))
            add(cn->valuestring);
        if (!strstr(nm->valuestring, ", "))
            add(nm->valuestring);
        else
            add_reversed(nm->valuestring);
        if (cJSON_IsString(on))
            add(on->valuestring);
        emit(a3->valuestring, 0);
    }
    if (argc > 2) {
        if (argc > 3)
            take_actors(argv[3]);
        cJSON *old = read_json(argv[2]);
        const cJSON *wl = cJSON_GetObjectItemCaseSensitive(old, "3166-3");
        if (!cJSON_IsArray(wl)) {
            fprintf(stderr, "%s: no \"3166-3\" array\n", argv[2]);
            return 1;
        }
        add_withdrawn(list, wl);
        cJSON_Delete(old);
    }
    cJSON_Delete(root);
    return 0;
}
