/* libFuzzer target for the evidence payload readers (kiosk/core/evidence_json.h); the first byte
 * picks one: a flow record, a coach observation or a competency sign-off. What parses writes back
 * to JSON that parses to the same record and writes the same bytes. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "kiosk/core/evidence_json.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void same_bytes(const stiel_buf *a, const stiel_buf *b)
{
    CHECK(a->len == b->len && memcmp(a->data, b->data, a->len) == 0);
}

static void fuzz_record(const char *json, size_t len)
{
    static evidence_record r, back;
    stiel_diag diag;
    stiel_status st = evidence_json_parse(json, len, &r, &diag);
    if (st != STIEL_OK) {
        CHECK(diag.code == st && diag.text[0] != '\0');
        return;
    }
    char kind[EVIDENCE_KIND_MAX + 1];
    st = evidence_kind(&r, kind, sizeof kind);
    CHECK(st == STIEL_OK || st == STIEL_ERR_NOSPACE || (st == STIEL_ERR_ARG && r.step[0] == '\0'));
    stiel_buf a, b;
    stiel_buf_init(&a, 0);
    stiel_buf_init(&b, 0);
    CHECK(evidence_json_write(&r, &a) == STIEL_OK);
    CHECK(evidence_json_parse((const char *)a.data, a.len, &back, &diag) == STIEL_OK);
    CHECK(memcmp(&r, &back, sizeof r) == 0);
    CHECK(evidence_json_write(&back, &b) == STIEL_OK);
    same_bytes(&a, &b);
    stiel_buf_free(&a);
    stiel_buf_free(&b);
}

static void fuzz_observation(const char *json, size_t len)
{
    static evidence_observation o, back;
    stiel_diag diag;
    stiel_status st = evidence_observation_parse(json, len, &o, &diag);
    if (st != STIEL_OK) {
        CHECK(diag.code == st);
        return;
    }
    stiel_buf a, b;
    stiel_buf_init(&a, 0);
    stiel_buf_init(&b, 0);
    CHECK(evidence_observation_write(&o, &a) == STIEL_OK);
    CHECK(evidence_observation_parse((const char *)a.data, a.len, &back, &diag) == STIEL_OK);
    CHECK(strcmp(o.category, back.category) == 0 && o.positive == back.positive &&
          strcmp(o.note, back.note) == 0);
    CHECK(evidence_observation_write(&back, &b) == STIEL_OK);
    same_bytes(&a, &b);
    stiel_buf_free(&a);
    stiel_buf_free(&b);
}

static void fuzz_signoff(const char *json, size_t len)
{
    static evidence_signoff s, back;
    stiel_diag diag;
    stiel_status st = evidence_signoff_parse(json, len, &s, &diag);
    if (st != STIEL_OK) {
        CHECK(diag.code == st);
        return;
    }
    stiel_buf a, b;
    stiel_buf_init(&a, 0);
    stiel_buf_init(&b, 0);
    CHECK(evidence_signoff_write(&s, &a) == STIEL_OK);
    CHECK(evidence_signoff_parse((const char *)a.data, a.len, &back, &diag) == STIEL_OK);
    CHECK(strcmp(s.competency, back.competency) == 0 && strcmp(s.framework, back.framework) == 0);
    CHECK(evidence_signoff_write(&back, &b) == STIEL_OK);
    same_bytes(&a, &b);
    stiel_buf_free(&a);
    stiel_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 65536)
        return 0;
    const char *json = (const char *)data + 1;
    size_t len = size - 1;
    switch (data[0] % 3) {
    case 0: fuzz_record(json, len); break;
    case 1: fuzz_observation(json, len); break;
    default: fuzz_signoff(json, len); break;
    }
    return 0;
}
