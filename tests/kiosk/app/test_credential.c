/* Open Badges credentials: canonical JSON (RFC 8785 vectors: numbers, escapes, UTF-16 member
 * order; independent of key order and spacing), base58btc and did:key, the hub key file, and the
 * proof: verify passes; one changed byte at every position fails; another key fails; a
 * reformatted file fails unless allowed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "kiosk/app/credential.h"

static char *canon_of(const char *json)
{
    cJSON *v = cJSON_Parse(json);
    assert_non_null(v);
    stiel_buf b;
    stiel_buf_init(&b, 0);
    stiel_diag d;
    assert_int_equal(credential_canonical(v, &b, &d), STIEL_OK);
    cJSON_Delete(v);
    char *s = strdup((const char *)b.data);
    stiel_buf_free(&b);
    return s;
}

static void expect_canon(const char *json, const char *want)
{
    char *got = canon_of(json);
    assert_string_equal(got, want);
    free(got);
}

static void test_canonical_vectors(void **state)
{
    (void)state;
    /* RFC 8785 section 3.2.2 (the sample input and its canonical form) */
    expect_canon("{\n  \"numbers\": [333333333.33333329, 1E30, 4.50,\n 2e-3, 0.000000000000000000000000001],"
                 "\n  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\","
                 "\n  \"literals\": [null, true, false]\n}",
                 "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,"
                 "1e-27],\"string\":\"\xe2\x82\xac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    /* RFC 8785 section 3.2.3: member order by UTF-16 code units (the emoji's surrogates sort
     * before U+FB33, unlike code point order) */
    expect_canon("{\"\\u20ac\": \"Euro Sign\", \"\\r\": \"Carriage Return\", \"\\ufb33\": "
                 "\"Hebrew Letter Dalet With Dagesh\", \"1\": \"One\", \"\\ud83d\\ude00\": "
                 "\"Emoji: Grinning Face\", \"\\u0080\": \"Control\", \"\\u00f6\": "
                 "\"Latin Small Letter O With Diaeresis\"}",
                 "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\xc2\x80\":\"Control\","
                 "\"\xc3\xb6\":\"Latin Small Letter O With Diaeresis\",\"\xe2\x82\xac\":"
                 "\"Euro Sign\",\"\xf0\x9f\x98\x80\":\"Emoji: Grinning Face\",\"\xef\xac\xb3\":"
                 "\"Hebrew Letter Dalet With Dagesh\"}");
    /* ECMAScript number forms (RFC 8785 appendix B) */
    expect_canon("[0, -0, 1, -1, 1e21, 1e20, 1e-7, 1e-6, 123456789012345680000, 5e-324,"
                 " 1.7976931348623157e308, 9007199254740992, 0.1, -12.5e-3]",
                 "[0,0,1,-1,1e+21,100000000000000000000,1e-7,0.000001,123456789012345680000,"
                 "5e-324,1.7976931348623157e+308,9007199254740992,0.1,-0.0125]");
}

static void test_canonical_key_order(void **state)
{
    (void)state;
    char *a = canon_of("{\"b\":1,\"a\":{\"y\":[1,{\"q\":true,\"p\":null}],\"x\":\"s\"},\"c\":[]}");
    char *b = canon_of("{ \"c\" : [ ] ,\n\t\"a\":{\"x\":\"s\",\"y\":[1.0,{\"p\":null,\"q\":true}]},"
                       "\"b\":1e0}");
    assert_string_equal(a, b);
    assert_string_equal(a, "{\"a\":{\"x\":\"s\",\"y\":[1,{\"p\":null,\"q\":true}]},\"b\":1,\"c\":[]}");
    free(a);
    free(b);
}

static void test_canonical_errors(void **state)
{
    (void)state;
    stiel_buf b;
    stiel_buf_init(&b, 0);
    stiel_diag d;
    cJSON *v = cJSON_Parse("{\"a\":1,\"a\":2}");
    assert_int_equal(credential_canonical(v, &b, &d), STIEL_ERR_SYNTAX);
    assert_non_null(strstr(d.text, "twice"));
    cJSON_Delete(v);
    v = cJSON_Parse("[\"\xc3\x28\"]");
    assert_int_equal(credential_canonical(v, &b, &d), STIEL_ERR_CHARSET);
    cJSON_Delete(v);
    v = cJSON_Parse("{\"\xff\":1}");
    assert_int_equal(credential_canonical(v, &b, &d), STIEL_ERR_CHARSET);
    cJSON_Delete(v);
    stiel_buf_free(&b);
    /* a cap that is too small fails cleanly */
    stiel_buf small;
    stiel_buf_init(&small, 4);
    v = cJSON_Parse("{\"abc\":\"defgh\"}");
    assert_int_not_equal(credential_canonical(v, &small, &d), STIEL_OK);
    cJSON_Delete(v);
    stiel_buf_free(&small);
}

