/*
 * dictcmd.h - `entente dict`: check, lookup, gaps and compile.
 */
#ifndef ENT_CLI_DICTCMD_H
#define ENT_CLI_DICTCMD_H

int cmd_dict(int argc, char **argv,
             const char *(*find_dict)(const char *opt, char *buf, unsigned long n));

#endif
