/*
 * analyze.c - the analysis commands over a store written by `entente code
 * --db`:
 *   entente dyads --db F [--from D --to D --by day|week|month|year|all]
 *                 [--level country|actor] [--format csv|json] [A [B]]
 *   entente align A B --db F [...]        are A and B on the same side?
 *   entente network --db F [--format json|dot|graphml] [A]
 */
#include "analyze.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int valid_date(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int m = atoi(s + 5), d = atoi(s + 8);
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static int valid_actor(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 30)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
            return 0;
    return 1;
}

static const char usage_analysis[] =
    "usage: entente dyads --db F [options] [A [B]]\n"
    "       entente align A B --db F [options]\n"
    "       entente network --db F [options] [A]\n"
    "\n"
    "Analyses of a store written by `entente code --db F` (read-only).\n"
    "  dyads    events per directed dyad and period: counts per quad class,\n"
    "           Goldstein sum and mean, distinct sources (only dyads involving A,\n"
    "           or between A and B)\n"
    "  align    A and B over time: events and Goldstein sums both ways, the cosine\n"
    "           similarity of how each treats every third party, and the third\n"
    "           parties where they diverge most\n"
    "  network  the actor graph with cooperative and conflictual event counts\n"
    "\n"
    "options:\n"
    "  --db F              the store (required)\n"
    "  --from D, --to D    date bounds, YYYY-MM-DD, inclusive\n"
    "  --by P              day, week, month (default), year or all\n"
    "  --level L           country (default: IRNGOV counts as IRN) or actor\n"
    "  --modes LIST        modes counted (default asserted,reported)\n"
    "  --format F          dyads: csv (default) or json; align: text (default), csv,\n"
    "                      json; network: json (default), dot, graphml\n"
    "Actor arguments match by prefix: IRN also selects IRNGOV, IRNMIL...\n";

int parse_query(int argc, char **argv, ent_query *q, const char **db, const char **format,
                const char **pos, int *npos, int maxpos, const char *cmd)
{
    memset(q, 0, sizeof *q);
    q->by = ENT_BY_MONTH;
    q->country_level = 1;
    *npos = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_analysis, stdout);
            return 1;
        } else if (!strcmp(a, "--db") && v) {
            *db = v;
            i++;
        } else if (!strcmp(a, "--from") && v) {
            if (!valid_date(v)) {
                fprintf(stderr, "entente %s: --from needs YYYY-MM-DD\n", cmd);
                return -1;
            }
            q->from = v;
            i++;
        } else if (!strcmp(a, "--to") && v) {
            if (!valid_date(v)) {
                fprintf(stderr, "entente %s: --to needs YYYY-MM-DD\n", cmd);
                return -1;
            }
            q->to = v;
            i++;
        } else if (!strcmp(a, "--by") && v) {
            int p = ent_period_parse(v);
            if (p < 0) {
                fprintf(stderr, "entente %s: --by is day, week, month, year or all\n", cmd);
                return -1;
            }
            q->by = (ent_period)p;
            i++;
        } else if (!strcmp(a, "--level") && v) {
            if (strcmp(v, "country") && strcmp(v, "actor")) {
                fprintf(stderr, "entente %s: --level is country or actor\n", cmd);
                return -1;
            }
            q->country_level = !strcmp(v, "country");
            i++;
        } else if (!strcmp(a, "--format") && v) {
            *format = v;
            i++;
        } else if (!strcmp(a, "--modes") && v) {
            q->modes = 0;
            for (int m = 0; m < 4; m++)
                if (strstr(v, ent_mode_name((ent_mode)m)))
                    q->modes |= 1 << m;
            if (!q->modes) {
                fprintf(stderr, "entente %s: --modes lists asserted, negated, hypothetical, reported\n", cmd);
                return -1;
            }
            i++;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "entente %s: unknown or incomplete option %s\n", cmd, a);
            return -1;
        } else {
            if (*npos >= maxpos || !valid_actor(a)) {
                fprintf(stderr, "entente %s: '%s' is not an actor code (A-Z, 0-9)\n", cmd, a);
                return -1;
            }
            pos[(*npos)++] = a;
        }
    }
    if (!*db) {
        fprintf(stderr, "entente %s: --db FILE is required\n", cmd);
        return -1;
    }
    return 0;
}

