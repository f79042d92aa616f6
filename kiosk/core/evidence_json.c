/* Evidence records to JSON (a small writer in field order) and back (cJSON), plus the payloads
 * of coach observations, sign-offs and issued dossiers. The field names are the EVIDENCE_F_*
 * macros. */
#include "kiosk/core/evidence_json.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const flow_names[EVIDENCE_FLOW_COUNT] = {"pick", "pack"};

/* Same order as the PICK_ERR_* / PACK_ERR_* bits. */
static const char *const pick_err_names[] = {
    "wrong_location", "wrong_item", "lookalike", "unknown_barcode", "over_pick", "wrong_qty",
    "wrong_tote", "out_of_order", "undo",
};
static const char *const pack_err_names[] = {
    "wrong_order", "wrong_item", "lookalike", "unknown_barcode", "too_many", "box_too_small",
    "label_mismatch", "out_of_order",
};
static const char *const hint_names[] = {"photo", "highlight", "spoken"};
enum { PICK_ERR_NAMES = sizeof pick_err_names / sizeof pick_err_names[0],
       PACK_ERR_NAMES = sizeof pack_err_names / sizeof pack_err_names[0],
       HINT_NAMES = sizeof hint_names / sizeof hint_names[0] };

const char *evidence_flow_name(evidence_flow flow)
{
    return (unsigned)flow < EVIDENCE_FLOW_COUNT ? flow_names[flow] : "?";
}

const char *evidence_error_name(evidence_flow flow, unsigned bit)
{
    if (flow == EVIDENCE_FLOW_PICK)
        return bit < PICK_ERR_NAMES ? pick_err_names[bit] : NULL;
    if (flow == EVIDENCE_FLOW_PACK)
        return bit < PACK_ERR_NAMES ? pack_err_names[bit] : NULL;
    return NULL;
}

void evidence_from_pick(const pick_evidence *in, evidence_record *out)
{
    memset(out, 0, sizeof *out);
    out->flow = EVIDENCE_FLOW_PICK;
    out->seq = in->seq;
    snprintf(out->trainee, sizeof out->trainee, "%s", in->trainee);
    out->level = in->level;
    snprintf(out->task, sizeof out->task, "%s", in->task);
    out->line = in->line;
    snprintf(out->step, sizeof out->step, "%s", pick_step_name(in->step));
    snprintf(out->expected, sizeof out->expected, "%s", in->expected);
    snprintf(out->scanned, sizeof out->scanned, "%s", in->scanned);
    out->result = in->result;
    out->errors = in->errors;
    out->error_kinds = in->error_kinds;
    out->kiosk_help = in->kiosk_help;
    out->coach_help = in->coach_help;
    out->short_reason = in->short_reason;
    out->drill = in->drill;
    out->units = in->picked;
    out->duration_ms = in->duration_ms;
    out->at_ms = in->at_ms;
    snprintf(out->device, sizeof out->device, "%s", in->device);
}

stiel_status evidence_kind(const evidence_record *r, char *out, size_t cap)
{
    if (!r || (unsigned)r->flow >= EVIDENCE_FLOW_COUNT || !r->step[0] || !out)
        return STIEL_ERR_ARG;
    int n = snprintf(out, cap, EVIDENCE_KIND_STEP_PREFIX "%s.%s", flow_names[r->flow], r->step);
    if (n < 0 || (size_t)n >= cap) {
        if (cap)
            out[0] = '\0';
        return STIEL_ERR_NOSPACE;
    }
    return STIEL_OK;
}

/* ---- writing ------------------------------------------------------------------------------- */

stiel_status evidence_json_string(stiel_buf *out, const char *s)
{
    stiel_status st = stiel_buf_puts(out, "\"");
    for (const unsigned char *p = (const unsigned char *)s; st == STIEL_OK && *p; p++) {
        if (*p == '"' || *p == '\\') {
            char esc[3] = {'\\', (char)*p, '\0'};
            st = stiel_buf_puts(out, esc);
        } else if (*p < 0x20) {
            st = stiel_buf_printf(out, "\\u%04x", *p);
        } else {
            st = stiel_buf_append(out, p, 1);
        }
    }
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, "\"");
    return st;
}

