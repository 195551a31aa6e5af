/*
 * merge.h - entente merge: stores coded apart made into one.
 */
#ifndef ENT_CLI_MERGE_H
#define ENT_CLI_MERGE_H

int cmd_merge(int argc, char **argv);

#endif