void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

static void json_num(FILE *f, double v)
{
    if (isnan(v) || isinf(v))
        fputs("null", f);
    else
        fprintf(f, "%.4f", v);
}

void write_dyads_json(FILE *f, const ent_dyad_row *r, int n)
{
    fputc('[', f);
    for (int i = 0; i < n; i++) {
        fprintf(f, "%s{\"period\":", i ? ",\n" : "");
        json_string(f, r[i].period);
        fputs(",\"source\":", f);
        json_string(f, r[i].source);
        fputs(",\"target\":", f);
        json_string(f, r[i].target);
        fprintf(f, ",\"events\":%ld,\"verbal_coop\":%ld,\"material_coop\":%ld,"
                   "\"verbal_conflict\":%ld,\"material_conflict\":%ld,\"goldstein_sum\":",
                r[i].events, r[i].quad[0], r[i].quad[1], r[i].quad[2], r[i].quad[3]);
        json_num(f, r[i].goldstein_sum);
        fputs(",\"goldstein_mean\":", f);
        json_num(f, r[i].goldstein_mean);
        fprintf(f, ",\"sources\":%ld}", r[i].sources);
    }
    fputs("]\n", f);
}

void write_dyads_csv(FILE *f, const ent_dyad_row *r, int n)
{
    fputs("period,source,target,events,verbal_coop,material_coop,verbal_conflict,"
          "material_conflict,goldstein_sum,goldstein_mean,sources\n", f);
    for (int i = 0; i < n; i++)
        fprintf(f, "%s,%s,%s,%ld,%ld,%ld,%ld,%ld,%.2f,%.4f,%ld\n", r[i].period, r[i].source,
                r[i].target, r[i].events, r[i].quad[0], r[i].quad[1], r[i].quad[2], r[i].quad[3],
                r[i].goldstein_sum, r[i].goldstein_mean, r[i].sources);
}

void write_align_json(FILE *f, const char *a, const char *b, const ent_align_row *r, int n)
{
    fputs("{\"a\":", f);
    json_string(f, a);
    fputs(",\"b\":", f);
    json_string(f, b);
    fputs(",\"periods\":[", f);
    for (int i = 0; i < n; i++) {
        fprintf(f, "%s{\"period\":", i ? ",\n" : "");
        json_string(f, r[i].period);
        fprintf(f, ",\"ab_events\":%ld,\"ba_events\":%ld,\"ab_goldstein\":", r[i].ab_events,
                r[i].ba_events);
        json_num(f, r[i].ab_goldstein);
        fputs(",\"ba_goldstein\":", f);
        json_num(f, r[i].ba_goldstein);
        fputs(",\"similarity\":", f);
        json_num(f, r[i].similarity);
        fprintf(f, ",\"third_parties\":%d,\"diverge\":[", r[i].nthird);
        for (int k = 0; k < r[i].ndiverge; k++) {
            fprintf(f, "%s{\"actor\":", k ? "," : "");
            json_string(f, r[i].diverge[k]);
            fputs(",\"gap\":", f);
            json_num(f, r[i].gap[k]);
            fputc('}', f);
        }
        fputs("]}", f);
    }
    fputs("]}\n", f);
}

void write_align_csv(FILE *f, const ent_align_row *r, int n)
{
    fputs("period,ab_events,ba_events,ab_goldstein,ba_goldstein,similarity,third_parties,"
          "diverge\n", f);
    for (int i = 0; i < n; i++) {
        fprintf(f, "%s,%ld,%ld,%.2f,%.2f,", r[i].period, r[i].ab_events, r[i].ba_events,
                r[i].ab_goldstein, r[i].ba_goldstein);
        if (isnan(r[i].similarity))
            fputs("", f);
        else
            fprintf(f, "%.4f", r[i].similarity);
        fprintf(f, ",%d,", r[i].nthird);
        for (int k = 0; k < r[i].ndiverge; k++)
            fprintf(f, "%s%s:%+.3f", k ? " " : "", r[i].diverge[k], r[i].gap[k]);
        fputc('\n', f);
    }
}

