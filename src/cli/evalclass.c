/*
 * evalclass.c - scores sentence-class gold sets from the coder's events.
 *
 * ConfliBERT pentaclass (records with "pentaclass" 0-4): the Phoenix
 * classes of CAMEO roots, 0 neutral (01-02), 1 verbal cooperation (03-05),
 * 2 material cooperation (06-08), 3 verbal conflict (09-13 and 16), 4
 * material conflict (14, 15, 17-20). A sentence's predicted class is the
 * highest class (4 > 3 > 2 > 1 > 0) among its counted events (modes as
 * --modes, by default asserted and reported), 0 (neutral) when it has
 * none. Prints accuracy, the confusion matrix, and how many sentences got
 * no event.
 *
 * PLOVER GSR (records with "events": [{"plover", "mode"}], one event
 * each): the predicted category is the PLOVER category (the coder's
 * CAMEO->PLOVER table) of the first counted event that has one, "none"
 * when no event has. Prints accuracy, precision and recall per category
 * and macro-averaged, and the share of sentences with any event of the
 * gold category. The GSR is coded in PLOVER 0.5, the coder's table is
 * PLOVER 0.8 (2021): the gold categories 0.8 renamed or merged are read
 * by their 0.8 names (DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE ->
 * ACCUSE, FIGHT -> ASSAULT); the accuracy by the names as written is
 * printed too. With a CAMEO2PLOVER table (--plover-table), the PLOVER
 * mode of the predicted event's CAMEO code is compared with the gold mode
 * on the records that give one and whose category was right.
 */
#include "evalsets.h"

#include <stdlib.h>
#include <string.h>

#define NCAT 24

typedef struct pmap {
    char code[8], cat[24], mode[32];
} pmap;

struct cls_state {
    long pc_n, pc_right, pc_none, pc_conf[5][5];
    long pv_n, pv_right, pv_any, pv_none, pv_strict;
    char cat[NCAT][24];
    long cat_gold[NCAT], cat_pred[NCAT], cat_right[NCAT];
    int ncat;
    pmap *table;
    int ntable;
    long md_n, md_right;
};

cls_state *cls_new(void) { return calloc(1, sizeof(cls_state)); }

void cls_free(cls_state *s)
{
    if (s)
        free(s->table);
    free(s);
}