static stiel_status put_str(stiel_buf *out, bool *first, const char *key, const char *value)
{
    stiel_status st = stiel_buf_printf(out, "%s\"%s\":", *first ? "" : ",", key);
    *first = false;
    return st == STIEL_OK ? evidence_json_string(out, value) : st;
}

static stiel_status put_uint(stiel_buf *out, bool *first, const char *key, uint64_t value)
{
    stiel_status st = stiel_buf_printf(out, "%s\"%s\":%llu", *first ? "" : ",", key,
                                       (unsigned long long)value);
    *first = false;
    return st;
}

static stiel_status put_bits(stiel_buf *out, bool *first, const char *key, unsigned bits,
                             const char *const *names, size_t count)
{
    stiel_status st = stiel_buf_printf(out, "%s\"%s\":[", *first ? "" : ",", key);
    *first = false;
    bool one = false;
    for (size_t i = 0; st == STIEL_OK && i < count; i++) {
        if (!(bits & (1u << i)))
            continue;
        st = stiel_buf_printf(out, "%s\"%s\"", one ? "," : "", names[i]);
        one = true;
    }
    return st == STIEL_OK ? stiel_buf_puts(out, "]") : st;
}

stiel_status evidence_json_write(const evidence_record *r, stiel_buf *out)
{
    if (!r || !out || (unsigned)r->flow >= EVIDENCE_FLOW_COUNT ||
        (unsigned)r->result > PICK_RESULT_DONE_BY_COACH ||
        (unsigned)r->coach_help >= PICK_PROMPT_COUNT ||
        (unsigned)r->short_reason > PICK_SHORT_OTHER_ITEM ||
        (unsigned)r->drill > DRILL_LOOKALIKE)
        return STIEL_ERR_ARG;
    bool pick = r->flow == EVIDENCE_FLOW_PICK;
    bool first = true;
    stiel_status st = stiel_buf_puts(out, "{");
    if (st == STIEL_OK)
        st = put_str(out, &first, EVIDENCE_F_FLOW, flow_names[r->flow]);
    if (st == STIEL_OK)
        st = put_uint(out, &first, EVIDENCE_F_SEQ, r->seq);
    if (st == STIEL_OK)
        st = put_str(out, &first, EVIDENCE_F_TRAINEE, r->trainee);
    if (st == STIEL_OK)
        st = put_uint(out, &first, EVIDENCE_F_LEVEL, r->level);
    if (st == STIEL_OK)
        st = put_str(out, &first, EVIDENCE_F_TASK, r->task);
    if (st == STIEL_OK && r->session[0])
        st = put_str(out, &first, EVIDENCE_F_SESSION, r->session);
    if (st == STIEL_OK)
        st = put_uint(out, &first, EVIDENCE_F_LINE, r->line);
    if (st == STIEL_OK)
        st = put_str(out, &first, EVIDENCE_F_STEP, r->step);
    if (st == STIEL_OK)
        st = put_str(out, &first, EVIDENCE_F_EXPECTED, r->expected);
    if (st == STIEL_OK)
        st = put_str(out, &first, EVIDENCE_F_SCANNED, r->scanned);
    if (st == STIEL_OK)
        st = put_str(out, &first, EVIDENCE_F_RESULT, pick_result_name(r->result));
    if (st == STIEL_OK)
        st = put_uint(out, &first, EVIDENCE_F_ERRORS, r->errors);
    if (st == STIEL_OK)
        st = put_bits(out, &first, EVIDENCE_F_ERROR_KINDS, r->error_kinds,
                      pick ? pick_err_names : pack_err_names,
                      pick ? PICK_ERR_NAMES : PACK_ERR_NAMES);
    if (st == STIEL_OK)
        st = put_bits(out, &first, EVIDENCE_F_KIOSK_HELP, r->kiosk_help, hint_names, HINT_NAMES);
    if (st == STIEL_OK)
        st = put_str(out, &first, EVIDENCE_F_COACH_HELP, pick_prompt_name(r->coach_help));
    if (st == STIEL_OK && pick)
        st = put_str(out, &first, EVIDENCE_F_SHORT, pick_short_name(r->short_reason));
    if (st == STIEL_OK && pick)
        st = put_str(out, &first, EVIDENCE_F_DRILL, pick_drill_name(r->drill));
    if (st == STIEL_OK)
        st = put_uint(out, &first, EVIDENCE_F_UNITS, r->units);
    if (st == STIEL_OK && !pick)
        st = put_str(out, &first, EVIDENCE_F_ORDER_NO, r->order_no);
    if (st == STIEL_OK && !pick)
        st = put_str(out, &first, EVIDENCE_F_BOX, r->box);
    if (st == STIEL_OK && !pick)
        st = put_str(out, &first, EVIDENCE_F_SSCC, r->sscc);
    if (st == STIEL_OK)
        st = put_uint(out, &first, EVIDENCE_F_DURATION_MS, r->duration_ms);
    if (st == STIEL_OK)
        st = put_uint(out, &first, EVIDENCE_F_AT_MS, r->at_ms);
    if (st == STIEL_OK)
        st = put_str(out, &first, EVIDENCE_F_DEVICE, r->device);
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, "}");
    return st;
}