void write_network_json(FILE *f, const ent_edge *e, int n)
{
    fputs("{\"nodes\":[", f);
    /* nodes: every actor once, in order of first appearance in sorted edges */
    const char **seen = calloc((size_t)n * 2 + 1, sizeof *seen);
    int ns = 0;
    for (int i = 0; seen && i < n; i++)
        for (int k = 0; k < 2; k++) {
            const char *a = k ? e[i].target : e[i].source;
            int j;
            for (j = 0; j < ns; j++)
                if (!strcmp(seen[j], a))
                    break;
            if (j == ns) {
                seen[ns++] = a;
                fprintf(f, "%s{\"id\":", ns > 1 ? "," : "");
                json_string(f, a);
                fputc('}', f);
            }
        }
    free(seen);
    fputs("],\"edges\":[", f);
    for (int i = 0; i < n; i++) {
        fprintf(f, "%s{\"source\":", i ? ",\n" : "");
        json_string(f, e[i].source);
        fputs(",\"target\":", f);
        json_string(f, e[i].target);
        fprintf(f, ",\"events\":%ld,\"coop\":%ld,\"conflict\":%ld,\"goldstein_sum\":%.2f}",
                e[i].events, e[i].coop, e[i].conflict, e[i].goldstein_sum);
    }
    fputs("]}\n", f);
}

void write_network_dot(FILE *f, const ent_edge *e, int n)
{
    fputs("digraph entente {\n", f);
    for (int i = 0; i < n; i++)
        fprintf(f, "  \"%s\" -> \"%s\" [coop=%ld, conflict=%ld, goldstein=%.2f, color=%s];\n",
                e[i].source, e[i].target, e[i].coop, e[i].conflict, e[i].goldstein_sum,
                e[i].coop >= e[i].conflict ? "blue" : "red");
    fputs("}\n", f);
}

void write_network_graphml(FILE *f, const ent_edge *e, int n)
{
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
          "  <key id=\"coop\" for=\"edge\" attr.name=\"coop\" attr.type=\"long\"/>\n"
          "  <key id=\"conflict\" for=\"edge\" attr.name=\"conflict\" attr.type=\"long\"/>\n"
          "  <key id=\"goldstein\" for=\"edge\" attr.name=\"goldstein\" attr.type=\"double\"/>\n"
          "  <graph id=\"entente\" edgedefault=\"directed\">\n", f);
    const char **seen = calloc((size_t)n * 2 + 1, sizeof *seen);
    int ns = 0;
    for (int i = 0; seen && i < n; i++)
        for (int k = 0; k < 2; k++) {
            const char *a = k ? e[i].target : e[i].source;
            int j;
            for (j = 0; j < ns; j++)
                if (!strcmp(seen[j], a))
                    break;
            if (j == ns) {
                seen[ns++] = a;
                fprintf(f, "    <node id=\"%s\"/>\n", a);
            }
        }
    free(seen);
    for (int i = 0; i < n; i++)
        fprintf(f, "    <edge source=\"%s\" target=\"%s\"><data key=\"coop\">%ld</data>"
                   "<data key=\"conflict\">%ld</data><data key=\"goldstein\">%.2f</data></edge>\n",
                e[i].source, e[i].target, e[i].coop, e[i].conflict, e[i].goldstein_sum);
    fputs("  </graph>\n</graphml>\n", f);
}

static ent_store *open_db(const char *db, const char *cmd)
{
    char *err = NULL;
    ent_store *s = ent_store_open_readonly(db, &err);
    if (!s) {
        fprintf(stderr, "entente %s: cannot read %s\n", cmd, err ? err : db);
        free(err);
    }
    return s;
}