static int pentaclass_of_root(const char *code)
{
    if (!code || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9')
        return 0;
    int r = (code[0] - '0') * 10 + code[1] - '0';
    if (r <= 2)
        return 0;
    if (r <= 5)
        return 1;
    if (r <= 8)
        return 2;
    if (r <= 13 || r == 16)
        return 3;
    return 4;
}

static void add_pentaclass(cls_state *s, int gold, const ent_result *res, const int want_mode[4])
{
    int pred = 0, any = 0;
    for (int i = 0; res && i < res->nevents; i++) {
        const ent_event *ev = &res->events[i];
        if (!want_mode[ev->mode])
            continue;
        any = 1;
        int k = pentaclass_of_root(ev->code);
        if (k > pred)
            pred = k;
    }
    s->pc_n++;
    s->pc_right += pred == gold;
    s->pc_none += !any;
    s->pc_conf[gold][pred]++;
}

static int cat_index(cls_state *s, const char *name)
{
    for (int i = 0; i < s->ncat; i++)
        if (!strcmp(s->cat[i], name))
            return i;
    if (s->ncat == NCAT)
        return -1;
    snprintf(s->cat[s->ncat], sizeof s->cat[0], "%s", name);
    return s->ncat++;
}

static const char *table_mode(const cls_state *s, const char *code)
{
    for (int i = 0; i < s->ntable; i++)
        if (!strcmp(s->table[i].code, code))
            return s->table[i].mode;
    return NULL;
}

/* the PLOVER 0.8 name of a PLOVER 0.5 category */
static const char *plover08(const char *cat)
{
    static const char *const map[][2] = {{"DEMAND", "REQUEST"}, {"DISAPPROVE", "ACCUSE"},
                                         {"INVESTIGATE", "ACCUSE"}, {"FIGHT", "ASSAULT"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(cat, map[i][0]))
            return map[i][1];
    return cat;
}

static void add_plover(cls_state *s, const cJSON *ev0, const ent_result *res,
                       const int want_mode[4])
{
    const cJSON *gc = cJSON_GetObjectItemCaseSensitive(ev0, "plover");
    const cJSON *gm = cJSON_GetObjectItemCaseSensitive(ev0, "mode");
    if (!cJSON_IsString(gc))
        return;
    const char *gold = plover08(gc->valuestring);
    const ent_event *pred = NULL;
    int any = 0;
    for (int i = 0; res && i < res->nevents; i++) {
        const ent_event *ev = &res->events[i];
        if (!want_mode[ev->mode] || !ev->plover || !ev->plover[0])
            continue;
        if (!pred)
            pred = ev;
        any |= !strcmp(ev->plover, gold);
    }
    s->pv_n++;
    s->pv_strict += pred && !strcmp(pred->plover, gc->valuestring);
    s->pv_any += any;
    s->pv_none += !pred;
    int g = cat_index(s, gold);
    int p = pred ? cat_index(s, pred->plover) : -1;
    if (g >= 0)
        s->cat_gold[g]++;
    if (p >= 0)
        s->cat_pred[p]++;
    if (p >= 0 && p == g) {
        s->pv_right++;
        s->cat_right[g]++;
        if (s->ntable && cJSON_IsString(gm)) {
            const char *m = table_mode(s, pred->code);
            s->md_n++;
            s->md_right += m && !strcmp(m, gm->valuestring);
        }
    }
}

int cls_add(cls_state *s, const cJSON *rec, const ent_result *res, const int want_mode[4])
{
    const cJSON *pc = cJSON_GetObjectItemCaseSensitive(rec, "pentaclass");
    if (cJSON_IsNumber(pc) && pc->valueint >= 0 && pc->valueint <= 4) {
        add_pentaclass(s, pc->valueint, res, want_mode);
        return 1;
    }
    const cJSON *evs = cJSON_GetObjectItemCaseSensitive(rec, "events");
    if (cJSON_IsArray(evs) && cJSON_GetArraySize(evs) > 0) {
        add_plover(s, cJSON_GetArrayItem(evs, 0), res, want_mode);
        return 1;
    }
    return 0;
}

/* "0412: CONSULT, visit, diplomatic # ..." -> code, category, mode */
static int parse_table_line(char *line, pmap *m)
{
    char *hash = strchr(line, '#');
    if (hash)
        *hash = 0;
    char *colon = strchr(line, ':');
    if (!colon || colon == line)
        return 0;
    *colon = 0;
    char *fields[3] = {NULL, NULL, NULL};
    char *p = colon + 1;
    for (int i = 0; i < 3 && p; i++) {
        fields[i] = p;
        p = strchr(p, ',');
        if (p)
            *p++ = 0;
    }
    char *out[3] = {m->code, m->cat, m->mode};
    const char *src[3] = {line, fields[0], fields[1]};
    size_t sz[3] = {sizeof m->code, sizeof m->cat, sizeof m->mode};
    for (int i = 0; i < 3; i++) {
        const char *b = src[i] ? src[i] : "";
        while (*b == ' ' || *b == '\t')
            b++;
        size_t n = strcspn(b, " \t\r\n");
        snprintf(out[i], sz[i], "%.*s", (int)n, b);
    }
    return m->code[0] >= '0' && m->code[0] <= '9' && m->cat[0];
}

int cls_load_plover_table(cls_state *s, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        pmap m;
        if (!parse_table_line(line, &m))
            continue;
        pmap *v = realloc(s->table, sizeof *v * (size_t)(s->ntable + 1));
        if (!v)
            break;
        s->table = v;
        s->table[s->ntable++] = m;
    }
    fclose(f);
    return s->ntable;
}

static double ratio(long a, long b) { return b ? (double)a / (double)b : 0; }

static void macro(const cls_state *s, double *p, double *r)
{
    int n = 0;
    *p = *r = 0;
    for (int i = 0; i < s->ncat; i++)
        if (s->cat_gold[i]) {
            *p += ratio(s->cat_right[i], s->cat_pred[i]);
            *r += ratio(s->cat_right[i], s->cat_gold[i]);
            n++;
        }
    if (n)
        *p /= n, *r /= n;
}

static void print_pentaclass(const cls_state *s, FILE *f)
{
    static const char *const nm[5] = {"neutral", "verb-coop", "mat-coop", "verb-confl", "mat-confl"};
    fprintf(f, "pentaclass: %ld sentences, accuracy %.3f (%ld right); %ld with no event "
               "(%.1f%%)\n",
            s->pc_n, ratio(s->pc_right, s->pc_n), s->pc_right, s->pc_none,
            100.0 * ratio(s->pc_none, s->pc_n));
    fprintf(f, "  rule: the highest class among the counted events, neutral when none\n");
    fprintf(f, "  %-14s", "gold \\ coded");
    for (int j = 0; j < 5; j++)
        fprintf(f, " %10s", nm[j]);
    fprintf(f, " %7s\n", "recall");
    for (int i = 0; i < 5; i++) {
        long row = 0;
        fprintf(f, "  %d %-12s", i, nm[i]);
        for (int j = 0; j < 5; j++)
            fprintf(f, " %10ld", s->pc_conf[i][j]), row += s->pc_conf[i][j];
        fprintf(f, " %7.3f\n", ratio(s->pc_conf[i][i], row));
    }
}

static void print_plover(const cls_state *s, FILE *f)
{
    double mp, mr;
    macro(s, &mp, &mr);
    fprintf(f, "PLOVER category: %ld sentences, accuracy %.3f (%ld right); macro P %.3f R %.3f; "
               "%ld with no event; gold category among the events: %.3f\n",
            s->pv_n, ratio(s->pv_right, s->pv_n), s->pv_right, mp, mr, s->pv_none,
            ratio(s->pv_any, s->pv_n));
    fprintf(f, "  rule: the category of the first counted event that has one; gold PLOVER 0.5 "
               "names read as 0.8 (accuracy by the names as written: %.3f)\n",
            ratio(s->pv_strict, s->pv_n));
    fprintf(f, "  %-12s %5s %5s %5s %6s %6s\n", "category", "gold", "coded", "right", "P", "R");
    for (int i = 0; i < s->ncat; i++)
        fprintf(f, "  %-12s %5ld %5ld %5ld %6.3f %6.3f\n", s->cat[i], s->cat_gold[i],
                s->cat_pred[i], s->cat_right[i], ratio(s->cat_right[i], s->cat_pred[i]),
                ratio(s->cat_right[i], s->cat_gold[i]));
    if (s->ntable)
        fprintf(f, "PLOVER mode (CAMEO2PLOVER table): %ld of %ld right (%.3f), on the records "
                   "with a gold mode and the right category\n",
                s->md_right, s->md_n, ratio(s->md_right, s->md_n));
}

void cls_print(const cls_state *s, FILE *f)
{
    if (s->pc_n)
        print_pentaclass(s, f);
    if (s->pv_n)
        print_plover(s, f);
}

void cls_json(const cls_state *s, FILE *f)
{
    if (s->pc_n) {
        fprintf(f, ",\"pentaclass\":{\"records\":%ld,\"accuracy\":%.4f,\"no_event\":%ld,"
                   "\"confusion\":[",
                s->pc_n, ratio(s->pc_right, s->pc_n), s->pc_none);
        for (int i = 0; i < 5; i++)
            fprintf(f, "%s[%ld,%ld,%ld,%ld,%ld]", i ? "," : "", s->pc_conf[i][0],
                    s->pc_conf[i][1], s->pc_conf[i][2], s->pc_conf[i][3], s->pc_conf[i][4]);
        fprintf(f, "]}");
    }
    if (s->pv_n) {
        double mp, mr;
        macro(s, &mp, &mr);
        fprintf(f, ",\"plover\":{\"records\":%ld,\"accuracy\":%.4f,\"macro_precision\":%.4f,"
                   "\"macro_recall\":%.4f,\"no_event\":%ld,\"any_event_right\":%.4f,"
                   "\"accuracy_names_as_written\":%.4f",
                s->pv_n, ratio(s->pv_right, s->pv_n), mp, mr, s->pv_none,
                ratio(s->pv_any, s->pv_n), ratio(s->pv_strict, s->pv_n));
        if (s->ntable)
            fprintf(f, ",\"mode_records\":%ld,\"mode_accuracy\":%.4f", s->md_n,
                    ratio(s->md_right, s->md_n));
        fprintf(f, ",\"categories\":{");
        for (int i = 0; i < s->ncat; i++)
            fprintf(f, "%s\"%s\":{\"gold\":%ld,\"coded\":%ld,\"right\":%ld}", i ? "," : "",
                    s->cat[i], s->cat_gold[i], s->cat_pred[i], s->cat_right[i]);
        fprintf(f, "}}");
    }
}
