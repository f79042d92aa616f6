/* The label template parser: reads the line-based .label format (see template.h) into a
 * label_template, checking every directive, option and placeholder, with errors that name the
 * source file and line. Substitution and value checks live in template_fill.c. */
#include "protocol/label/template.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "protocol/label/template_internal.h"

enum { TOK_MAX = 16, TOK_KEY_MAX = 24, TOK_VALUE_MAX = LABEL_TEXT_MAX };

typedef struct tok {
    char key[TOK_KEY_MAX];        /* option name or flag word; empty for a quoted content */
    char value[TOK_VALUE_MAX];
    bool has_value;               /* key=value, or a quoted content */
    bool quoted_content;          /* a bare "quoted string" */
    bool used;
} tok;

typedef struct parse_ctx {
    const char *source;
    int line;
    stiel_diag *diag;
    label_template *t;
    bool have_label;
    int item_lines[LABEL_MAX_ITEMS];
    size_t ntok;
    tok toks[TOK_MAX];
    char keyword[TOK_KEY_MAX];
} parse_ctx;

static stiel_status perr(parse_ctx *c, stiel_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static stiel_status perr(parse_ctx *c, stiel_status code, const char *fmt, ...)
{
    char msg[STIEL_DIAG_TEXT_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return stiel_diag_set(c->diag, code, "%s:%d: %s", c->source, c->line, msg);
}

/* Copies src into dst (cap bytes), truncating; callers check the length first. */
static void copy_str(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static bool is_space(char ch)
{
    return ch == ' ' || ch == '\t';
}

static bool is_word_char(char ch)
{
    return ch != '\0' && !is_space(ch) && ch != '=' && ch != '"' && ch != '#';
}

/* Reads a quoted string starting at s[*i] == '"' into dst. */
static stiel_status read_quoted(parse_ctx *c, const char *s, size_t n, size_t *i, char *dst,
                                size_t cap)
{
    size_t out = 0;
    (*i)++;
    while (*i < n) {
        char ch = s[*i];
        if (ch == '"') {
            (*i)++;
            dst[out] = '\0';
            return STIEL_OK;
        }
        if (ch == '\\') {
            if (*i + 1 >= n || (s[*i + 1] != '"' && s[*i + 1] != '\\'))
                return perr(c, STIEL_ERR_SYNTAX, "bad escape in quotes (use \\\" or \\\\)");
            (*i)++;
            ch = s[*i];
        }
        if ((unsigned char)ch < 0x20 && ch != '\t')
            return perr(c, STIEL_ERR_SYNTAX, "control character in quotes");
        if (out + 1 >= cap)
            return perr(c, STIEL_ERR_OVERLONG, "quoted string longer than %zu bytes", cap - 1);
        dst[out++] = ch;
        (*i)++;
    }
    return perr(c, STIEL_ERR_SYNTAX, "unterminated quote");
}

static stiel_status read_word(parse_ctx *c, const char *s, size_t n, size_t *i, char *dst,
                              size_t cap, const char *what)
{
    size_t out = 0;
    while (*i < n && is_word_char(s[*i])) {
        if ((unsigned char)s[*i] < 0x20)
            return perr(c, STIEL_ERR_SYNTAX, "control character in %s", what);
        if (out + 1 >= cap)
            return perr(c, STIEL_ERR_OVERLONG, "%s longer than %zu bytes", what, cap - 1);
        dst[out++] = s[(*i)++];
    }
    dst[out] = '\0';
    return STIEL_OK;
}

/* Splits one line (without its end) into the keyword and tokens. Empty/comment: keyword "". */
static stiel_status tokenize(parse_ctx *c, const char *s, size_t n)
{
    size_t i = 0;
    stiel_status st;
    c->ntok = 0;
    c->keyword[0] = '\0';
    while (i < n && is_space(s[i]))
        i++;
    if (i >= n || s[i] == '#')
        return STIEL_OK;
    if (!is_word_char(s[i]))
        return perr(c, STIEL_ERR_SYNTAX, "a line must start with a directive word");
    st = read_word(c, s, n, &i, c->keyword, sizeof c->keyword, "directive");
    if (st != STIEL_OK)
        return st;
    for (;;) {
        tok *tk;
        if (i < n && !is_space(s[i]))
            return perr(c, STIEL_ERR_SYNTAX, "unexpected '%c' after '%s'", s[i],
                        c->ntok ? c->toks[c->ntok - 1].key : c->keyword);
        while (i < n && is_space(s[i]))
            i++;
        if (i >= n || s[i] == '#')
            return STIEL_OK;
        if (c->ntok >= TOK_MAX)
            return perr(c, STIEL_ERR_OVERLONG, "more than %d options on one line", TOK_MAX);
        tk = &c->toks[c->ntok++];
        memset(tk, 0, sizeof *tk);
        if (s[i] == '"') {
            tk->quoted_content = true;
            tk->has_value = true;
            st = read_quoted(c, s, n, &i, tk->value, sizeof tk->value);
            if (st != STIEL_OK)
                return st;
            continue;
        }
        if (s[i] == '=')
            return perr(c, STIEL_ERR_SYNTAX, "'=' without an option name");
        st = read_word(c, s, n, &i, tk->key, sizeof tk->key, "option name");
        if (st != STIEL_OK)
            return st;
        if (i < n && s[i] == '=') {
            i++;
            tk->has_value = true;
            if (i < n && s[i] == '"')
                st = read_quoted(c, s, n, &i, tk->value, sizeof tk->value);
            else
                st = read_word(c, s, n, &i, tk->value, sizeof tk->value, "value");
            if (st != STIEL_OK)
                return st;
            if (tk->value[0] == '\0')
                return perr(c, STIEL_ERR_SYNTAX, "option '%s' has an empty value", tk->key);
        }
    }
}

static tok *find_opt(parse_ctx *c, const char *key)
{
    for (size_t i = 0; i < c->ntok; i++) {
        tok *tk = &c->toks[i];
        if (!tk->quoted_content && tk->has_value && strcmp(tk->key, key) == 0) {
            tk->used = true;
            return tk;
        }
    }
    return NULL;
}

static bool take_flag(parse_ctx *c, const char *word)
{
    for (size_t i = 0; i < c->ntok; i++) {
        tok *tk = &c->toks[i];
        if (!tk->quoted_content && !tk->has_value && strcmp(tk->key, word) == 0) {
            tk->used = true;
            return true;
        }
    }
    return false;
}

/* The one "quoted content" of the line (required when want is true). */
static stiel_status take_content(parse_ctx *c, const char **out)
{
    *out = NULL;
    for (size_t i = 0; i < c->ntok; i++) {
        tok *tk = &c->toks[i];
        if (tk->quoted_content) {
            if (*out != NULL)
                return perr(c, STIEL_ERR_SYNTAX, "%s has more than one quoted string", c->keyword);
            tk->used = true;
            *out = tk->value;
        }
    }
    if (*out == NULL)
        return perr(c, STIEL_ERR_MISSING, "%s needs its content in \"quotes\"", c->keyword);
    return STIEL_OK;
}

static stiel_status check_all_used(parse_ctx *c)
{
    for (size_t i = 0; i < c->ntok; i++) {
        const tok *tk = &c->toks[i];
        if (tk->used)
            continue;
        if (tk->quoted_content)
            return perr(c, STIEL_ERR_SYNTAX, "%s takes no quoted string", c->keyword);
        if (tk->has_value)
            return perr(c, STIEL_ERR_SYNTAX, "unknown option '%s' for %s", tk->key, c->keyword);
        return perr(c, STIEL_ERR_SYNTAX, "unknown word '%s' for %s", tk->key, c->keyword);
    }
    return STIEL_OK;
}

/* Parses "12", "12.5", "12.5mm": non-negative, at most 3 decimals counted. Locale-free. */
static bool parse_mm(const char *s, double *out)
{
    double v = 0.0, scale = 0.1;
    size_t i = 0, digits = 0;
    while (s[i] >= '0' && s[i] <= '9') {
        if (digits++ > 6)
            return false;
        v = v * 10.0 + (s[i++] - '0');
    }
    if (s[i] == '.') {
        i++;
        while (s[i] >= '0' && s[i] <= '9') {
            v += (s[i++] - '0') * scale;
            scale /= 10.0;
            digits++;
        }
    }
    if (digits == 0)
        return false;
    if (strcmp(s + i, "mm") == 0 || s[i] == '\0') {
        *out = v;
        return true;
    }
    return false;
}

static bool parse_int(const char *s, long *out)
{
    long v = 0;
    size_t i = 0;
    if (s[0] == '\0')
        return false;
    for (; s[i] != '\0'; i++) {
        if (s[i] < '0' || s[i] > '9' || i >= 7)
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

/* Reads a length option; *out keeps its value when absent and not required. */
static stiel_status opt_mm(parse_ctx *c, const char *key, bool required, double lo, double hi,
                           double *out)
{
    tok *tk = find_opt(c, key);
    double v;
    if (tk == NULL) {
        if (required)
            return perr(c, STIEL_ERR_MISSING, "%s needs %s=", c->keyword, key);
        return STIEL_OK;
    }
    if (!parse_mm(tk->value, &v))
        return perr(c, STIEL_ERR_SYNTAX, "%s=%s is not a number of millimetres", key, tk->value);
    if (v < lo || v > hi)
        return perr(c, STIEL_ERR_ARG, "%s=%s is out of range (%g..%g)", key, tk->value, lo, hi);
    *out = v;
    return STIEL_OK;
}

static stiel_status opt_int(parse_ctx *c, const char *key, bool required, long lo, long hi,
                            long *out)
{
    tok *tk = find_opt(c, key);
    long v;
    if (tk == NULL) {
        if (required)
            return perr(c, STIEL_ERR_MISSING, "%s needs %s=", c->keyword, key);
        return STIEL_OK;
    }
    if (!parse_int(tk->value, &v))
        return perr(c, STIEL_ERR_SYNTAX, "%s=%s is not a whole number", key, tk->value);
    if (v < lo || v > hi)
        return perr(c, STIEL_ERR_ARG, "%s=%s is out of range (%ld..%ld)", key, tk->value, lo, hi);
    *out = v;
    return STIEL_OK;
}

static stiel_status opt_bool(parse_ctx *c, const char *key, bool *out)
{
    tok *tk = find_opt(c, key);
    if (tk == NULL)
        return STIEL_OK;
    if (strcmp(tk->value, "yes") == 0 || strcmp(tk->value, "on") == 0)
        *out = true;
    else if (strcmp(tk->value, "no") == 0 || strcmp(tk->value, "off") == 0)
        *out = false;
    else
        return perr(c, STIEL_ERR_SYNTAX, "%s=%s: use yes or no", key, tk->value);
    return STIEL_OK;
}

static stiel_status opt_rotation(parse_ctx *c, label_rotation *out)
{
    long deg = 0;
    stiel_status st = opt_int(c, "rotate", false, 0, 270, &deg);
    if (st != STIEL_OK)
        return st;
    if (deg != 0 && deg != 90 && deg != 180 && deg != 270)
        return perr(c, STIEL_ERR_ARG, "rotate=%ld: use 0, 90, 180 or 270", deg);
    *out = (label_rotation)deg;
    return STIEL_OK;
}

/* x= and y= (required), on the label. */
static stiel_status opt_origin(parse_ctx *c, label_item *it)
{
    stiel_status st = opt_mm(c, "x", true, 0, c->t->width_mm, &it->x_mm);
    if (st == STIEL_OK)
        st = opt_mm(c, "y", true, 0, c->t->height_mm, &it->y_mm);
    return st;
}

static bool valid_field_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= LABEL_FIELD_NAME_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_'))
            return false;
    }
    return true;
}

/* Checks placeholder syntax ({name}, {{, }}) of content; names are checked at the end. */
static stiel_status check_placeholders(parse_ctx *c, const char *s)
{
    for (size_t i = 0; s[i] != '\0'; i++) {
        if (s[i] == '{' && s[i + 1] == '{') {
            i++;
        } else if (s[i] == '}' && s[i + 1] == '}') {
            i++;
        } else if (s[i] == '}') {
            return perr(c, STIEL_ERR_SYNTAX, "lone '}' (write }} for a brace)");
        } else if (s[i] == '{') {
            char name[LABEL_FIELD_NAME_MAX];
            size_t j = i + 1, k = 0;
            while (s[j] != '\0' && s[j] != '}' && k + 1 < sizeof name)
                name[k++] = s[j++];
            name[k] = '\0';
            if (s[j] != '}' || !valid_field_name(name))
                return perr(c, STIEL_ERR_SYNTAX,
                            "bad placeholder at '%.20s' (use {field_name}, or {{ for a brace)",
                            s + i);
            i = j;
        }
    }
    return STIEL_OK;
}

static stiel_status new_item(parse_ctx *c, label_kind kind, label_item **out)
{
    label_template *t = c->t;
    if (t->item_count >= LABEL_MAX_ITEMS)
        return perr(c, STIEL_ERR_OVERLONG, "more than %d items", LABEL_MAX_ITEMS);
    c->item_lines[t->item_count] = c->line;
    *out = &t->items[t->item_count++];
    memset(*out, 0, sizeof **out);
    (*out)->kind = kind;
    return STIEL_OK;
}

static stiel_status do_label(parse_ctx *c)
{
    long dpi = 203;
    stiel_status st;
    if (c->have_label)
        return perr(c, STIEL_ERR_SYNTAX, "a second 'label' line");
    st = opt_mm(c, "width", true, 10, 500, &c->t->width_mm);
    if (st == STIEL_OK)
        st = opt_mm(c, "height", true, 10, 1000, &c->t->height_mm);
    if (st == STIEL_OK)
        st = opt_int(c, "dpi", false, 100, 600, &dpi);
    if (st != STIEL_OK)
        return st;
    if (dpi != 152 && dpi != 203 && dpi != 300 && dpi != 600)
        return perr(c, STIEL_ERR_ARG, "dpi=%ld: use 152, 203, 300 or 600", dpi);
    c->t->dpi = (int)dpi;
    c->have_label = true;
    return check_all_used(c);
}

static stiel_status do_title(parse_ctx *c)
{
    const char *s;
    stiel_status st = take_content(c, &s);
    if (st != STIEL_OK)
        return st;
    if (strlen(s) >= sizeof c->t->title)
        return perr(c, STIEL_ERR_OVERLONG, "title longer than %zu bytes", sizeof c->t->title - 1);
    copy_str(c->t->title, sizeof c->t->title, s);
    return check_all_used(c);
}

static stiel_status do_field(parse_ctx *c)
{
    label_template *t = c->t;
    label_field *f;
    tok *name = NULL, *kind, *sample, *desc;
    long max = 0;
    stiel_status st;
    stiel_diag sub;
    for (size_t i = 0; i < c->ntok; i++) {
        if (!c->toks[i].has_value && !c->toks[i].quoted_content) {
            name = &c->toks[i];
            name->used = true;
            break;
        }
    }
    if (name == NULL)
        return perr(c, STIEL_ERR_MISSING, "field needs a name (field NAME kind=... sample=...)");
    if (!valid_field_name(name->key))
        return perr(c, STIEL_ERR_SYNTAX, "field name '%s': use a-z, 0-9 and _ (at most %d)",
                    name->key, LABEL_FIELD_NAME_MAX - 1);
    if (label_template_field_find(t, name->key) != NULL)
        return perr(c, STIEL_ERR_SYNTAX, "field '%s' declared twice", name->key);
    if (t->field_count >= LABEL_TEMPLATE_MAX_FIELDS)
        return perr(c, STIEL_ERR_OVERLONG, "more than %d fields", LABEL_TEMPLATE_MAX_FIELDS);
    f = &t->fields[t->field_count];
    memset(f, 0, sizeof *f);
    copy_str(f->name, sizeof f->name, name->key);

    kind = find_opt(c, "kind");
    if (kind == NULL)
        return perr(c, STIEL_ERR_MISSING, "field %s needs kind= (text, digits, sscc, gtin13, gs1)",
                    f->name);
    if (!label_field_kind_parse(kind->value, &f->kind))
        return perr(c, STIEL_ERR_SYNTAX,
                    "field %s: unknown kind '%s' (text, digits, sscc, gtin13, gs1)", f->name,
                    kind->value);
    st = opt_int(c, "max", false, 1, LABEL_FIELD_VALUE_MAX - 1, &max);
    if (st != STIEL_OK)
        return st;
    f->max_len = max > 0 ? (size_t)max : label_field_kind_default_max(f->kind);

    desc = find_opt(c, "desc");
    if (desc != NULL) {
        if (strlen(desc->value) >= sizeof f->description)
            return perr(c, STIEL_ERR_OVERLONG, "field %s: desc longer than %zu bytes", f->name,
                        sizeof f->description - 1);
        copy_str(f->description, sizeof f->description, desc->value);
    }
    sample = find_opt(c, "sample");
    if (sample == NULL)
        return perr(c, STIEL_ERR_MISSING, "field %s needs sample= (a value a bare render uses)",
                    f->name);
    if (strlen(sample->value) >= sizeof f->sample)
        return perr(c, STIEL_ERR_OVERLONG, "field %s: sample too long", f->name);
    copy_str(f->sample, sizeof f->sample, sample->value);
    st = check_all_used(c);
    if (st != STIEL_OK)
        return st;
    st = label_field_validate(f, f->sample, &sub);
    if (st != STIEL_OK)
        return perr(c, st, "sample: %s", sub.text);
    t->field_count++;
    return STIEL_OK;
}

static stiel_status do_text(parse_ctx *c)
{
    label_item *it = NULL;
    label_text *tx;
    const char *content;
    tok *al;
    long lines = 0;
    stiel_status st = new_item(c, LABEL_ITEM_TEXT, &it);
    if (st != STIEL_OK)
        return st;
    tx = &it->u.text;
    st = opt_origin(c, it);
    if (st == STIEL_OK)
        st = opt_mm(c, "height", true, 1, 200, &tx->height_mm);
    if (st == STIEL_OK)
        st = opt_mm(c, "wrap", false, 1, c->t->width_mm, &tx->box_width_mm);
    if (st == STIEL_OK)
        st = opt_int(c, "lines", false, 1, 50, &lines);
    if (st == STIEL_OK)
        st = opt_rotation(c, &tx->rotation);
    if (st == STIEL_OK)
        st = take_content(c, &content);
    if (st != STIEL_OK)
        return st;
    tx->max_lines = (int)lines;
    if (lines > 0 && tx->box_width_mm <= 0)
        return perr(c, STIEL_ERR_ARG, "lines= needs wrap= (the box width)");
    tx->bold = take_flag(c, "bold");
    al = find_opt(c, "align");
    if (al != NULL) {
        if (strcmp(al->value, "left") == 0)
            tx->align = LABEL_ALIGN_LEFT;
        else if (strcmp(al->value, "center") == 0 || strcmp(al->value, "centre") == 0)
            tx->align = LABEL_ALIGN_CENTER;
        else if (strcmp(al->value, "right") == 0)
            tx->align = LABEL_ALIGN_RIGHT;
        else
            return perr(c, STIEL_ERR_SYNTAX, "align=%s: use left, center or right", al->value);
    }
    st = check_placeholders(c, content);
    if (st != STIEL_OK)
        return st;
    copy_str(tx->utf8, sizeof tx->utf8, content);
    return check_all_used(c);
}

static stiel_status do_line(parse_ctx *c)
{
    label_item *it = NULL;
    label_line *ln;
    stiel_status st = new_item(c, LABEL_ITEM_LINE, &it);
    if (st != STIEL_OK)
        return st;
    ln = &it->u.line;
    ln->thickness_mm = 0.3;
    st = opt_origin(c, it);
    if (st == STIEL_OK)
        st = opt_mm(c, "x2", true, 0, c->t->width_mm, &ln->x2_mm);
    if (st == STIEL_OK)
        st = opt_mm(c, "y2", true, 0, c->t->height_mm, &ln->y2_mm);
    if (st == STIEL_OK)
        st = opt_mm(c, "thickness", false, 0.1, 20, &ln->thickness_mm);
    if (st != STIEL_OK)
        return st;
    if (ln->x2_mm != it->x_mm && ln->y2_mm != it->y_mm)
        return perr(c, STIEL_ERR_ARG, "a line must be horizontal (y2=y) or vertical (x2=x)");
    return check_all_used(c);
}

static stiel_status do_box(parse_ctx *c)
{
    label_item *it = NULL;
    label_box *bx;
    stiel_status st = new_item(c, LABEL_ITEM_BOX, &it);
    if (st != STIEL_OK)
        return st;
    bx = &it->u.box;
    bx->thickness_mm = 0.3;
    st = opt_origin(c, it);
    if (st == STIEL_OK)
        st = opt_mm(c, "width", true, 0.1, c->t->width_mm, &bx->width_mm);
    if (st == STIEL_OK)
        st = opt_mm(c, "height", true, 0.1, c->t->height_mm, &bx->height_mm);
    if (st == STIEL_OK)
        st = opt_mm(c, "thickness", false, 0.1, 500, &bx->thickness_mm);
    if (st != STIEL_OK)
        return st;
    if (it->x_mm + bx->width_mm > c->t->width_mm + 0.001 ||
        it->y_mm + bx->height_mm > c->t->height_mm + 0.001)
        return perr(c, STIEL_ERR_ARG, "the box runs off the label");
    return check_all_used(c);
}

static stiel_status do_barcode(parse_ctx *c)
{
    label_item *it = NULL;
    label_barcode *bc;
    const char *content;
    tok *sym = NULL;
    stiel_status st = new_item(c, LABEL_ITEM_BARCODE, &it);
    if (st != STIEL_OK)
        return st;
    bc = &it->u.barcode;
    for (size_t i = 0; i < c->ntok; i++) {
        if (!c->toks[i].has_value && !c->toks[i].quoted_content) {
            sym = &c->toks[i];
            break;
        }
    }
    if (sym == NULL)
        return perr(c, STIEL_ERR_MISSING, "barcode needs a symbology (code128, gs1-128, ean13, "
                                          "qr, datamatrix, gs1-datamatrix)");
    if (!label_symbology_parse(sym->key, &bc->symbology))
        return perr(c, STIEL_ERR_SYNTAX, "unknown symbology '%s' (code128, gs1-128, ean13, qr, "
                                         "datamatrix, gs1-datamatrix)", sym->key);
    sym->used = true;
    bc->height_mm = 15;
    bc->human_readable = true;
    st = opt_origin(c, it);
    if (st == STIEL_OK)
        st = opt_mm(c, "height", false, 2, 300, &bc->height_mm);
    if (st == STIEL_OK)
        st = opt_mm(c, "module", false, 0, 10, &bc->module_mm);
    if (st == STIEL_OK)
        st = opt_bool(c, "hri", &bc->human_readable);
    if (st == STIEL_OK)
        st = opt_rotation(c, &bc->rotation);
    if (st == STIEL_OK)
        st = take_content(c, &content);
    if (st != STIEL_OK)
        return st;
    if (content[0] == '\0')
        return perr(c, STIEL_ERR_MISSING, "barcode data is empty");
    st = check_placeholders(c, content);
    if (st != STIEL_OK)
        return st;
    if (strlen(content) >= sizeof bc->data)
        return perr(c, STIEL_ERR_OVERLONG, "barcode data longer than %zu bytes",
                    sizeof bc->data - 1);
    copy_str(bc->data, sizeof bc->data, content);
    return check_all_used(c);
}

static stiel_status do_line_of_text(parse_ctx *c, const char *s, size_t n)
{
    stiel_status st = tokenize(c, s, n);
    if (st != STIEL_OK || c->keyword[0] == '\0')
        return st;
    if (strcmp(c->keyword, "label") == 0)
        return do_label(c);
    if (!c->have_label)
        return perr(c, STIEL_ERR_SYNTAX, "the first directive must be 'label width=.. height=..'");
    if (strcmp(c->keyword, "title") == 0)
        return do_title(c);
    if (strcmp(c->keyword, "field") == 0)
        return do_field(c);
    if (strcmp(c->keyword, "text") == 0)
        return do_text(c);
    if (strcmp(c->keyword, "line") == 0)
        return do_line(c);
    if (strcmp(c->keyword, "box") == 0)
        return do_box(c);
    if (strcmp(c->keyword, "barcode") == 0)
        return do_barcode(c);
    return perr(c, STIEL_ERR_SYNTAX, "unknown item kind '%s' (label, title, field, text, line, "
                                     "box, barcode)", c->keyword);
}

/* Every placeholder names a field, and every item fills with the samples. */
static stiel_status check_items(parse_ctx *c)
{
    const char *values[LABEL_TEMPLATE_MAX_FIELDS];
    for (size_t f = 0; f < c->t->field_count; f++)
        values[f] = c->t->fields[f].sample;
    for (size_t i = 0; i < c->t->item_count; i++) {
        label_item filled;
        stiel_diag sub;
        stiel_status st = label_item_expand(c->t, &c->t->items[i], values, &filled, &sub);
        if (st != STIEL_OK) {
            c->line = c->item_lines[i];
            return perr(c, st, "%s", sub.text);
        }
    }
    return STIEL_OK;
}

stiel_status label_template_parse(const char *text, size_t len, const char *source_name,
                                  label_template *out, stiel_diag *diag)
{
    parse_ctx c;
    size_t start = 0;
    stiel_status st;
    if (out == NULL || (text == NULL && len > 0))
        return stiel_diag_set(diag, STIEL_ERR_ARG, "label_template_parse: no text or output");
    memset(out, 0, sizeof *out);
    memset(&c, 0, sizeof c);
    c.source = source_name != NULL ? source_name : "template";
    c.diag = diag;
    c.t = out;
    c.line = 0;
    while (start < len) {
        size_t end = start;
        size_t n;
        while (end < len && text[end] != '\n')
            end++;
        n = end - start;
        c.line++;
        if (n > 0 && text[start + n - 1] == '\r')
            n--;
        if (memchr(text + start, '\0', n) != NULL)
            return perr(&c, STIEL_ERR_SYNTAX, "NUL byte in the template");
        st = do_line_of_text(&c, text + start, n);
        if (st != STIEL_OK)
            return st;
        start = end + 1;
    }
    if (!c.have_label) {
        c.line = c.line > 0 ? c.line : 1;
        return perr(&c, STIEL_ERR_SYNTAX, "no 'label width=.. height=..' line");
    }
    if (out->item_count == 0)
        return perr(&c, STIEL_ERR_MISSING, "the template has no items");
    st = check_items(&c);
    if (st != STIEL_OK)
        return st;
    stiel_diag_clear(diag);
    return STIEL_OK;
}

size_t label_template_field_count(const label_template *t)
{
    return t != NULL ? t->field_count : 0;
}

const label_field *label_template_field_get(const label_template *t, size_t i)
{
    if (t == NULL || i >= t->field_count)
        return NULL;
    return &t->fields[i];
}

const label_field *label_template_field_find(const label_template *t, const char *name)
{
    if (t == NULL || name == NULL)
        return NULL;
    for (size_t i = 0; i < t->field_count; i++) {
        if (strcmp(t->fields[i].name, name) == 0)
            return &t->fields[i];
    }
    return NULL;
}