/* The align table for people: one line per period. */
static void write_align_text(FILE *f, const char *a, const char *b, const ent_align_row *r, int n)
{
    fprintf(f, "%s and %s: %d period%s\n", a, b, n, n == 1 ? "" : "s");
    fprintf(f, "%-10s %6s %8s %6s %8s %10s %6s  %s\n", "period", a, "->", b, "->", "similarity",
            "thirds", "where they diverge (gap)");
    for (int i = 0; i < n; i++) {
        char sim[16];
        if (isnan(r[i].similarity))
            strcpy(sim, "-");
        else
            snprintf(sim, sizeof sim, "%+.2f", r[i].similarity);
        fprintf(f, "%-10s %6ld %+8.1f %6ld %+8.1f %10s %6d  ", r[i].period, r[i].ab_events,
                r[i].ab_goldstein, r[i].ba_events, r[i].ba_goldstein, sim, r[i].nthird);
        for (int k = 0; k < r[i].ndiverge && k < 3; k++)
            fprintf(f, "%s%s (%+.2f)", k ? ", " : "", r[i].diverge[k], r[i].gap[k]);
        fputc('\n', f);
    }
    fprintf(f, "(columns: events and Goldstein sum %s->%s, then %s->%s; similarity is the cosine\n"
               " of their Goldstein sums toward every third party; a positive gap means %s is\n"
               " the friendlier of the two toward that party)\n", a, b, b, a, a);
}

enum { AN_DYADS, AN_ALIGN, AN_NETWORK };

/* Parse, open the store read-only, run one analysis, write it. */
static int run_command(int kind, int argc, char **argv)
{
    static const char *const names[] = {"dyads", "align", "network"};
    static const char *const formats[] = {"csv", "text", "json"};
    static const int maxpos[] = {2, 2, 1};
    const char *cmd = names[kind], *db = NULL, *format = formats[kind], *pos[2];
    ent_query q;
    int npos;
    int pr = parse_query(argc, argv, &q, &db, &format, pos, &npos, maxpos[kind], cmd);
    if (pr != 0)
        return pr < 0 ? 2 : 0;
    /* a format the command does not write is a usage error, not a default */
    static const char *const allowed[][4] = {
        {"csv", "json", NULL}, {"text", "csv", "json", NULL}, {"json", "dot", "graphml", NULL}};
    int ok = 0;
    for (int k = 0; allowed[kind][k]; k++)
        ok |= !strcmp(format, allowed[kind][k]);
    if (!ok) {
        fprintf(stderr, "entente %s: unknown format '%s' (see entente %s --help)\n", cmd, format,
                cmd);
        return 2;
    }
    if (kind == AN_ALIGN && npos != 2) {
        fputs("entente align: give two actor codes, e.g. entente align IRN RUS --db F\n", stderr);
        return 2;
    }
    q.a = npos > 0 ? pos[0] : NULL;
    q.b = npos > 1 ? pos[1] : NULL;
    if (kind == AN_NETWORK)
        q.by = ENT_BY_ALL;
    ent_store *s = open_db(db, cmd);
    if (!s)
        return 2;
    ent_dyad_row *dyads = NULL;
    ent_align_row *align = NULL;
    ent_edge *edges = NULL;
    int n = 0;
    ent_rc rc;
    if (kind == AN_DYADS) {
        if ((rc = ent_dyads(s, &q, &dyads, &n)) == ENT_OK) {
            if (!strcmp(format, "json"))
                write_dyads_json(stdout, dyads, n);
            else
                write_dyads_csv(stdout, dyads, n);
        }
    } else if (kind == AN_ALIGN) {
        if ((rc = ent_align(s, &q, &align, &n)) == ENT_OK) {
            if (!strcmp(format, "json"))
                write_align_json(stdout, q.a, q.b, align, n);
            else if (!strcmp(format, "csv"))
                write_align_csv(stdout, align, n);
            else
                write_align_text(stdout, q.a, q.b, align, n);
        }
    } else {
        if ((rc = ent_network(s, &q, &edges, &n)) == ENT_OK) {
            if (!strcmp(format, "dot"))
                write_network_dot(stdout, edges, n);
            else if (!strcmp(format, "graphml"))
                write_network_graphml(stdout, edges, n);
            else
                write_network_json(stdout, edges, n);
        }
    }
    if (rc != ENT_OK)
        fprintf(stderr, "entente %s: %s\n", cmd, ent_strerror(rc));
    free(dyads);
    free(align);
    free(edges);
    ent_store_close(s);
    return rc == ENT_OK ? 0 : 2;
}

int cmd_dyads(int argc, char **argv) { return run_command(AN_DYADS, argc, argv); }
int cmd_align(int argc, char **argv) { return run_command(AN_ALIGN, argc, argv); }
int cmd_network(int argc, char **argv) { return run_command(AN_NETWORK, argc, argv); }
