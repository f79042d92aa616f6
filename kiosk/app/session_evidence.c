/* Pack flow records flattened into the shared evidence record (evidence_json.h), the pack
 * counterpart of evidence_from_pick. */
#include "kiosk/app/session_internal.h"

#include <stdio.h>
#include <string.h>

void session_evidence_from_pack(const pack_evidence *in, evidence_record *out)
{
    memset(out, 0, sizeof *out);
    out->flow = EVIDENCE_FLOW_PACK;
    out->seq = in->seq;
    snprintf(out->trainee, sizeof out->trainee, "%s", in->trainee);
    out->level = in->level;
    snprintf(out->task, sizeof out->task, "%s", in->task);
    out->line = in->line;
    const char *step = in->kind == PACK_REC_REPRINT       ? "reprint"
                       : in->kind == PACK_REC_SSCC_VOIDED ? "sscc_voided"
                                                          : pack_step_name(in->step);
    snprintf(out->step, sizeof out->step, "%s", step);
    snprintf(out->expected, sizeof out->expected, "%s", in->expected);
    snprintf(out->scanned, sizeof out->scanned, "%s", in->scanned);
    out->result = in->result;
    out->errors = in->errors;
    out->error_kinds = in->error_kinds;
    out->kiosk_help = in->kiosk_help;
    out->coach_help = in->coach_help;
    out->units = in->packed;
    snprintf(out->order_no, sizeof out->order_no, "%s", in->order_no);
    snprintf(out->box, sizeof out->box, "%s", in->box);
    snprintf(out->sscc, sizeof out->sscc, "%s", in->sscc);
    out->duration_ms = in->duration_ms;
    out->at_ms = in->at_ms;
    snprintf(out->device, sizeof out->device, "%s", in->device);
}
