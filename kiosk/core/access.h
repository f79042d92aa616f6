/* Who may do what: the three roles (trainee < coach < supervisor), the table of staff actions with
 * the lowest role allowed to do each, and the badge lockout rule after wrong PINs, computed from
 * the attempt history. Pure: no clock (time comes in), no store, no I/O. */
#ifndef STIEL_CORE_ACCESS_H
#define STIEL_CORE_ACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Ordered: a higher role may do everything a lower one may. */
typedef enum access_role {
    ACCESS_ROLE_TRAINEE = 0,
    ACCESS_ROLE_COACH,
    ACCESS_ROLE_SUPERVISOR,
    ACCESS_ROLE_COUNT
} access_role;

/* The staff actions. ACCESS_LOGIN is only identifying as staff (any staff role). */
typedef enum access_action {
    ACCESS_LOGIN = 0,
    ACCESS_LEVEL_CHANGE,        /* set a trainee's service level */
    ACCESS_SIGN_OFF,            /* sign off a competency */
    ACCESS_OBSERVATION,         /* record a coach observation */
    ACCESS_PROMPT_ENTRY,        /* record the help just given on the floor */
    ACCESS_ERASE,               /* privacy erasure of a trainee */
    ACCESS_IMPORT,              /* import catalogue and orders */
    ACCESS_PRINT_SETUP_LABELS,  /* print location, item, tote and badge labels */
    ACCESS_EXPORT_DOSSIER,      /* write the dossier or a credential */
    ACCESS_CHANGE_PIN,          /* change one's own PIN (the old one is required) */
    ACCESS_RESET_PIN,           /* set another staff member's PIN */
    ACCESS_ADD_STAFF,           /* add a coach or supervisor */
    ACCESS_EXIT_KIOSK,          /* leave the full-screen kiosk */
    ACCESS_TRAINEE_PIN,         /* set or reset a trainee's name-list PIN */
    ACCESS_ACTION_COUNT
} access_action;

/* "trainee", "coach", "supervisor"; NULL when out of range. */
const char *access_role_name(access_role role);

/* The role named name ("coach", ...); false when it names none. */
bool access_role_parse(const char *name, access_role *out);

/* The action's stable name, used in evidence events ("sign_off", "erase"...); NULL when out of
 * range. */
const char *access_action_name(access_action action);

/* The action named name; false when it names none. */
bool access_action_parse(const char *name, access_action *out);

/* The lowest role allowed to do action (ACCESS_ROLE_COUNT when out of range: nobody). */
access_role access_action_min_role(access_action action);

/* True when role may do action: role >= its minimum role and role is a staff role (a trainee is
 * never allowed a staff action, ACCESS_LOGIN included). False for anything out of range. */
bool access_allowed(access_role role, access_action action);

/* ---- lockout ----------------------------------------------------------------------------------
 * After ACCESS_LOCK_AFTER wrong PINs in a row (since the last right one) the badge is locked
 * for ACCESS_LOCK_FIRST_MS after the last wrong PIN; each further wrong PIN (one try is allowed
 * once a lock has run out) locks it again for twice as long, up to ACCESS_LOCK_MAX_MS. Attempts
 * refused during a lock check no PIN and neither count nor extend the lock. A right PIN ends the
 * series. */
enum {
    ACCESS_LOCK_AFTER = 5,
    ACCESS_LOCK_FIRST_MS = 30 * 1000,
    ACCESS_LOCK_MAX_MS = 15 * 60 * 1000
};

/* One PIN check in the history: when, and whether the PIN was right. */
typedef struct access_attempt {
    int64_t ts_ms;
    bool ok;
} access_attempt;

typedef struct access_lockout {
    unsigned failures;      /* wrong PINs since the last right one */
    bool locked;            /* a PIN may not be checked now */
    int64_t until_ms;       /* when the current (or last) lock ends; 0 when none */
    int64_t remaining_ms;   /* until_ms - now_ms while locked, else 0 */
    int64_t delay_ms;       /* length of the current (or last) lock; 0 when none */
} access_lockout;

/* The lock length after `failures` wrong PINs in a row: 0 below ACCESS_LOCK_AFTER, then
 * 30 s, 60 s, 120 s ... capped at 15 min. */
int64_t access_lock_delay_ms(unsigned failures);

/* Evaluates the history h[0..n-1] (PIN checks only, in time order, oldest first; NULL when n is
 * 0) at now_ms into *out. */
void access_lockout_eval(const access_attempt *h, size_t n, int64_t now_ms, access_lockout *out);

#endif
