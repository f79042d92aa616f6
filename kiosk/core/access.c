/* Roles and staff actions (who may do what) and the badge lockout rule after wrong PINs.
 * Pure: the history and the time are passed in. */
#include "kiosk/core/access.h"

#include <string.h>

static const char *const role_names[ACCESS_ROLE_COUNT] = {
    [ACCESS_ROLE_TRAINEE] = "trainee",
    [ACCESS_ROLE_COACH] = "coach",
    [ACCESS_ROLE_SUPERVISOR] = "supervisor",
};

typedef struct action_def {
    const char *name;
    access_role min_role;
} action_def;

/* The role matrix. The enclave supervisor sets levels, erases, imports, sets up the practice
 * warehouse, manages staff and may leave the kiosk; a job coach (and so a supervisor) records
 * prompts and observations, signs off and exports the dossier. */
static const action_def actions[ACCESS_ACTION_COUNT] = {
    [ACCESS_LOGIN] = {"login", ACCESS_ROLE_COACH},
    [ACCESS_LEVEL_CHANGE] = {"level_change", ACCESS_ROLE_SUPERVISOR},
    [ACCESS_SIGN_OFF] = {"sign_off", ACCESS_ROLE_COACH},
    [ACCESS_OBSERVATION] = {"observation", ACCESS_ROLE_COACH},
    [ACCESS_PROMPT_ENTRY] = {"prompt_entry", ACCESS_ROLE_COACH},
    [ACCESS_ERASE] = {"erase", ACCESS_ROLE_SUPERVISOR},
    [ACCESS_IMPORT] = {"import", ACCESS_ROLE_SUPERVISOR},
    [ACCESS_PRINT_SETUP_LABELS] = {"print_setup_labels", ACCESS_ROLE_SUPERVISOR},
    [ACCESS_EXPORT_DOSSIER] = {"export_dossier", ACCESS_ROLE_COACH},
    [ACCESS_CHANGE_PIN] = {"change_pin", ACCESS_ROLE_COACH},
    [ACCESS_RESET_PIN] = {"reset_pin", ACCESS_ROLE_SUPERVISOR},
    [ACCESS_ADD_STAFF] = {"add_staff", ACCESS_ROLE_SUPERVISOR},
    [ACCESS_EXIT_KIOSK] = {"exit_kiosk", ACCESS_ROLE_SUPERVISOR},
    [ACCESS_TRAINEE_PIN] = {"trainee_pin", ACCESS_ROLE_COACH},
};

const char *access_role_name(access_role role)
{
    if ((unsigned)role >= ACCESS_ROLE_COUNT)
        return NULL;
    return role_names[role];
}

bool access_role_parse(const char *name, access_role *out)
{
    for (unsigned i = 0; name && i < ACCESS_ROLE_COUNT; i++) {
        if (strcmp(name, role_names[i]) == 0) {
            if (out)
                *out = (access_role)i;
            return true;
        }
    }
    return false;
}

const char *access_action_name(access_action action)
{
    if ((unsigned)action >= ACCESS_ACTION_COUNT)
        return NULL;
    return actions[action].name;
}

bool access_action_parse(const char *name, access_action *out)
{
    for (unsigned i = 0; name && i < ACCESS_ACTION_COUNT; i++) {
        if (strcmp(name, actions[i].name) == 0) {
            if (out)
                *out = (access_action)i;
            return true;
        }
    }
    return false;
}

access_role access_action_min_role(access_action action)
{
    if ((unsigned)action >= ACCESS_ACTION_COUNT)
        return ACCESS_ROLE_COUNT;
    return actions[action].min_role;
}

bool access_allowed(access_role role, access_action action)
{
    if ((unsigned)role >= ACCESS_ROLE_COUNT || (unsigned)action >= ACCESS_ACTION_COUNT)
        return false;
    if (role == ACCESS_ROLE_TRAINEE)
        return false;
    return role >= actions[action].min_role;
}

int64_t access_lock_delay_ms(unsigned failures)
{
    if (failures < ACCESS_LOCK_AFTER)
        return 0;
    int64_t d = ACCESS_LOCK_FIRST_MS;
    for (unsigned k = ACCESS_LOCK_AFTER; k < failures && d < ACCESS_LOCK_MAX_MS; k++)
        d *= 2;
    return d < ACCESS_LOCK_MAX_MS ? d : ACCESS_LOCK_MAX_MS;
}

void access_lockout_eval(const access_attempt *h, size_t n, int64_t now_ms, access_lockout *out)
{
    memset(out, 0, sizeof *out);
    int64_t last_fail = 0;
    for (size_t i = 0; h && i < n; i++) {
        if (h[i].ok) {
            out->failures = 0;
        } else {
            if (out->failures < UINT32_MAX)
                out->failures++;
            last_fail = h[i].ts_ms;
        }
    }
    out->delay_ms = access_lock_delay_ms(out->failures);
    if (out->delay_ms == 0)
        return;
    out->until_ms = last_fail + out->delay_ms;
    out->locked = now_ms < out->until_ms;
    out->remaining_ms = out->locked ? out->until_ms - now_ms : 0;
}
