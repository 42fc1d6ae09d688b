/* crm-int.h - private declarations shared inside lib/. */
#ifndef CRM_INT_H
#define CRM_INT_H
#include "crm.h"
#endif