/* ---- parsing ------------------------------------------------------------------------------- */

typedef struct parser {
    const cJSON *root;
    const char *what;     /* "evidence", "observation", "sign-off" */
    stiel_diag *diag;
    stiel_status st;
} parser;

static void fail(parser *p, stiel_status code, const char *key, const char *why)
{
    if (p->st != STIEL_OK)
        return;
    p->st = code;
    stiel_diag_set(p->diag, code, "%s payload: field \"%s\" %s", p->what, key, why);
}

static const cJSON *field(parser *p, const char *key, bool required)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(p->root, key);
    if (!v && required)
        fail(p, STIEL_ERR_MISSING, key, "is missing");
    return v;
}

static void get_text(parser *p, const char *key, bool required, char *dst, size_t cap)
{
    const cJSON *v = field(p, key, required);
    if (!v || p->st != STIEL_OK)
        return;
    if (!cJSON_IsString(v) || !v->valuestring) {
        fail(p, STIEL_ERR_SYNTAX, key, "is not a string");
        return;
    }
    size_t n = strlen(v->valuestring);
    if (n >= cap) {
        fail(p, STIEL_ERR_OVERLONG, key, "is too long");
        return;
    }
    memcpy(dst, v->valuestring, n + 1);
}

static uint64_t get_uint(parser *p, const char *key, double max)
{
    const cJSON *v = field(p, key, true);
    if (!v || p->st != STIEL_OK)
        return 0;
    if (!cJSON_IsNumber(v)) {
        fail(p, STIEL_ERR_SYNTAX, key, "is not a number");
        return 0;
    }
    double d = v->valuedouble;
    if (d < 0 || d > max || floor(d) != d) {
        fail(p, STIEL_ERR_SYNTAX, key, "is not a whole number in range");
        return 0;
    }
    return (uint64_t)d;
}

static int lookup(const char *text, const char *const *names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (names[i] && strcmp(names[i], text) == 0)
            return (int)i;
    return -1;
}

/* Reads a text field that must be one of names[0..count). */
static int get_enum(parser *p, const char *key, const char *const *names, size_t count)
{
    char text[48] = "";
    get_text(p, key, true, text, sizeof text);
    if (p->st != STIEL_OK)
        return 0;
    int i = lookup(text, names, count);
    if (i < 0) {
        fail(p, STIEL_ERR_SYNTAX, key, "holds a name this stiel does not know");
        return 0;
    }
    return i;
}