static void test_base58_did(void **state)
{
    (void)state;
    char out[64];
    assert_true(credential_base58_encode((const uint8_t *)"Hello World!", 12, out, sizeof out));
    assert_string_equal(out, "2NEpo7TZRRrLZSi2U");
    const uint8_t z[] = {0, 0, 0x28, 0x7f, 0xb4, 0xcd};
    assert_true(credential_base58_encode(z, sizeof z, out, sizeof out));
    assert_string_equal(out, "11233QC4");
    uint8_t back[6];
    assert_true(credential_base58_decode("11233QC4", back, 6));
    assert_memory_equal(back, z, 6);
    assert_false(credential_base58_decode("11233QC4", back, 5));
    assert_false(credential_base58_decode("1123l3QC4", back, 6)); /* 'l' is no digit */
    assert_false(credential_base58_encode(z, sizeof z, out, 8));   /* no room for the NUL */
    /* did:key: the W3C did:key test vector for Ed25519 */
    uint8_t pk[32];
    assert_true(credential_did_key_parse("did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp",
                                         pk));
    char did[CREDENTIAL_DID_MAX];
    credential_did_key(pk, did);
    assert_string_equal(did, "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp");
    assert_false(credential_did_key_parse("did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme",
                                          pk)); /* secp256k1, not Ed25519 */
    assert_false(credential_did_key_parse("did:web:example.org", pk));
}

/* ---- signed credentials ------------------------------------------------------------------------ */

static cJSON *sample(const credential_key *k, bool names)
{
    char did[CREDENTIAL_DID_MAX];
    credential_did_key(k->pk, did);
    credential_evidence ev[2] = {
        {.id = "urn:uuid:1b4e28ba-2fa1-41d2-883f-0016d3cca427", .name = "Coach sign-off",
         .narrative = "Signed off by coach C-01 on 2024-05-01: criteria met."},
        {.name = "step.pick.scan_item", .description = "42 attempts on 6 days, 97 % right first "
                                                       "time, 93 % without a coach prompt"},
    };
    credential_input in = {
        .id = "urn:uuid:2c8e1f0a-1111-4222-8333-444455556666",
        .issuer_did = did,
        .issuer_name = "Stiel hub Gent",
        .valid_from = "2024-05-01T10:00:00Z",
        .subject_id = "urn:stiel:trainee:T-0001",
        .subject_name = names ? "Sam" : NULL,
        .achievement_id = "urn:stiel:competency:magazijnmedewerker:mm.item",
        .name = "Neemt het juiste artikel (ook bij gelijkende artikelen)",
        .description = "Picks the right item (also among look-alikes)",
        .criteria = "At level 3 or above: 20 attempts, 95 % right first time.",
        .target_name = "Magazijnmedewerker (BK-0002-3)",
        .target_code = "BK-0002-3",
        .target_url = "urn:stiel:qualification:BK-0002-3",
        .evidence = ev,
        .evidence_count = 2,
    };
    cJSON *doc = NULL;
    stiel_diag d;
    assert_int_equal(credential_build(&in, &doc, &d), STIEL_OK);
    assert_int_equal(credential_sign(doc, k, "2024-05-01T10:00:00Z", &d), STIEL_OK);
    return doc;
}

static char *text_of(const cJSON *doc, size_t *len)
{
    stiel_buf b;
    stiel_buf_init(&b, 0);
    assert_int_equal(credential_canonical(doc, &b, NULL), STIEL_OK);
    assert_int_equal(stiel_buf_puts(&b, "\n"), STIEL_OK);
    char *s = malloc(b.len + 1);
    memcpy(s, b.data, b.len + 1);
    *len = b.len;
    stiel_buf_free(&b);
    return s;
}

