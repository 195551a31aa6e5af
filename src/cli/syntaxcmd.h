/*
 * syntaxcmd.h - the syntax commands of the entente tool: train-syntax and
 * parse (with --eval), and clusters (word clusters for train-syntax).
 */
#ifndef ENT_CLI_SYNTAXCMD_H
#define ENT_CLI_SYNTAXCMD_H

int cmd_train_syntax(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_clusters(int argc, char **argv);

#endif
