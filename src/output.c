/*
 * output.c - writing coded events: JSON Lines (the stable contract of
 * docs/event.schema.json) and TSV (columns in docs/output.md; tabs, new
 * lines and backslashes inside fields are escaped as \t, \n and \\).
 */
#include "entente.h"

#include <string.h>

static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (*p < 0x20)
                fprintf(f, "\\u%04x", *p);
            else
                fputc(*p, f);
        }
    }
    fputc('"', f);
}

static void json_actor(FILE *f, const ent_actor_ref *a)
{
    fputs("{\"code\":", f);
    json_str(f, a->code);
    fputs(",\"text\":", f);
    json_str(f, a->text);
    fprintf(f, ",\"span\":[%zu,%zu]}", a->start, a->end);
}

void ent_write_jsonl(FILE *f, const ent_doc *doc, const ent_result *res)
{
    for (int i = 0; i < res->nevents; i++) {
        const ent_event *e = &res->events[i];
        const ent_sentence *s = &res->sentences[e->sentence];
        fputs("{\"doc\":", f);
        json_str(f, doc->id);
        fprintf(f, ",\"sentence\":%d,\"span\":[%zu,%zu],\"text\":", e->sentence,
                s->start, s->end);
        json_str(f, s->text);
        fputs(",\"date\":", f);
        json_str(f, e->date);
        fputs(",\"date_rule\":", f);
        json_str(f, e->date_rule);
        fputs(",\"date_text\":", f);
        json_str(f, e->date_text);
        fprintf(f, ",\"scheduled\":%s,\"doc_date\":", e->scheduled ? "true" : "false");
        json_str(f, doc->date);
        fputs(",\"date_source\":", f);
        json_str(f, doc->date_source ? doc->date_source : "none");
        fputs(",\"place\":", f);
        if (e->place) {
            fputs("{\"name\":", f);
            json_str(f, e->place);
            fputs(",\"country\":", f);
            json_str(f, e->place_country);
            fputs(",\"admin1\":", f);
            json_str(f, e->place_admin1);
            fprintf(f, ",\"lat\":%.4f,\"lon\":%.4f,\"text\":", e->lat, e->lon);
            json_str(f, e->place_text);
            fprintf(f, ",\"span\":[%zu,%zu],\"rule\":", e->place_start, e->place_end);
            json_str(f, e->place_rule);
            fputc('}', f);
        } else {
            fputs("null", f);
        }
        fputs(",\"source\":", f);
        json_actor(f, &e->source);
        fputs(",\"target\":", f);
        json_actor(f, &e->target);
        fputs(",\"code\":", f);
        json_str(f, e->code);
        fputs(",\"root\":", f);
        json_str(f, e->root);
        fputs(",\"name\":", f);
        json_str(f, e->name);
        fprintf(f, ",\"quad\":%d,\"goldstein\":%.1f,\"plover\":", e->quad, e->goldstein);
        json_str(f, e->plover);
        fputs(",\"mode\":", f);
        json_str(f, ent_mode_name(e->mode));
        fputs(",\"evidence\":", f);
        json_str(f, e->evidence);
        fputs("}\n", f);
    }
}

static void tsv_str(FILE *f, const char *s)
{
    for (const char *p = s ? s : ""; *p; p++) {
        switch (*p) {
        case '\t': fputs("\\t", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\\': fputs("\\\\", f); break;
        default: fputc(*p, f);
        }
    }
}

void ent_write_tsv_header(FILE *f)
{
    fputs("doc\tsentence\tstart\tend\tdate\tsource\tsource_text\ttarget\t"
          "target_text\tcode\troot\tquad\tgoldstein\tplover\tmode\ttext\t"
          "evidence\tdate_rule\tscheduled\tplace\tplace_country\tplace_admin1\t"
          "lat\tlon\n", f);
}

void ent_write_tsv(FILE *f, const ent_doc *doc, const ent_result *res)
{
    for (int i = 0; i < res->nevents; i++) {
        const ent_event *e = &res->events[i];
        const ent_sentence *s = &res->sentences[e->sentence];
        tsv_str(f, doc->id);
        fprintf(f, "\t%d\t%zu\t%zu\t", e->sentence, s->start, s->end);
        tsv_str(f, e->date);
        fputc('\t', f);
        tsv_str(f, e->source.code);
        fputc('\t', f);
        tsv_str(f, e->source.text);
        fputc('\t', f);
        tsv_str(f, e->target.code);
        fputc('\t', f);
        tsv_str(f, e->target.text);
        fputc('\t', f);
        tsv_str(f, e->code);
        fprintf(f, "\t%s\t%d\t%.1f\t", e->root, e->quad, e->goldstein);
        tsv_str(f, e->plover);
        fprintf(f, "\t%s\t", ent_mode_name(e->mode));
        tsv_str(f, s->text);
        fputc('\t', f);
        tsv_str(f, e->evidence);
        fputc('\t', f);
        tsv_str(f, e->date_rule);
        fprintf(f, "\t%d\t", e->scheduled);
        tsv_str(f, e->place ? e->place : "");
        fputc('\t', f);
        tsv_str(f, e->place_country);
        fputc('\t', f);
        tsv_str(f, e->place_admin1);
        if (e->place)
            fprintf(f, "\t%.4f\t%.4f\n", e->lat, e->lon);
        else
            fputs("\t\t\n", f);
    }
}