static void test_sign_verify(void **state)
{
    (void)state;
    credential_key k;
    assert_int_equal(credential_key_generate(&k, NULL), STIEL_OK);
    cJSON *doc = sample(&k, false);
    size_t len;
    char *text = text_of(doc, &len);
    /* the shape Open Badges needs */
    assert_non_null(strstr(text, "\"@context\":[\"https://www.w3.org/ns/credentials/v2\","
                                 "\"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json\"]"));
    assert_non_null(strstr(text, "\"type\":[\"VerifiableCredential\",\"OpenBadgeCredential\"]"));
    assert_non_null(strstr(text, "\"achievementType\":\"Competency\""));
    assert_non_null(strstr(text, "\"targetName\":\"Magazijnmedewerker (BK-0002-3)\""));
    assert_non_null(strstr(text, "\"cryptosuite\":\"eddsa-jcs-2022\""));
    assert_null(strstr(text, "Sam"));
    credential_check c;
    assert_int_equal(credential_verify(text, len, k.pk, false, &c), STIEL_OK);
    assert_true(c.signature_ok && c.issuer_ok && c.trusted_ok && c.canonical_ok);
    assert_string_equal(c.what, "");
    assert_memory_equal(c.issuer, "did:key:z6Mk", 12);
    /* one changed byte anywhere: every position, two kinds of change */
    size_t passed = 0;
    for (size_t i = 0; i < len; i++) {
        for (int kind = 0; kind < 2; kind++) {
            char saved = text[i];
            text[i] = kind == 0 ? (char)(saved ^ 0x01) : (saved == ' ' ? '\t' : ' ');
            if (text[i] != saved && credential_verify(text, len, k.pk, false, &c) == STIEL_OK)
                passed++;
            /* the signature alone (spacing allowed to change) catches every XOR change too */
            if (kind == 0 && credential_verify(text, len, k.pk, true, &c) == STIEL_OK)
                passed++;
            text[i] = saved;
        }
    }
    assert_int_equal(passed, 0);
    /* a byte more or less at the end */
    assert_int_not_equal(credential_verify(text, len - 1, k.pk, false, &c), STIEL_OK);
    char *longer = malloc(len + 2);
    memcpy(longer, text, len);
    memcpy(longer + len, "\n", 2);
    assert_int_not_equal(credential_verify(longer, len + 1, k.pk, false, &c), STIEL_OK);
    free(longer);
    printf("verified %zu-byte credential; every one of %zu single-byte changes detected\n", len,
           2 * len);
    free(text);
    cJSON_Delete(doc);
}

static void test_names_only_when_asked(void **state)
{
    (void)state;
    credential_key k;
    assert_int_equal(credential_key_generate(&k, NULL), STIEL_OK);
    cJSON *doc = sample(&k, true);
    size_t len;
    char *text = text_of(doc, &len);
    assert_non_null(strstr(text, "\"identityHash\":\"Sam\""));
    credential_check c;
    assert_int_equal(credential_verify(text, len, k.pk, false, &c), STIEL_OK);
    free(text);
    cJSON_Delete(doc);
}

static void test_other_key(void **state)
{
    (void)state;
    credential_key hub, other;
    assert_int_equal(credential_key_generate(&hub, NULL), STIEL_OK);
    assert_int_equal(credential_key_generate(&other, NULL), STIEL_OK);
    credential_check c;
    size_t len;

    /* re-signed by another key, leaving the hub as the issuer */
    cJSON *doc = sample(&hub, false);
    assert_int_equal(credential_sign(doc, &other, "2024-05-01T10:00:00Z", NULL), STIEL_OK);
    char *text = text_of(doc, &len);
    assert_int_equal(credential_verify(text, len, NULL, false, &c), STIEL_ERR_CORRUPT);
    assert_true(c.signature_ok);
    assert_false(c.issuer_ok);
    assert_non_null(strstr(c.what, "not the issuer's"));
    free(text);
    cJSON_Delete(doc);

    /* a forger's own consistent credential: only the trusted key catches it */
    doc = sample(&other, false);
    text = text_of(doc, &len);
    assert_int_equal(credential_verify(text, len, NULL, false, &c), STIEL_OK);
    assert_int_equal(credential_verify(text, len, hub.pk, false, &c), STIEL_ERR_CORRUPT);
    assert_false(c.trusted_ok);
    assert_non_null(strstr(c.what, "not this hub's"));
    free(text);
    cJSON_Delete(doc);

    /* the other key's signature spliced into the hub's credential */
    doc = sample(&hub, false);
    cJSON *forged = sample(&hub, false);
    cJSON_ReplaceItemInObject(forged, "name", cJSON_CreateString("Something else"));
    assert_int_equal(credential_sign(forged, &other, "2024-05-01T10:00:00Z", NULL), STIEL_OK);
    const cJSON *fp = cJSON_GetObjectItem(cJSON_GetObjectItem(forged, "proof"), "proofValue");
    cJSON_ReplaceItemInObject(cJSON_GetObjectItem(doc, "proof"), "proofValue",
                              cJSON_CreateString(fp->valuestring));
    text = text_of(doc, &len);
    assert_int_equal(credential_verify(text, len, hub.pk, false, &c), STIEL_ERR_CORRUPT);
    assert_false(c.signature_ok);
    assert_non_null(strstr(c.what, "signature does not match"));
    free(text);
    cJSON_Delete(doc);
    cJSON_Delete(forged);
}