static unsigned get_bits(parser *p, const char *key, const char *const *names, size_t count)
{
    const cJSON *v = field(p, key, true);
    if (!v || p->st != STIEL_OK)
        return 0;
    if (!cJSON_IsArray(v)) {
        fail(p, STIEL_ERR_SYNTAX, key, "is not an array");
        return 0;
    }
    unsigned bits = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, v)
    {
        int i = cJSON_IsString(e) && e->valuestring ? lookup(e->valuestring, names, count) : -1;
        if (i < 0) {
            fail(p, STIEL_ERR_SYNTAX, key, "holds a name this stiel does not know");
            return 0;
        }
        bits |= 1u << i;
    }
    return bits;
}

static stiel_status parse_begin(parser *p, const char *what, const char *json, size_t len,
                                stiel_diag *diag)
{
    p->what = what;
    p->diag = diag;
    p->st = STIEL_OK;
    p->root = json ? cJSON_ParseWithLength(json, len) : NULL;
    if (!p->root)
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "%s payload is not valid JSON", what);
    if (!cJSON_IsObject(p->root)) {
        cJSON_Delete((cJSON *)p->root);
        p->root = NULL;
        return stiel_diag_set(diag, STIEL_ERR_SYNTAX, "%s payload is not a JSON object", what);
    }
    return STIEL_OK;
}

stiel_status evidence_json_parse(const char *json, size_t len, evidence_record *out,
                                 stiel_diag *diag)
{
    if (!out)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no record to parse into");
    memset(out, 0, sizeof *out);
    parser p;
    stiel_status st = parse_begin(&p, "evidence", json, len, diag);
    if (st != STIEL_OK)
        return st;
    static const char *const results[] = {"right_first_time", "corrected", "skipped",
                                          "done_by_coach"};
    const char *prompts[PICK_PROMPT_COUNT];
    for (int i = 0; i < PICK_PROMPT_COUNT; i++)
        prompts[i] = pick_prompt_name((pick_prompt)i);
    static const char *const shorts[] = {"none", "empty", "damaged", "not_found", "other_item"};
    static const char *const drills[] = {"none", "empty", "damaged", "lookalike"};

    evidence_record r;
    memset(&r, 0, sizeof r);
    r.flow = (evidence_flow)get_enum(&p, EVIDENCE_F_FLOW, flow_names, EVIDENCE_FLOW_COUNT);
    bool pick = r.flow == EVIDENCE_FLOW_PICK;
    r.seq = (unsigned)get_uint(&p, EVIDENCE_F_SEQ, 4294967295.0);
    get_text(&p, EVIDENCE_F_TRAINEE, true, r.trainee, sizeof r.trainee);
    r.level = (unsigned)get_uint(&p, EVIDENCE_F_LEVEL, LEVELS_MAX);
    get_text(&p, EVIDENCE_F_TASK, true, r.task, sizeof r.task);
    get_text(&p, EVIDENCE_F_SESSION, false, r.session, sizeof r.session);
    r.line = (unsigned)get_uint(&p, EVIDENCE_F_LINE, 4294967295.0);
    get_text(&p, EVIDENCE_F_STEP, true, r.step, sizeof r.step);
    get_text(&p, EVIDENCE_F_EXPECTED, true, r.expected, sizeof r.expected);
    get_text(&p, EVIDENCE_F_SCANNED, true, r.scanned, sizeof r.scanned);
    r.result = (pick_result)get_enum(&p, EVIDENCE_F_RESULT, results, 4);
    r.errors = (unsigned)get_uint(&p, EVIDENCE_F_ERRORS, 4294967295.0);
    r.error_kinds = get_bits(&p, EVIDENCE_F_ERROR_KINDS, pick ? pick_err_names : pack_err_names,
                             pick ? PICK_ERR_NAMES : PACK_ERR_NAMES);
    r.kiosk_help = get_bits(&p, EVIDENCE_F_KIOSK_HELP, hint_names, HINT_NAMES);
    r.coach_help = (pick_prompt)get_enum(&p, EVIDENCE_F_COACH_HELP, prompts, PICK_PROMPT_COUNT);
    if (pick) {
        r.short_reason = (pick_short)get_enum(&p, EVIDENCE_F_SHORT, shorts, 5);
        r.drill = (pick_drill)get_enum(&p, EVIDENCE_F_DRILL, drills, 4);
    }
    r.units = (unsigned)get_uint(&p, EVIDENCE_F_UNITS, 4294967295.0);
    if (!pick) {
        get_text(&p, EVIDENCE_F_ORDER_NO, true, r.order_no, sizeof r.order_no);
        get_text(&p, EVIDENCE_F_BOX, true, r.box, sizeof r.box);
        get_text(&p, EVIDENCE_F_SSCC, true, r.sscc, sizeof r.sscc);
    }
    r.duration_ms = get_uint(&p, EVIDENCE_F_DURATION_MS, 9007199254740992.0);
    r.at_ms = get_uint(&p, EVIDENCE_F_AT_MS, 9007199254740992.0);
    get_text(&p, EVIDENCE_F_DEVICE, true, r.device, sizeof r.device);
    if (p.st == STIEL_OK && !r.step[0])
        fail(&p, STIEL_ERR_SYNTAX, EVIDENCE_F_STEP, "is empty");
    cJSON_Delete((cJSON *)p.root);
    if (p.st == STIEL_OK)
        *out = r;
    return p.st;
}

