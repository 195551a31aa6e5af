/*
 * store.h - the private side of ent_store, for the analyses that read it.
 */
#ifndef ENT_STORE_H
#define ENT_STORE_H

#include <sqlite3.h>
#include "entente.h"

sqlite3 *store_db(const ent_store *s);

#endif