static void test_reformatted(void **state)
{
    (void)state;
    credential_key k;
    assert_int_equal(credential_key_generate(&k, NULL), STIEL_OK);
    cJSON *doc = sample(&k, false);
    char *pretty = cJSON_Print(doc);
    credential_check c;
    assert_int_equal(credential_verify(pretty, strlen(pretty), k.pk, false, &c), STIEL_ERR_CORRUPT);
    assert_true(c.signature_ok);
    assert_false(c.canonical_ok);
    assert_non_null(strstr(c.what, "byte for byte"));
    /* the content is intact: accepted when reformatting is allowed */
    assert_int_equal(credential_verify(pretty, strlen(pretty), k.pk, true, &c), STIEL_OK);
    free(pretty);
    /* not JSON at all */
    assert_int_equal(credential_verify("hello", 5, k.pk, false, &c), STIEL_ERR_SYNTAX);
    assert_int_equal(credential_verify("{}", 2, k.pk, true, &c), STIEL_ERR_CORRUPT);
    assert_non_null(strstr(c.what, "no proof"));
    cJSON_Delete(doc);
}

static void test_key_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/stiel-cred-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/" CREDENTIAL_KEY_FILE, dir);
    credential_key a, b;
    bool created = false;
    stiel_diag d;
    assert_int_equal(credential_key_load(path, &a, &d), STIEL_ERR_NOT_FOUND);
    assert_int_equal(credential_key_load_or_create(path, &a, &created, &d), STIEL_OK);
    assert_true(created);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(st.st_size, 64);
    assert_int_equal(credential_key_load_or_create(path, &b, &created, &d), STIEL_OK);
    assert_false(created);
    assert_memory_equal(a.sk, b.sk, 64);
    assert_memory_equal(a.pk, b.pk, 32);
    /* a damaged key: the public half no longer matches */
    FILE *f = fopen(path, "r+b");
    fseek(f, 40, SEEK_SET);
    fputc(0x55 ^ a.sk[40], f);
    fclose(f);
    assert_int_equal(credential_key_load(path, &b, &d), STIEL_ERR_CORRUPT);
    /* a short file */
    f = fopen(path, "wb");
    fwrite(a.sk, 1, 63, f);
    fclose(f);
    assert_int_equal(credential_key_load(path, &b, &d), STIEL_ERR_CORRUPT);
    unlink(path);
    rmdir(dir);
    stiel_buf p;
    stiel_buf_init(&p, 0);
    assert_int_equal(credential_key_path("/var/lib/stiel/evidence.db", &p, NULL), STIEL_OK);
    assert_string_equal((const char *)p.data, "/var/lib/stiel/" CREDENTIAL_KEY_FILE);
    stiel_buf_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_canonical_vectors),
        cmocka_unit_test(test_canonical_key_order),
        cmocka_unit_test(test_canonical_errors),
        cmocka_unit_test(test_base58_did),
        cmocka_unit_test(test_sign_verify),
        cmocka_unit_test(test_names_only_when_asked),
        cmocka_unit_test(test_other_key),
        cmocka_unit_test(test_reformatted),
        cmocka_unit_test(test_key_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