stiel_status evidence_observation_write(const evidence_observation *o, stiel_buf *out)
{
    if (!o || !out || !o->category[0])
        return STIEL_ERR_ARG;
    bool first = true;
    stiel_status st = stiel_buf_puts(out, "{");
    if (st == STIEL_OK)
        st = put_str(out, &first, EVIDENCE_F_CATEGORY, o->category);
    if (st == STIEL_OK)
        st = put_str(out, &first, EVIDENCE_F_OUTCOME, o->positive ? "positive" : "concern");
    if (st == STIEL_OK && o->note[0])
        st = put_str(out, &first, EVIDENCE_F_NOTE, o->note);
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, "}");
    return st;
}

stiel_status evidence_observation_parse(const char *json, size_t len, evidence_observation *out,
                                        stiel_diag *diag)
{
    if (!out)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no observation to parse into");
    memset(out, 0, sizeof *out);
    parser p;
    stiel_status st = parse_begin(&p, "observation", json, len, diag);
    if (st != STIEL_OK)
        return st;
    static const char *const outcomes[] = {"concern", "positive"};
    evidence_observation o;
    memset(&o, 0, sizeof o);
    get_text(&p, EVIDENCE_F_CATEGORY, true, o.category, sizeof o.category);
    o.positive = get_enum(&p, EVIDENCE_F_OUTCOME, outcomes, 2) == 1;
    get_text(&p, EVIDENCE_F_NOTE, false, o.note, sizeof o.note);
    if (p.st == STIEL_OK && !o.category[0])
        fail(&p, STIEL_ERR_SYNTAX, EVIDENCE_F_CATEGORY, "is empty");
    cJSON_Delete((cJSON *)p.root);
    if (p.st == STIEL_OK)
        *out = o;
    return p.st;
}

stiel_status evidence_signoff_write(const evidence_signoff *s, stiel_buf *out)
{
    if (!s || !out || !s->competency[0])
        return STIEL_ERR_ARG;
    bool first = true;
    stiel_status st = stiel_buf_puts(out, "{");
    if (st == STIEL_OK)
        st = put_str(out, &first, EVIDENCE_F_COMPETENCY, s->competency);
    if (st == STIEL_OK && s->framework[0])
        st = put_str(out, &first, EVIDENCE_F_FRAMEWORK, s->framework);
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, "}");
    return st;
}

