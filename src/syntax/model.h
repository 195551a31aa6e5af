/*
 * model.h - the file of a trained syntax model (data/en.syntax) and the
 * small key-value tables inside it. The file is a header (magic, version,
 * byte order, a checksum of the body) and a table of numbered sections,
 * each 8-byte aligned; it is mapped read-only and checked whole (header,
 * bounds, checksum) before anything reads it. What the sections hold is
 * checked by their readers (syn_kv_check, pc_table_check and syntax.c).
 */
#ifndef ENT_SYN_MODEL_H
#define ENT_SYN_MODEL_H

#include <stddef.h>
#include <stdint.h>

#define SYN_MAGIC "ENTSYNTX"
#define SYN_VERSION 3u /* 2: dense weight rows; 3: the tagger's second pass */
enum { SYN_MAXSEC = 32 };

typedef struct syn_file {
    const unsigned char *base;
    size_t len;
    void *map;           /* munmap on close (NULL: base is borrowed) */
    size_t maplen;
    uint32_t nsec;
    struct { uint32_t id; uint64_t off, size; } sec[SYN_MAXSEC];
} syn_file;

/* Map and check path. 0, or -1 with a one-line reason in err. */
int syn_file_open(const char *path, syn_file *f, char *err, size_t errlen);
/* Check bytes already in memory (kept by the caller while f is used). */
int syn_file_from_bytes(const void *buf, size_t len, syn_file *f, char *err, size_t errlen);
void syn_file_close(syn_file *f);
/* Put the right checksum into a file's header in memory (len >= 32): the
 * fuzzer uses it so that mutated files reach the checks of the sections. */
void syn_file_seal(void *buf, size_t len);
/* Section id, or NULL (and *size 0) if absent. */
const void *syn_file_section(const syn_file *f, uint32_t id, size_t *size);

/* Sections to write; written to path.tmp and renamed. */
typedef struct syn_wsec {
    uint32_t id;
    const void *data;
    size_t size;
} syn_wsec;
int syn_file_write(const char *path, const syn_wsec *sec, int nsec, char *err, size_t errlen);

/* A key-value table: 64-bit keys (0 is stored as 1), 32-bit values, open
 * addressing; slots of three words (key low, key high, value). */
typedef struct syn_kv {
    const uint32_t *slots;
    uint32_t nslots;     /* a power of two, at least one slot empty */
} syn_kv;

/* Build from n pairs (later duplicates are dropped); *own is the memory
 * (mem_free). 0, or -1 on out of memory. */
int syn_kv_build(const uint64_t *keys, const uint32_t *vals, size_t n, syn_kv *out,
                 uint32_t **own);
/* 1 and *val if key is there, else 0. */
int syn_kv_get(const syn_kv *kv, uint64_t key, uint32_t *val);
/* Check a table read from outside: a power of two with an empty slot,
 * every value < maxval. */
int syn_kv_check(const syn_kv *kv, uint32_t maxval, char *err, size_t errlen);

#endif
