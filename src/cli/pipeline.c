/*
 * pipeline.c - the reader (calling thread), N coders (worker threads) and
 * an ordered writer (its own thread) around a ring of document slots.
 *
 * The reader assigns each document a sequence number and waits while the
 * ring is full, so memory stays bounded by the ring size however large the
 * input; workers take the next unclaimed slot and code it (the coder and
 * its dictionaries are shared read-only); the writer hands slots to emit
 * strictly in sequence order, so -j1 and -jN write the same bytes. With
 * one job there are no threads at all.
 */
#include "pipeline.h"

#include <pthread.h>
#include <stdlib.h>

typedef struct slot {
    long long seq;
    ent_doc *doc;
    ent_result *res;
    int done;
} slot;

typedef struct pipe_state {
    const ent_coder *coder;
    slot *ring;
    long window;
    long next_read, next_code, next_write;
    int eof, stop, rc;
    pthread_mutex_t mu;
    pthread_cond_t work, done, space;
    pipeline_emit_fn emit;
    void *ud;
} pipe_state;

static void *worker(void *arg)
{
    pipe_state *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->next_code == p->next_read && !p->eof)
            pthread_cond_wait(&p->work, &p->mu);
        if (p->next_code == p->next_read)
            break; /* end of input and nothing left to code */
        long seq = p->next_code++;
        slot *s = &p->ring[seq % p->window];
        pthread_mutex_unlock(&p->mu);
        ent_result *res = p->stop ? NULL : ent_coder_code(p->coder, s->doc);
        pthread_mutex_lock(&p->mu);
        s->res = res;
        s->done = 1;
        pthread_cond_broadcast(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static void *writer(void *arg)
{
    pipe_state *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        slot *s = &p->ring[p->next_write % p->window];
        while (!(p->next_write < p->next_read && s->done) &&
               !(p->eof && p->next_write == p->next_read))
            pthread_cond_wait(&p->done, &p->mu);
        if (p->next_write == p->next_read && p->eof)
            break;
        ent_doc *doc = s->doc;
        ent_result *res = s->res;
        int stopped = p->stop;
        pthread_mutex_unlock(&p->mu);
        int rc = 0;
        if (stopped) {
            ent_result_free(res);
            ent_doc_free(doc);
        } else {
            rc = p->emit(p->ud, s->seq, doc, res);
        }
        pthread_mutex_lock(&p->mu);
        if (rc && !p->stop) {
            p->stop = 1;
            p->rc = rc;
        }
        s->doc = NULL;
        s->res = NULL;
        s->done = 0;
        p->next_write++;
        pthread_cond_broadcast(&p->space);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* The next document of the shard, with its ordinal among all documents
 * read; those of other shards are read (to count them) and dropped. */
static ent_rc next_doc(ent_reader *r, pipeline_shard *sh, long long *nread, long long *seq,
                       ent_doc **doc)
{
    for (;;) {
        ent_rc rc = ent_reader_next(r, doc);
        if (rc != ENT_OK)
            return rc;
        *seq = (*nread)++;
        if (!sh || sh->count <= 1 || ent_doc_shard((*doc)->id, sh->count) == sh->index)
            return ENT_OK;
        sh->passed_over++;
        ent_doc_free(*doc);
    }
}

int pipeline_run(ent_reader *r, const ent_coder *c, int jobs, pipeline_shard *shard,
                 pipeline_emit_fn emit, void *ud)
{
    long long nread = 0, seq = 0;
    if (jobs > 64)
        jobs = 64;
    if (jobs <= 1) {
        /* one thread does everything, in order */
        ent_doc *doc;
        int rc = 0;
        while (!rc && next_doc(r, shard, &nread, &seq, &doc) == ENT_OK)
            rc = emit(ud, seq, doc, ent_coder_code(c, doc));
        return rc;
    }
    pipe_state p;
    p.coder = c;
    p.window = 16L * jobs;
    p.ring = calloc((size_t)p.window, sizeof *p.ring);
    if (!p.ring)
        return 2;
    p.next_read = p.next_code = p.next_write = 0;
    p.eof = p.stop = p.rc = 0;
    p.emit = emit;
    p.ud = ud;
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.work, NULL);
    pthread_cond_init(&p.done, NULL);
    pthread_cond_init(&p.space, NULL);
    pthread_t *th = calloc((size_t)jobs, sizeof *th);
    pthread_t wr;
    int nstarted = 0;
    if (th && pthread_create(&wr, NULL, writer, &p) == 0) {
        for (int i = 0; i < jobs; i++)
            if (pthread_create(&th[i], NULL, worker, &p) == 0)
                nstarted++;
        ent_doc *doc;
        for (;;) {
            pthread_mutex_lock(&p.mu);
            int stop = p.stop;
            pthread_mutex_unlock(&p.mu);
            if (stop || next_doc(r, shard, &nread, &seq, &doc) != ENT_OK)
                break;
            pthread_mutex_lock(&p.mu);
            while (p.next_read - p.next_write >= p.window)
                pthread_cond_wait(&p.space, &p.mu);
            slot *s = &p.ring[p.next_read % p.window];
            s->seq = seq;
            s->doc = doc;
            s->res = NULL;
            s->done = 0;
            p.next_read++;
            pthread_cond_signal(&p.work);
            pthread_mutex_unlock(&p.mu);
        }
        pthread_mutex_lock(&p.mu);
        p.eof = 1;
        pthread_cond_broadcast(&p.work);
        pthread_cond_broadcast(&p.done);
        pthread_mutex_unlock(&p.mu);
        for (int i = 0; i < nstarted; i++)
            pthread_join(th[i], NULL);
        pthread_mutex_lock(&p.mu);
        pthread_cond_broadcast(&p.done);
        pthread_mutex_unlock(&p.mu);
        pthread_join(wr, NULL);
    } else {
        p.rc = 2;
    }
    free(th);
    free(p.ring);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.work);
    pthread_cond_destroy(&p.done);
    pthread_cond_destroy(&p.space);
    return p.rc;
}