stiel_status evidence_signoff_parse(const char *json, size_t len, evidence_signoff *out,
                                    stiel_diag *diag)
{
    if (!out)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no sign-off to parse into");
    memset(out, 0, sizeof *out);
    parser p;
    stiel_status st = parse_begin(&p, "sign-off", json, len, diag);
    if (st != STIEL_OK)
        return st;
    evidence_signoff s;
    memset(&s, 0, sizeof s);
    get_text(&p, EVIDENCE_F_COMPETENCY, true, s.competency, sizeof s.competency);
    get_text(&p, EVIDENCE_F_FRAMEWORK, false, s.framework, sizeof s.framework);
    if (p.st == STIEL_OK && !s.competency[0])
        fail(&p, STIEL_ERR_SYNTAX, EVIDENCE_F_COMPETENCY, "is empty");
    cJSON_Delete((cJSON *)p.root);
    if (p.st == STIEL_OK)
        *out = s;
    return p.st;
}

/* ---- dossier.issued ------------------------------------------------------------------------ */

bool evidence_hex_valid(const char *s)
{
    if (!s)
        return false;
    size_t n = 0;
    for (; s[n]; n++)
        if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
            return false;
    return n == EVIDENCE_HEX_LEN;
}

static bool dossier_valid(const evidence_dossier *d)
{
    if (!d->trainee[0] || !d->format[0] || !evidence_hex_valid(d->code) ||
        d->chain_count > EVIDENCE_DOSSIER_CHAINS_MAX)
        return false;
    for (size_t i = 0; i < d->chain_count; i++)
        if (!d->chains[i].kiosk[0] || d->chains[i].seq < 1 ||
            !evidence_hex_valid(d->chains[i].hash))
            return false;
    return true;
}

stiel_status evidence_dossier_write(const evidence_dossier *d, stiel_buf *out)
{
    if (!d || !out || !dossier_valid(d))
        return STIEL_ERR_ARG;
    bool first = true;
    stiel_status st = stiel_buf_puts(out, "{");
    if (st == STIEL_OK)
        st = put_str(out, &first, EVIDENCE_F_TRAINEE, d->trainee);
    if (st == STIEL_OK)
        st = put_str(out, &first, EVIDENCE_F_PERIOD_FROM, d->from);
    if (st == STIEL_OK)
        st = put_str(out, &first, EVIDENCE_F_PERIOD_TO, d->to);
    if (st == STIEL_OK)
        st = put_str(out, &first, EVIDENCE_F_FORMAT, d->format);
    if (st == STIEL_OK)
        st = stiel_buf_printf(out, ",\"%s\":%s", EVIDENCE_F_WITH_NAMES,
                              d->with_names ? "true" : "false");
    if (st == STIEL_OK)
        st = put_str(out, &first, EVIDENCE_F_CODE, d->code);
    if (st == STIEL_OK)
        st = stiel_buf_printf(out, ",\"%s\":[", EVIDENCE_F_CHAINS);
    for (size_t i = 0; st == STIEL_OK && i < d->chain_count; i++) {
        const evidence_dossier_chain *c = &d->chains[i];
        bool cfirst = true;
        st = stiel_buf_puts(out, i ? ",{" : "{");
        if (st == STIEL_OK)
            st = put_str(out, &cfirst, EVIDENCE_F_KIOSK, c->kiosk);
        if (st == STIEL_OK)
            st = put_uint(out, &cfirst, EVIDENCE_F_CHAIN_SEQ, (uint64_t)c->seq);
        if (st == STIEL_OK)
            st = put_str(out, &cfirst, EVIDENCE_F_HASH, c->hash);
        if (st == STIEL_OK)
            st = stiel_buf_puts(out, "}");
    }
    if (st == STIEL_OK)
        st = stiel_buf_puts(out, "]}");
    return st;
}

/* Reads one hex field (64 lowercase hex digits) of p's object. */
static void get_hex(parser *p, const char *key, char dst[EVIDENCE_HEX_LEN + 1])
{
    char text[EVIDENCE_HEX_LEN + 1] = "";
    get_text(p, key, true, text, sizeof text);
    if (p->st == STIEL_OK && !evidence_hex_valid(text))
        fail(p, STIEL_ERR_SYNTAX, key, "is not 64 lowercase hex digits");
    if (p->st == STIEL_OK)
        memcpy(dst, text, sizeof text);
}

