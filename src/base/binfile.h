/*
 * binfile.h - the container of entente's compiled data files
 * (data/dict.gen.bin, data/places.gen.bin; docs/internals/binfile.md): a
 * fixed header (magic, format version, byte-order mark, code stamp, the
 * size and modification time of every source file, a checksum) followed by
 * sections of bytes, each 8-byte aligned. A file is written to a temporary
 * name and renamed, and read with one read and checked whole before anyone
 * looks inside: it is outside input, so a short, corrupt or foreign file is
 * refused with a reason, never trusted. What the sections hold is up to the
 * module that writes them (dictbin.c, where.c), which checks every offset
 * and index it reads from them.
 */
#ifndef ENT_BINFILE_H
#define ENT_BINFILE_H

#include <stddef.h>
#include <stdint.h>

enum { BINFILE_MAXSEC = 24, BINFILE_MAXSRC = 8, BINFILE_NAMELEN = 48 };

/* A source file as it was when the compiled file was written. */
typedef struct binfile_source {
    char name[BINFILE_NAMELEN]; /* file name, relative to the data folder */
    int64_t size;               /* -1: the file did not exist */
    int64_t mtime_sec, mtime_nsec;
} binfile_source;

/* A section to write: size bytes at data. */
typedef struct binfile_section {
    const void *data;
    size_t size;
} binfile_section;

typedef enum {
    BINFILE_OK,      /* read and checked */
    BINFILE_MISSING, /* no such file: nothing to say */
    BINFILE_STALE,   /* another format version, byte order or build of the
                        loading code: use the sources, nothing to say */
    BINFILE_BAD      /* unreadable, short or corrupt: err says why */
} binfile_rc;

/* Stat dir/name into *out (size -1 if it does not exist). 0, or -1 if it
 * exists but cannot be examined, or name is too long. */
int binfile_source_stat(const char *dir, const char *name, binfile_source *out);

/* Write the sections to path (through path.tmp.PID and a rename) with the
 * given 8-byte magic and format version, the stamp of this build's loading
 * code and the sources.
 * Returns 0, or -1 with a message in err. */
int binfile_write(const char *path, const char *magic, uint32_t version,
                  const binfile_source *src, int nsrc,
                  const binfile_section *sec, int nsec, char *err, size_t errlen);

/* Check the bytes of a whole file: header, byte order, sizes, section
 * bounds and alignment, checksum. */
binfile_rc binfile_check(const void *buf, size_t len, const char *magic,
                         uint32_t version, char *err, size_t errlen);
/* binfile_check, then a copy of the bytes for the loader to keep (mem_free
 * it, or let the loader own it); NULL with the reason in err. */
void *binfile_check_copy(const void *buf, size_t len, const char *magic, uint32_t version,
                         char *err, size_t errlen);

/* Read path whole (at most max bytes) and check it. On BINFILE_OK *buf is
 * the file (8-byte aligned; the caller frees it with mem_free) and *len
 * its size; otherwise *buf is NULL and err says why (for BINFILE_BAD). */
binfile_rc binfile_read(const char *path, const char *magic, uint32_t version,
                        size_t max, void **buf, size_t *len, char *err, size_t errlen);

/* 1 if every source recorded in a checked file is, in dir, the same size
 * and modification time as it was when the file was written. */
int binfile_fresh(const void *buf, const char *dir);

/* Section i of a checked file (NULL and *size 0 past the last one). */
const void *binfile_section_at(const void *buf, int i, size_t *size);
int binfile_nsections(const void *buf);

/* Put the current stamp and a correct checksum into a file's header in
 * memory (len >= the header size): the fuzzers use it so that mutated
 * files reach the checks of the sections. */
void binfile_seal(void *buf, size_t len);

#endif
