/* Issuing Open Badges credentials from the evidence store: finds the competency in the
 * frameworks of assets/competencies, evaluates its criteria over the trainee's evidence summary,
 * and builds the signed credential for a standing sign-off. */
#ifndef STIEL_KIOSK_APP_CREDENTIAL_ISSUE_H
#define STIEL_KIOSK_APP_CREDENTIAL_ISSUE_H

#include "kiosk/app/credential.h"
#include "kiosk/core/competency.h"
#include "kiosk/store/store.h"

enum { CREDENTIAL_FRAMEWORKS_MAX = 8 };

/* Every framework of DIR/competencies/ *.ini, by file name. */
typedef struct credential_frameworks {
    competency_framework items[CREDENTIAL_FRAMEWORKS_MAX];
    size_t count;
} credential_frameworks;

/* Loads the frameworks (out is large: allocate it). STIEL_ERR_IO / the parser's status with the
 * first problem in diag. */
stiel_status credential_frameworks_load(const char *assets, credential_frameworks *out,
                                        stiel_diag *diag);

/* The competency with this id in any framework (*fw_out: its framework), or NULL. */
const competency_def *credential_frameworks_find(const credential_frameworks *fws, const char *id,
                                                 const competency_framework **fw_out);

/* Evaluates competency def (of fw) for trainee_id over the store's evidence summary and coach
 * observations (competency_evaluate) into *out. */
stiel_status credential_competency_eval(store *s, const char *trainee_id,
                                        const competency_framework *fw,
                                        const competency_def *def, competency_result *out,
                                        stiel_diag *diag);

typedef struct credential_issue_opts {
    const credential_key *key;
    const char *issuer_name;
    bool with_names;         /* the trainee's display name (and coach's) in the credential */
    int64_t now_ms;
} credential_issue_opts;

/* Builds and signs the credential of def for trainee_id. STIEL_ERR_NOT_FOUND (diag "not signed
 * off yet") when no standing sign-off names it; STIEL_ERR_STATE for an erased trainee. */
stiel_status credential_issue(store *s, const credential_issue_opts *o, const char *trainee_id,
                              const competency_framework *fw, const competency_def *def,
                              cJSON **out, stiel_diag *diag);

/* ISO 8601 UTC with seconds ("2024-05-01T10:00:00Z") of ms since the epoch. */
void credential_time_text(int64_t ms, char out[24]);

#endif