/* Reads one element of "chains" (the object el) into c; on error the message names it. */
static void get_chain(parser *p, const cJSON *el, size_t i, evidence_dossier_chain *c)
{
    char what[48];
    snprintf(what, sizeof what, "dossier chain %zu", i + 1);
    if (!cJSON_IsObject(el)) {
        fail(p, STIEL_ERR_SYNTAX, EVIDENCE_F_CHAINS, "holds an element that is not an object");
        return;
    }
    parser q = {.root = el, .what = what, .diag = p->diag, .st = STIEL_OK};
    get_text(&q, EVIDENCE_F_KIOSK, true, c->kiosk, sizeof c->kiosk);
    if (q.st == STIEL_OK && !c->kiosk[0])
        fail(&q, STIEL_ERR_SYNTAX, EVIDENCE_F_KIOSK, "is empty");
    uint64_t seq = get_uint(&q, EVIDENCE_F_CHAIN_SEQ, 9007199254740991.0);
    if (q.st == STIEL_OK && seq < 1)
        fail(&q, STIEL_ERR_SYNTAX, EVIDENCE_F_CHAIN_SEQ, "is below 1");
    c->seq = (int64_t)seq;
    get_hex(&q, EVIDENCE_F_HASH, c->hash);
    p->st = q.st;
}

stiel_status evidence_dossier_parse(const char *json, size_t len, evidence_dossier *out,
                                    stiel_diag *diag)
{
    if (!out)
        return stiel_diag_set(diag, STIEL_ERR_ARG, "no dossier to parse into");
    memset(out, 0, sizeof *out);
    parser p;
    stiel_status st = parse_begin(&p, "dossier", json, len, diag);
    if (st != STIEL_OK)
        return st;
    evidence_dossier dd;
    memset(&dd, 0, sizeof dd);
    evidence_dossier *d = &dd;
    get_text(&p, EVIDENCE_F_TRAINEE, true, d->trainee, sizeof d->trainee);
    get_text(&p, EVIDENCE_F_PERIOD_FROM, true, d->from, sizeof d->from);
    get_text(&p, EVIDENCE_F_PERIOD_TO, true, d->to, sizeof d->to);
    get_text(&p, EVIDENCE_F_FORMAT, true, d->format, sizeof d->format);
    if (p.st == STIEL_OK && !d->trainee[0])
        fail(&p, STIEL_ERR_SYNTAX, EVIDENCE_F_TRAINEE, "is empty");
    if (p.st == STIEL_OK && !d->format[0])
        fail(&p, STIEL_ERR_SYNTAX, EVIDENCE_F_FORMAT, "is empty");
    const cJSON *names = field(&p, EVIDENCE_F_WITH_NAMES, true);
    if (p.st == STIEL_OK && !cJSON_IsBool(names))
        fail(&p, STIEL_ERR_SYNTAX, EVIDENCE_F_WITH_NAMES, "is not true or false");
    d->with_names = p.st == STIEL_OK && cJSON_IsTrue(names);
    get_hex(&p, EVIDENCE_F_CODE, d->code);
    const cJSON *chains = field(&p, EVIDENCE_F_CHAINS, true);
    if (p.st == STIEL_OK && !cJSON_IsArray(chains))
        fail(&p, STIEL_ERR_SYNTAX, EVIDENCE_F_CHAINS, "is not an array");
    if (p.st == STIEL_OK && cJSON_GetArraySize(chains) > EVIDENCE_DOSSIER_CHAINS_MAX)
        fail(&p, STIEL_ERR_OVERLONG, EVIDENCE_F_CHAINS, "names more chains than a dossier can");
    const cJSON *el;
    if (p.st == STIEL_OK) {
        cJSON_ArrayForEach(el, chains)
        {
            if (p.st != STIEL_OK)
                break;
            get_chain(&p, el, d->chain_count, &d->chains[d->chain_count]);
            d->chain_count++;
        }
    }
    cJSON_Delete((cJSON *)p.root);
    if (p.st == STIEL_OK)
        *out = dd;
    return p.st;
}
