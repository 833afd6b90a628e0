/* The segmenter's inner loops in C: the same dynamic programs as segmenter.py
 * (_Layout, _choose_cues, _break_lines) and the same sums as language.cut_costs,
 * step for step and in the same order of floating-point operations, so that both
 * give the same cues. The Python is the reference; tests/test_segment_core.py
 * holds the two together.
 *
 * Both functions take keyword arguments; the limits, the prices and the weights are
 * Python objects (segmenter.Limits, segmenter.Prices, language.Weights) read here by
 * attribute name. The caller sends only numbers within accelerator.LIMIT, so that
 * every sum and difference below is exact in 64-bit integers and in doubles alike.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <structmember.h>

#ifndef Py_T_OBJECT_EX
#define Py_T_OBJECT_EX T_OBJECT_EX
#endif

/* Prices: the same constants as segmenter.py, read from segmenter.Prices. */
typedef struct {
    double cue, row, short_cue, inside, cps, soft_limit, min_duration, balance;
    long long short_cue_chars;
} Prices;

/* segmenter.Limits. A limit of None (none) reads as has_max_ms or has_cue_chars = 0 for those two, as 0 for
 * per_row_ms, min_ms, max_cps and max_wpm (where 0 is no limit, as in the Python). */
typedef struct {
    long long max_chars, max_rows, max_ms, per_row_ms, cue_chars, min_ms;
    int has_max_ms, has_cue_chars;
    double max_cps, max_wpm;
    long long *limit_of;      /* max_rows + 1 entries, -1: no limit */
} Limits;

typedef struct {
    Py_ssize_t n;
    long long *sep, *prefix, *line_end, *line_start;
} Layout;

/* read_longs, read_doubles: a Python sequence of n numbers into a C array. */
#define NUMBER_READER(name, type, convert)                                              \
    static int name(PyObject *seq, Py_ssize_t n, type *out, const char *what) {        \
        PyObject *fast = PySequence_Fast(seq, what);                                   \
        if (!fast) return -1;                                                          \
        if (PySequence_Fast_GET_SIZE(fast) != n) {                                     \
            Py_DECREF(fast);                                                           \
            PyErr_Format(PyExc_ValueError, "%s: expected %zd items", what, n);        \
            return -1;                                                                 \
        }                                                                              \
        PyObject **items = PySequence_Fast_ITEMS(fast);                                \
        for (Py_ssize_t k = 0; k < n; k++) {                                           \
            out[k] = convert(items[k]);                                                \
            if (out[k] == (type)-1 && PyErr_Occurred()) { Py_DECREF(fast); return -1; } \
        }                                                                              \
        Py_DECREF(fast);                                                               \
        return 0;                                                                      \
    }

NUMBER_READER(read_longs, long long, PyLong_AsLongLong)
NUMBER_READER(read_doubles, double, PyFloat_AsDouble)

/* The attributes read by name, each interned once when the module loads (attribute_names). */
#define ATTRIBUTES(X)                                                                                          \
    X(cue) X(row) X(short_cue) X(short_cue_chars) X(inside) X(cps) X(soft_limit) X(min_duration)               \
    X(balance)                                                                     /* segmenter.Prices */      \
    X(max_chars) X(max_rows) X(limit_of) X(per_row_ms) X(cue_chars) X(max_cps) X(max_wpm)                     \
    X(min_ms)                                                                      /* segmenter.Limits */      \
    X(sentence_end) X(clause_end) X(dash) X(after_function_word) X(after_auxiliary) X(after_pronoun)           \
    X(after_conjunction) X(inside_name) X(number_unit) X(before_conjunction) X(source_cue_end)                 \
    X(before_preposition) X(before_genitive) X(before_particle) X(before_determiner) X(before_auxiliary)       \
    X(pause_per_second) X(pause_cap) X(inside_phrase) X(inside_negation)          /* language.Weights */      \
    X(text) X(start) X(end) X(cue_end) X(sound) X(strip)                           /* model.Word */
#define ATTRIBUTE_ENUM(name) A_##name,
#define ATTRIBUTE_STRING(name) #name,
enum { ATTRIBUTES(ATTRIBUTE_ENUM) ATTRIBUTE_COUNT };
static const char *const attribute_strings[ATTRIBUTE_COUNT] = {ATTRIBUTES(ATTRIBUTE_STRING)};
static PyObject *attribute_names[ATTRIBUTE_COUNT];

/* get_long, get_double: an attribute (A_...) of obj as a number; with none_as, None reads as that value
 * (*given tells whether it was a number). */
#define ATTRIBUTE_READER(name, type, convert)                                                                  \
    static int name(PyObject *obj, int attribute, type *out, const type *none_as, int *given) {                \
        PyObject *value = PyObject_GetAttr(obj, attribute_names[attribute]);                                   \
        if (!value) return -1;                                                                                 \
        if (value == Py_None && none_as) {                                                                     \
            *out = *none_as;                                                                                   \
            if (given) *given = 0;                                                                             \
        } else {                                                                                               \
            *out = convert(value);                                                                             \
            if (given) *given = 1;                                                                             \
        }                                                                                                      \
        Py_DECREF(value);                                                                                      \
        return *out == (type)-1 && PyErr_Occurred() ? -1 : 0;                                                  \
    }

ATTRIBUTE_READER(get_long, long long, PyLong_AsLongLong)
ATTRIBUTE_READER(get_double, double, PyFloat_AsDouble)

static PyObject *space, *words_keyword;  /* " " and ("words",), made when the module loads */

static const long long NO_LONG = 0;
static const double NO_DOUBLE = 0.0;

/* Both functions take keyword arguments only ("|$" to PyArg_ParseTupleAndKeywords), all of them required. */
static int all_given(PyObject *const *values, char *const *keywords, const char *function) {
    for (int k = 0; keywords[k]; k++)
        if (!values[k]) {
            PyErr_Format(PyExc_TypeError, "%s() missing required keyword argument '%s'", function, keywords[k]);
            return 0;
        }
    return 1;
}

static long long width(const Layout *layout, Py_ssize_t i, Py_ssize_t j) {
    return layout->prefix[j] - layout->prefix[i] - layout->sep[i];
}

static void build_layout(Layout *layout, const long long *lengths, const long long *joined, long long max_chars) {
    Py_ssize_t n = layout->n;
    for (Py_ssize_t k = 0; k < n; k++) layout->sep[k] = (k == 0 || joined[k]) ? 0 : 1;
    layout->prefix[0] = 0;
    for (Py_ssize_t k = 0; k < n; k++) layout->prefix[k + 1] = layout->prefix[k] + layout->sep[k] + lengths[k];
    Py_ssize_t j = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (j < i + 1) j = i + 1;
        while (j < n && layout->prefix[j + 1] - layout->prefix[i] - layout->sep[i] <= max_chars) j++;
        layout->line_end[i] = j;
    }
    layout->line_start[0] = 0;
    Py_ssize_t i = 0;
    for (j = 1; j <= n; j++) {
        while (i < j - 1 && layout->prefix[j] - layout->prefix[i] - layout->sep[i] > max_chars) i++;
        layout->line_start[j] = i;
    }
}

static long long fewest_rows(const Layout *layout, Py_ssize_t i, Py_ssize_t j, long long cap) {
    long long rows = 0;
    while (i < j && rows <= cap) {
        i = layout->line_end[i];
        rows++;
    }
    return rows;
}

/* _choose_cues: fills back[] and rows_of[]; returns 0 when no way through the limits. */
static int choose_cues(const Layout *layout, const Limits *lim, const Prices *price, const long long *starts,
                       const long long *ends, const double *cue_cut, const double *line_cut,
                       const long long *inside_units, int use_limit, double boundary_cost_limit,
                       Py_ssize_t *back, long long *rows_of, double *best, Py_ssize_t *previous_allowed,
                       char *allowed, long long *inside) {
    Py_ssize_t n = layout->n;
    for (Py_ssize_t k = 0; k <= n; k++) allowed[k] = 1;
    if (use_limit)
        for (Py_ssize_t k = 1; k < n; k++) allowed[k] = cue_cut[k] < boundary_cost_limit;
    Py_ssize_t last = 0;
    for (Py_ssize_t k = 0; k <= n; k++) {
        if (allowed[k]) last = k;
        previous_allowed[k] = last;
    }
    long long widest = lim->max_chars * lim->max_rows + lim->max_rows - 1;
    if (lim->has_cue_chars && lim->cue_chars < widest) widest = lim->cue_chars;
    inside[0] = 0;
    for (Py_ssize_t k = 1; k < n; k++) inside[k] = inside[k - 1] + inside_units[k];
    inside[n] = n ? inside[n - 1] : 0;
    const long long *prefix = layout->prefix, *sep = layout->sep, *line_end = layout->line_end;
    int soft = lim->max_cps != 0.0 || lim->max_wpm != 0.0 || lim->min_ms != 0;
    for (Py_ssize_t k = 0; k <= n; k++) { best[k] = INFINITY; back[k] = 0; rows_of[k] = 1; }
    best[0] = 0.0;
    for (Py_ssize_t j = 1; j <= n; j++) {
        if (!allowed[j]) continue;
        long long end_ms = ends[j - 1];
        long long next_start = j < n ? starts[j] : end_ms + 10000;
        long long prefix_j = prefix[j];
        long long inside_j = inside[j - 1];
        Py_ssize_t first_row_start = layout->line_start[j];
        double found = INFINITY;
        Py_ssize_t found_i = j - 1;
        long long found_rows = 1;
        Py_ssize_t i = j;
        while (i > 0) {
            i = previous_allowed[i - 1];
            double cost = best[i];
            if (cost == INFINITY) continue;
            long long start_ms = starts[i];
            long long chars = prefix_j - prefix[i] - sep[i];
            long long duration = end_ms - start_ms;
            int single = i == j - 1;
            if (!single && (chars > widest || (lim->has_max_ms && duration > lim->max_ms))) break;
            long long rows;
            if (chars <= lim->max_chars) {
                rows = 1;
            } else {
                Py_ssize_t row_end = line_end[i];
                if (row_end >= j) rows = 1;
                else if (line_end[row_end] >= j) rows = 2;
                else rows = fewest_rows(layout, i, j, lim->max_rows);
                if (rows > lim->max_rows && !single) break;
            }
            if (!single && lim->per_row_ms) {
                long long needed = (duration + lim->per_row_ms - 1) / lim->per_row_ms;
                if (needed > lim->max_rows) break;
                if (needed > rows) {
                    if (needed > j - i) continue;
                    rows = needed;
                }
                long long limit = lim->limit_of[rows];
                if (limit >= 0 && duration > limit) continue;
            }
            cost += price->cue;
            if (rows > 1) {
                cost += (double)(rows - 1) * price->row;
                if (rows == 2) {
                    Py_ssize_t low = first_row_start > i ? first_row_start : i + 1;
                    Py_ssize_t high = line_end[i] < j ? line_end[i] : j - 1;
                    if (low <= high) {
                        double least = line_cut[low];
                        for (Py_ssize_t k = low + 1; k <= high; k++)
                            if (line_cut[k] < least) least = line_cut[k];
                        cost += least;
                    }
                }
            }
            if (chars < price->short_cue_chars) cost += (double)(price->short_cue_chars - chars) * price->short_cue;
            if (inside_j != inside[i]) cost += price->inside * (double)(inside_j - inside[i]);
            if (soft) {
                long long shown = next_start - start_ms;
                if (lim->has_max_ms && shown > lim->max_ms) shown = lim->max_ms;
                if (shown > 0) {
                    if (lim->max_cps != 0.0 && (double)(chars * 1000) > lim->max_cps * (double)shown)
                        cost += price->soft_limit +
                                price->cps * ((double)(chars * 1000) / (double)shown - lim->max_cps);
                    if (lim->max_wpm != 0.0 && (double)((j - i) * 60000) > lim->max_wpm * (double)shown)
                        cost += price->soft_limit +
                                price->cps * ((double)((j - i) * 60000) / (double)shown - lim->max_wpm) / 6.0;
                }
                if (lim->min_ms && shown < lim->min_ms)
                    cost += price->soft_limit +
                            price->min_duration * (double)(lim->min_ms - (shown > 0 ? shown : 0)) / 1000.0;
            }
            if (cost < found) { found = cost; found_i = i; found_rows = rows; }
        }
        best[j] = found + (j < n ? cue_cut[j] : 0.0);
        back[j] = found_i;
        rows_of[j] = found_rows;
    }
    return best[n] != INFINITY;
}

/* _break_lines: writes rows + 1 boundaries of words i..j-1 into out; returns how many rows. */
static Py_ssize_t break_lines(const Layout *layout, Py_ssize_t i, Py_ssize_t j, long long rows, long long max_chars,
                              const double *line_cut, const Prices *price, double *best, Py_ssize_t *back,
                              Py_ssize_t *out) {
    if (rows <= 1 || j - i <= 1) { out[0] = i; out[1] = j; return 1; }
    if (rows > j - i) rows = j - i;
    Py_ssize_t span = j - i + 1;  /* positions i..j, row r at best[r * span + (k - i)] */
    double target = (double)width(layout, i, j) / (double)rows;
    for (Py_ssize_t x = 0; x < (rows + 1) * span; x++) best[x] = INFINITY;
    best[0] = 0.0;
    for (long long r = 1; r <= rows; r++) {
        Py_ssize_t first = r == rows ? j : i + r;
        Py_ssize_t last = r == rows ? j : j - (rows - r);
        for (Py_ssize_t k = first; k <= last; k++) {
            double *here = &best[r * span + (k - i)];
            for (Py_ssize_t start = i; start < k; start++) {
                double before = best[(r - 1) * span + (start - i)];
                if (before == INFINITY) continue;
                long long w = width(layout, start, k);
                if (w > max_chars && k - start > 1) continue;
                double deviation = ((double)w - target) / (double)max_chars;
                double cost = before + price->balance * (deviation * deviation);
                if (start > i) cost += line_cut[start];
                if (cost < *here) {
                    *here = cost;
                    back[r * span + (k - i)] = start;
                }
            }
        }
    }
    if (best[rows * span + (j - i)] == INFINITY) { out[0] = i; out[1] = j; return 1; }
    Py_ssize_t k = j;
    out[rows] = j;
    for (long long r = rows; r > 0; r--) {
        k = back[r * span + (k - i)];
        out[r - 1] = k;
    }
    return (Py_ssize_t)rows;
}

static int read_prices(PyObject *obj, Prices *price) {
    return get_double(obj, A_cue, &price->cue, NULL, NULL) < 0 || get_double(obj, A_row, &price->row, NULL, NULL) < 0 ||
           get_double(obj, A_short_cue, &price->short_cue, NULL, NULL) < 0 ||
           get_long(obj, A_short_cue_chars, &price->short_cue_chars, NULL, NULL) < 0 ||
           get_double(obj, A_inside, &price->inside, NULL, NULL) < 0 ||
           get_double(obj, A_cps, &price->cps, NULL, NULL) < 0 ||
           get_double(obj, A_soft_limit, &price->soft_limit, NULL, NULL) < 0 ||
           get_double(obj, A_min_duration, &price->min_duration, NULL, NULL) < 0 ||
           get_double(obj, A_balance, &price->balance, NULL, NULL) < 0 ? -1 : 0;
}

/* segmenter.Limits but limit_of, which needs room of max_rows + 1 (read_limit_of). */
static int read_limits(PyObject *obj, Limits *lim) {
    if (get_long(obj, A_max_chars, &lim->max_chars, NULL, NULL) < 0 ||
        get_long(obj, A_max_rows, &lim->max_rows, NULL, NULL) < 0 ||
        get_long(obj, A_per_row_ms, &lim->per_row_ms, &NO_LONG, NULL) < 0 ||
        get_long(obj, A_cue_chars, &lim->cue_chars, &NO_LONG, &lim->has_cue_chars) < 0 ||
        get_long(obj, A_min_ms, &lim->min_ms, &NO_LONG, NULL) < 0 ||
        get_double(obj, A_max_cps, &lim->max_cps, &NO_DOUBLE, NULL) < 0 ||
        get_double(obj, A_max_wpm, &lim->max_wpm, &NO_DOUBLE, NULL) < 0)
        return -1;
    if (lim->max_chars < 1 || lim->max_rows < 1) {
        PyErr_SetString(PyExc_ValueError, "limits: max_chars and max_rows must be at least 1");
        return -1;
    }
    return 0;
}

/* limits.limit_of into lim->limit_of (max_rows + 1 entries, None as -1); max_ms is limit_of[max_rows]. */
static int read_limit_of(PyObject *obj, Limits *lim) {
    PyObject *limit_of = PyObject_GetAttr(obj, attribute_names[A_limit_of]);
    if (!limit_of) return -1;
    PyObject *fast = PySequence_Fast(limit_of, "limit_of");
    Py_DECREF(limit_of);
    if (!fast) return -1;
    Py_ssize_t count = lim->max_rows + 1;
    if (PySequence_Fast_GET_SIZE(fast) != count) {
        Py_DECREF(fast);
        PyErr_Format(PyExc_ValueError, "limit_of: expected %zd items", count);
        return -1;
    }
    PyObject **items = PySequence_Fast_ITEMS(fast);
    for (Py_ssize_t k = 0; k < count; k++) {
        lim->limit_of[k] = items[k] == Py_None ? -1 : PyLong_AsLongLong(items[k]);
        if (lim->limit_of[k] == -1 && PyErr_Occurred()) { Py_DECREF(fast); return -1; }
    }
    Py_DECREF(fast);
    lim->max_ms = lim->limit_of[lim->max_rows];
    lim->has_max_ms = lim->max_ms >= 0;
    return 0;
}

/* segmenter._plan on arrays of n words: the cues as a list of tuples of line boundaries, or None when the
 * limits leave no way through. With retry, a plan that finds no way within boundary_cost_limit is made
 * again without it (segmenter.segment's second try). */
static PyObject *plan_cues(Py_ssize_t n, const long long *lengths, const long long *joined, const long long *starts,
                           const long long *ends, const double *cue_cut, const double *line_cut,
                           const long long *inside_units, const Limits *lim_, const Prices *price_, int use_limit,
                           double boundary_cost_limit, int retry) {
    Limits lim = *lim_;
    Prices price = *price_;
    Py_ssize_t size = n + 1;
    long long *ints = PyMem_Calloc((size_t)(6 * size), sizeof(long long));
    double *best = PyMem_Calloc((size_t)size, sizeof(double));
    Py_ssize_t *indices = PyMem_Calloc((size_t)(2 * size), sizeof(Py_ssize_t));
    char *allowed = PyMem_Calloc((size_t)size, 1);
    double *line_best = NULL;
    Py_ssize_t *line_back = NULL;
    PyObject *result = NULL;
    if (!ints || !best || !indices || !allowed) { PyErr_NoMemory(); goto done; }
    long long *rows_of = ints, *inside = ints + size;
    Layout layout = {n, ints + 2 * size, ints + 3 * size, ints + 4 * size, ints + 5 * size};
    Py_ssize_t *back = indices, *previous_allowed = indices + size;
    build_layout(&layout, lengths, joined, lim.max_chars);
    int found = choose_cues(&layout, &lim, &price, starts, ends, cue_cut, line_cut, inside_units, use_limit,
                            boundary_cost_limit, back, rows_of, best, previous_allowed, allowed, inside);
    if (!found && retry && use_limit)
        found = choose_cues(&layout, &lim, &price, starts, ends, cue_cut, line_cut, inside_units, 0, 0.0, back,
                            rows_of, best, previous_allowed, allowed, inside);
    if (!found) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    /* The cues come out last first; count them, then fill the list front to back. */
    /* Room for the line-break program of the largest cue: its rows (never more than its words) by its words. */
    Py_ssize_t count = 0, widest_rows = 1, longest = 1;
    for (Py_ssize_t j = n; j > 0; j = back[j]) {
        Py_ssize_t words = j - back[j];
        Py_ssize_t rows = rows_of[j] < words ? (Py_ssize_t)rows_of[j] : words;
        count++;
        if (rows > widest_rows) widest_rows = rows;
        if (words > longest) longest = words;
    }
    line_best = PyMem_Malloc((size_t)((widest_rows + 1) * (longest + 1)) * sizeof(double));
    line_back = PyMem_Calloc((size_t)((widest_rows + 1) * (longest + 1)), sizeof(Py_ssize_t));
    Py_ssize_t *bounds = PyMem_Malloc((size_t)(widest_rows + 1) * sizeof(Py_ssize_t));
    if (!line_best || !line_back || !bounds) { PyMem_Free(bounds); PyErr_NoMemory(); goto done; }
    result = PyList_New(count);
    if (!result) { PyMem_Free(bounds); goto done; }
    Py_ssize_t slot = count;
    for (Py_ssize_t j = n; j > 0; j = back[j]) {
        Py_ssize_t i = back[j];
        Py_ssize_t rows = break_lines(&layout, i, j, rows_of[j], lim.max_chars, line_cut, &price, line_best,
                                      line_back, bounds);
        PyObject *cue = PyTuple_New(rows + 1);
        if (!cue) { Py_CLEAR(result); break; }
        for (Py_ssize_t r = 0; r <= rows; r++) {
            PyObject *number = PyLong_FromSsize_t(bounds[r]);
            if (!number) { Py_DECREF(cue); cue = NULL; break; }
            PyTuple_SET_ITEM(cue, r, number);
        }
        if (!cue) { Py_CLEAR(result); break; }
        PyList_SET_ITEM(result, --slot, cue);
    }
    PyMem_Free(bounds);
done:
    PyMem_Free(ints);
    PyMem_Free(best);
    PyMem_Free(indices);
    PyMem_Free(allowed);
    PyMem_Free(line_best);
    PyMem_Free(line_back);
    return result;
}


static PyObject *plan(PyObject *self, PyObject *args, PyObject *kwargs) {
    (void)self;
    static char *keywords[] = {"lengths", "joined", "starts", "ends", "cue_cut", "line_cut", "inside_units",
                               "limits", "prices", "boundary_cost_limit", NULL};
    PyObject *lengths_o = NULL, *joined_o = NULL, *starts_o = NULL, *ends_o = NULL, *cue_cut_o = NULL,
             *line_cut_o = NULL, *inside_units_o = NULL, *limits_o = NULL, *prices_o = NULL, *boundary_o = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|$OOOOOOOOOO:plan", keywords, &lengths_o, &joined_o, &starts_o,
                                     &ends_o, &cue_cut_o, &line_cut_o, &inside_units_o, &limits_o, &prices_o,
                                     &boundary_o))
        return NULL;
    PyObject *const given[] = {lengths_o, joined_o, starts_o, ends_o, cue_cut_o, line_cut_o, inside_units_o,
                               limits_o, prices_o, boundary_o};
    if (!all_given(given, keywords, "plan")) return NULL;
    Py_ssize_t n = PySequence_Size(lengths_o);
    if (n < 0) return NULL;
    Limits lim;
    Prices price;
    if (read_limits(limits_o, &lim) < 0 || read_prices(prices_o, &price) < 0) return NULL;
    int use_limit = boundary_o != Py_None;
    double boundary_cost_limit = use_limit ? PyFloat_AsDouble(boundary_o) : 0.0;
    if (use_limit && boundary_cost_limit == -1.0 && PyErr_Occurred()) return NULL;

    Py_ssize_t size = n + 1;
    long long *ints = PyMem_Calloc((size_t)(5 * size + lim.max_rows + 1), sizeof(long long));
    double *floats = PyMem_Calloc((size_t)(2 * size), sizeof(double));
    PyObject *result = NULL;
    if (!ints || !floats) { PyErr_NoMemory(); goto done; }
    long long *lengths = ints, *joined = ints + size, *starts = ints + 2 * size, *ends = ints + 3 * size,
              *inside_units = ints + 4 * size;
    lim.limit_of = ints + 5 * size;
    double *cue_cut = floats, *line_cut = floats + size;
    if (read_longs(lengths_o, n, lengths, "lengths") < 0 || read_longs(joined_o, n, joined, "joined") < 0 ||
        read_longs(starts_o, n, starts, "starts") < 0 || read_longs(ends_o, n, ends, "ends") < 0 ||
        read_doubles(cue_cut_o, n, cue_cut, "cue_cut") < 0 || read_doubles(line_cut_o, n, line_cut, "line_cut") < 0 ||
        read_longs(inside_units_o, n, inside_units, "inside_units") < 0 || read_limit_of(limits_o, &lim) < 0)
        goto done;
    result = plan_cues(n, lengths, joined, starts, ends, cue_cut, line_cut, inside_units, &lim, &price, use_limit,
                       boundary_cost_limit, 0);
done:
    PyMem_Free(ints);
    PyMem_Free(floats);
    return result;
}

/* language.cut_costs after the words' profiles: the bits of language._BITS and the signs
 * of language._FEATURES, summed in the same order. */
enum {
    P_CLAUSE = 1, P_DASH = 2, P_CATEGORY = 8 | 16 | 32 | 64, P_CAPITALISED = 128, P_NUMBER = 256,
    P_STARTS_DASH = 512, P_UNIT = 1024, P_JOINS = 2048, P_OPENS = 4096, P_PREPOSITION = 8192, P_GENITIVE = 16384,
    P_PARTICLE = 32768, P_NOUN_PHRASE = 65536, P_CLOSES_NEGATION = 131072,
};
enum { C_AUXILIARY = 16, C_PRONOUN = 32 };  /* language._AUXILIARY, language._PRONOUN */
enum {
    S_SENTENCE = 1, S_CLAUSE = 2, S_DASH = 4, S_INSIDE_NAME = 128, S_NUMBER_UNIT = 256, S_BEFORE_CONJUNCTION = 512,
    S_OPENER_AFTER = 1024, S_SOURCE_CUE_END = 2048, S_BEFORE_PREPOSITION = 4096, S_BEFORE_GENITIVE = 8192,
    S_BEFORE_PARTICLE = 16384, S_BEFORE_DETERMINER = 32768, S_BEFORE_AUXILIARY = 65536, SIGNS = 17,
};

/* The language.Weights attributes of the signs, bit 0 first (language._FEATURES), then the pause's two. */
static const int WEIGHT_ATTRIBUTES[SIGNS + 2] = {
    A_sentence_end, A_clause_end, A_dash, A_after_function_word, A_after_auxiliary, A_after_pronoun,
    A_after_conjunction, A_inside_name, A_number_unit, A_before_conjunction, A_before_conjunction, A_source_cue_end,
    A_before_preposition, A_before_genitive, A_before_particle, A_before_determiner, A_before_auxiliary,
    A_pause_per_second, A_pause_cap,
};

/* language._closes_particle: a conjunction that is no article or determiner too, or a preposition. */
static int closes_particle(long long bits) {
    return ((bits & P_JOINS) && !(bits & P_NOUN_PHRASE)) || (bits & P_PREPOSITION);
}

/* language._particle_ends: word k, a possible particle, ends a clause, a sentence or the turn, or a
 * conjunction or a preposition follows. A word's profile does not keep ends_sentence as a bit:
 * sentence_end[k + 1] says it of word k. */
static int particle_ends(const long long *bits, const long long *sentence_end, Py_ssize_t n, Py_ssize_t k) {
    return (bits[k] & P_CLAUSE) || k + 1 == n || sentence_end[k + 1] || closes_particle(bits[k + 1]);
}

/* The signs (bits of language._FEATURES) of a cut before word k (k >= 1): language.cut_signs. */
static long long cut_signs(const long long *bits, const long long *sentence_end, const long long *hints,
                           Py_ssize_t n, Py_ssize_t k) {
    long long before = bits[k - 1], after = bits[k];
    long long signs;
    if (sentence_end[k]) signs = S_SENTENCE;
    else if (before & P_CLAUSE) signs = S_CLAUSE;
    else if ((before & P_DASH) || (after & P_STARTS_DASH)) signs = S_DASH;
    else {
        signs = before & P_CATEGORY;
        if ((before & P_PARTICLE) && closes_particle(after)) signs = 0;
        int content_before = signs == 0;
        if (k >= 2 && !sentence_end[k - 1] && (before & P_CAPITALISED) && (after & P_CAPITALISED))
            signs |= S_INSIDE_NAME;
        if ((before & P_NUMBER) && (after & P_UNIT)) signs |= S_NUMBER_UNIT;
        if (after & P_JOINS) signs |= S_BEFORE_CONJUNCTION;
        else if ((after & P_PARTICLE) && (content_before || (before & P_CATEGORY) == C_PRONOUN) &&
                 particle_ends(bits, sentence_end, n, k))
            signs |= S_BEFORE_PARTICLE;
        else if (after & P_PREPOSITION) signs |= S_BEFORE_PREPOSITION;
        else if (after & P_GENITIVE) signs |= S_BEFORE_GENITIVE;
        else if (content_before && (after & P_NOUN_PHRASE)) signs |= S_BEFORE_DETERMINER;
        else if (content_before && (after & P_CATEGORY) == C_AUXILIARY && !(after & P_CLOSES_NEGATION))
            signs |= S_BEFORE_AUXILIARY;
    }
    if ((after & P_OPENS) && !sentence_end[k]) signs |= S_OPENER_AFTER;
    if (hints[k]) signs |= S_SOURCE_CUE_END;
    return signs;
}

/* What a cut of these signs, after a silence of gap ms, costs under one table of weights (SIGNS signs, then
 * the pause's two). */
static double signs_cost(long long signs, long long gap, const double *table) {
    double cost = 0.0;
    for (int bit = 0; bit < SIGNS; bit++)
        if (signs & (1LL << bit)) cost += table[bit];
    if (gap > 0) {
        double pause = table[SIGNS] * (double)gap / 1000.0, cap = table[SIGNS + 1];
        cost += pause > cap ? pause : cap;
    }
    return cost;
}

/* The cost of a cut before word k (k >= 1) under one table of weights. */
static double cut_cost(const long long *bits, const long long *sentence_end, const long long *hints,
                       const long long *gaps, Py_ssize_t n, Py_ssize_t k, const double *table) {
    return signs_cost(cut_signs(bits, sentence_end, hints, n, k), gaps[k], table);
}

static PyObject *cut_costs(PyObject *self, PyObject *args, PyObject *kwargs) {
    (void)self;
    static char *keywords[] = {"bits", "sentence_end", "hints", "gaps", "weights", NULL};
    PyObject *bits_o = NULL, *sentence_end_o = NULL, *hints_o = NULL, *gaps_o = NULL, *weights_o = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|$OOOOO:cut_costs", keywords, &bits_o, &sentence_end_o, &hints_o,
                                     &gaps_o, &weights_o))
        return NULL;
    PyObject *const given[] = {bits_o, sentence_end_o, hints_o, gaps_o, weights_o};
    if (!all_given(given, keywords, "cut_costs")) return NULL;
    Py_ssize_t n = PySequence_Size(bits_o);
    Py_ssize_t kinds = PySequence_Size(weights_o);
    if (n < 0 || kinds < 0) return NULL;
    Py_ssize_t size = n + 1;
    long long *ints = PyMem_Calloc((size_t)(4 * size), sizeof(long long));
    double *weights = PyMem_Calloc((size_t)(kinds * (SIGNS + 2) + 1), sizeof(double));
    PyObject *result = NULL;
    if (!ints || !weights) { PyErr_NoMemory(); goto done; }
    long long *bits = ints, *sentence_end = ints + size, *hints = ints + 2 * size, *gaps = ints + 3 * size;
    if (read_longs(bits_o, n, bits, "bits") < 0 || read_longs(sentence_end_o, n, sentence_end, "sentence_end") < 0 ||
        read_longs(hints_o, n, hints, "hints") < 0 || read_longs(gaps_o, n, gaps, "gaps") < 0)
        goto done;
    for (Py_ssize_t t = 0; t < kinds; t++) {
        PyObject *table = PySequence_GetItem(weights_o, t);
        if (!table) goto done;
        for (int w = 0; w < SIGNS + 2; w++)
            if (get_double(table, WEIGHT_ATTRIBUTES[w], weights + t * (SIGNS + 2) + w, NULL, NULL) < 0) {
                Py_DECREF(table);
                goto done;
            }
        Py_DECREF(table);
    }
    result = PyList_New(kinds);
    if (!result) goto done;
    for (Py_ssize_t t = 0; t < kinds; t++) {
        PyObject *costs = PyList_New(n);
        if (!costs) { Py_CLEAR(result); goto done; }
        PyList_SET_ITEM(result, t, costs);
        for (Py_ssize_t k = 0; k < n; k++) {
            double cost = k > 0 ? cut_cost(bits, sentence_end, hints, gaps, n, k, weights + t * (SIGNS + 2)) : 0.0;
            PyObject *number = PyFloat_FromDouble(cost);
            if (!number) { Py_CLEAR(result); goto done; }
            PyList_SET_ITEM(costs, k, number);
        }
    }
done:
    PyMem_Free(ints);
    PyMem_Free(weights);
    return result;
}

/* segment_turn: segmenter._turn, language.word_profiles, language.cut_costs with lexical_costs,
 * segmenter.inside_units and segmenter._plan (and its second try) for one turn of Word objects, in one call.
 * A word's profile comes as one number from the codes dict (text -> code), made by calling profile(text)
 * for a text not yet in it: the bits of language._BITS, then these, then the word's number in the fixed
 * phrases (its bare form's, plus 1; 0: in none). */
enum { CODE_ENDS_SENTENCE = 1 << 18, CODE_OPENS_NEGATION = 1 << 19, CODE_PHRASE_SHIFT = 20 };
#define MAX_MS 1000000000000LL  /* timecode.MAX_MS */
#define NEGATION_REACH 4        /* language._NEGATION_REACH */
#define CLAUSE_INSIDE_UNITS 4   /* segmenter.CLAUSE_INSIDE_UNITS */
#define SENTENCE_INSIDE_UNITS 8 /* segmenter.SENTENCE_INSIDE_UNITS */

/* A Han, kana or fullwidth character (language.UNSPACED). */
static int unspaced_char(Py_UCS4 c) {
    return (c >= 0x3000 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||
           (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xff60) || (c >= 0x20000 && c <= 0x2fa1f);
}

/* An int time within timecode.MAX_MS into *out; 0 for anything else (the Python path then decides). */
static int read_time(PyObject *value, long long *out) {
    if (!PyLong_CheckExact(value)) return 0;
    int overflow = 0;
    long long number = PyLong_AsLongLongAndOverflow(value, &overflow);
    if (overflow || (number == -1 && PyErr_Occurred())) { PyErr_Clear(); return 0; }
    if (number < -MAX_MS || number > MAX_MS) return 0;
    *out = number;
    return 1;
}

/* Fixed phrases cut: count[k] += 1 for each cut before word k inside one (language.lexical_costs). */
static int phrase_cuts(const long long *code, Py_ssize_t n, PyObject *phrases, long long *count) {
    for (Py_ssize_t k = 0; k + 1 < n; k++) {
        long long first = (code[k] >> CODE_PHRASE_SHIFT) - 1, second = (code[k + 1] >> CODE_PHRASE_SHIFT) - 1;
        if (first < 0 || second < 0) continue;
        PyObject *key = PyLong_FromLongLong((first << 20) | second);
        if (!key) return -1;
        PyObject *rests = PyDict_GetItemWithError(phrases, key);
        Py_DECREF(key);
        if (!rests) {
            if (PyErr_Occurred()) return -1;
            continue;
        }
        if (code[k] & (CODE_ENDS_SENTENCE | P_CLAUSE | P_DASH)) continue;  /* the first word ends something */
        Py_ssize_t count_rests = PyTuple_GET_SIZE(rests);
        for (Py_ssize_t r = 0; r < count_rests; r++) {
            PyObject *rest = PyTuple_GET_ITEM(rests, r);
            Py_ssize_t length = PyTuple_GET_SIZE(rest), end = k + 1 + length;
            if (end >= n) continue;
            int same = 1;
            for (Py_ssize_t x = 0; x < length && same; x++) {
                long long want = PyLong_AsLongLong(PyTuple_GET_ITEM(rest, x));
                if (want == -1 && PyErr_Occurred()) return -1;
                same = (code[k + 2 + x] >> CODE_PHRASE_SHIFT) - 1 == want;
            }
            for (Py_ssize_t m = k + 1; m < end && same; m++)
                if (code[m] & (CODE_ENDS_SENTENCE | P_CLAUSE | P_DASH)) same = 0;
            if (same) {
                for (Py_ssize_t cut = k + 1; cut <= end; cut++) count[cut]++;
                break;
            }
        }
    }
    return 0;
}

/* Split negations cut: flag[k] = 1 for each cut before word k inside one (language.lexical_costs). */
static void negation_cuts(const long long *code, const long long *sentence_end, Py_ssize_t n, long long *flag) {
    for (Py_ssize_t k = 0; k < n; k++) {
        if (!(code[k] & CODE_OPENS_NEGATION)) continue;
        Py_ssize_t last = k + 1 + NEGATION_REACH < n ? k + 1 + NEGATION_REACH : n;
        for (Py_ssize_t m = k + 1; m < last; m++) {
            if (sentence_end[m] || (code[m - 1] & P_CLAUSE)) break;
            if (code[m] & P_CLOSES_NEGATION) {
                for (Py_ssize_t cut = k + 1; cut <= m; cut++) flag[cut] = 1;
                break;
            }
        }
    }
}

/* model.Word's slots: where text, start, end, cue_end and sound lie in a Word, read straight from the object rather
 * than looked up by name each time (which took a fifth of a turn's time). Objects of another type, or a slot
 * left empty, are read by name. */
enum { WORD_TEXT, WORD_START, WORD_END, WORD_CUE_END, WORD_SOUND, WORD_FIELDS };
typedef struct {
    PyTypeObject *type;
    Py_ssize_t offset[WORD_FIELDS];
} Slots;

static int word_attribute(int field) {
    return field == WORD_TEXT ? A_text : field == WORD_START ? A_start : field == WORD_END ? A_end
           : field == WORD_CUE_END ? A_cue_end : A_sound;
}

static void find_slots(PyTypeObject *type, Slots *slots) {
    slots->type = NULL;
    if (type->tp_getattro != PyObject_GenericGetAttr) return;
    for (int field = 0; field < WORD_FIELDS; field++) {
        PyObject *descriptor = _PyType_Lookup(type, attribute_names[word_attribute(field)]);
        if (!descriptor || !Py_IS_TYPE(descriptor, &PyMemberDescr_Type)) return;
        PyMemberDef *member = ((PyMemberDescrObject *)descriptor)->d_member;
        if (member->type != Py_T_OBJECT_EX) return;
        slots->offset[field] = member->offset;
    }
    slots->type = type;
}

/* A new reference to the field of word, or NULL with an exception set. */
static PyObject *word_field(PyObject *word, const Slots *slots, int field) {
    if (Py_TYPE(word) == slots->type) {
        PyObject *value = *(PyObject **)((char *)word + slots->offset[field]);
        if (value) return Py_NewRef(value);
    }
    return PyObject_GetAttr(word, attribute_names[word_attribute(field)]);
}

static PyObject *segment_turn(PyObject *self, PyObject *args, PyObject *kwargs) {
    (void)self;
    static char *keywords[] = {"words", "speaker", "floor", "codes", "profile", "phrases", "weights", "limits",
                               "prices", "boundary_cost_limit", "cue", NULL};
    PyObject *words_o = NULL, *speaker_o = NULL, *floor_o = NULL, *codes_o = NULL, *profile_o = NULL,
             *phrases_o = NULL, *weights_o = NULL, *limits_o = NULL, *prices_o = NULL, *boundary_o = NULL,
             *cue_o = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|$OOOOOOOOOOO:segment_turn", keywords, &words_o, &speaker_o,
                                     &floor_o, &codes_o, &profile_o, &phrases_o, &weights_o, &limits_o, &prices_o,
                                     &boundary_o, &cue_o))
        return NULL;
    PyObject *const given[] = {words_o, speaker_o, floor_o, codes_o, profile_o, phrases_o, weights_o, limits_o,
                               prices_o, boundary_o, cue_o};
    if (!all_given(given, keywords, "segment_turn")) return NULL;
    if (!PyDict_Check(codes_o) || !PyDict_Check(phrases_o)) {
        PyErr_SetString(PyExc_TypeError, "segment_turn: codes and phrases must be dicts");
        return NULL;
    }
    PyObject *fast = PySequence_Fast(words_o, "words");
    if (!fast) return NULL;
    Py_ssize_t m = PySequence_Fast_GET_SIZE(fast);
    PyObject **items = PySequence_Fast_ITEMS(fast);
    Limits lim;
    Prices price;
    double weights[2 * (SIGNS + 2)], lexical[4];
    Py_ssize_t size = m + 1;
    PyObject *texts = NULL, *kept = NULL, *planned = NULL, *cues = NULL, *long_words = NULL;
    PyObject *result = NULL;
    long long *ints = NULL;
    double *floats = NULL;
    int usable = 1;
    if (read_limits(limits_o, &lim) < 0 || read_prices(prices_o, &price) < 0) goto done;
    for (int t = 0; t < 2; t++) {
        PyObject *table = PySequence_GetItem(weights_o, t);
        if (!table) goto done;
        int failed = 0;
        for (int w = 0; w < SIGNS + 2 && !failed; w++)
            failed = get_double(table, WEIGHT_ATTRIBUTES[w], weights + t * (SIGNS + 2) + w, NULL, NULL) < 0;
        failed = failed || get_double(table, A_inside_phrase, lexical + 2 * t, NULL, NULL) < 0 ||
                 get_double(table, A_inside_negation, lexical + 2 * t + 1, NULL, NULL) < 0;
        Py_DECREF(table);
        if (failed) goto done;
    }
    int use_limit = boundary_o != Py_None;
    double boundary_cost_limit = use_limit ? PyFloat_AsDouble(boundary_o) : 0.0;
    if (use_limit && boundary_cost_limit == -1.0 && PyErr_Occurred()) goto done;
    ints = PyMem_Calloc((size_t)(11 * size + lim.max_rows + 1), sizeof(long long));
    floats = PyMem_Calloc((size_t)(2 * size), sizeof(double));
    texts = PyList_New(0);
    if (!ints || !floats || !texts) { if (!PyErr_Occurred()) PyErr_NoMemory(); goto done; }
    long long *lengths = ints, *joined = ints + size, *starts = ints + 2 * size, *ends = ints + 3 * size,
              *code = ints + 4 * size, *sentence_end = ints + 5 * size, *hints = ints + 6 * size,
              *gaps = ints + 7 * size, *inside_units = ints + 8 * size, *phrase = ints + 9 * size,
              *negation = ints + 10 * size;
    lim.limit_of = ints + 11 * size;
    if (read_limit_of(limits_o, &lim) < 0) goto done;
    double *cue_cut = floats, *line_cut = floats + size;
    char *keep = (char *)gaps;  /* gaps are filled after the words are read */

    /* _turn: the words with text, their times running maxima from the floor. */
    Slots slots = {NULL, {0}};
    if (m) find_slots(Py_TYPE(items[0]), &slots);
    Py_ssize_t n = 0;
    Py_ssize_t sounds = 0;
    for (Py_ssize_t x = 0; x < m && usable; x++) {
        PyObject *word = items[x];
        PyObject *sound = word_field(word, &slots, WORD_SOUND);
        if (!sound) { PyErr_Clear(); usable = 0; break; }
        usable = sound == Py_True || sound == Py_False;
        sounds += sound == Py_True;
        Py_DECREF(sound);
        if (!usable) break;
        PyObject *text = word_field(word, &slots, WORD_TEXT);
        if (!text) { PyErr_Clear(); usable = 0; break; }  /* whatever is wrong, the Python says it */
        if (!PyUnicode_CheckExact(text)) { Py_DECREF(text); usable = 0; break; }
        Py_ssize_t length = PyUnicode_GET_LENGTH(text);
        if (length && (Py_UNICODE_ISSPACE(PyUnicode_READ_CHAR(text, 0)) ||
                       Py_UNICODE_ISSPACE(PyUnicode_READ_CHAR(text, length - 1)))) {
            PyObject *stripped = PyObject_CallMethodNoArgs(text, attribute_names[A_strip]);
            Py_DECREF(text);
            if (!stripped) { PyErr_Clear(); usable = 0; break; }
            text = stripped;
            length = PyUnicode_GET_LENGTH(text);
        }
        keep[x] = length > 0;
        if (!length) { Py_DECREF(text); continue; }
        if (PyUnicode_KIND(text) != PyUnicode_1BYTE_KIND) {
            int kind = PyUnicode_KIND(text);
            const void *data = PyUnicode_DATA(text);
            for (Py_ssize_t c = 0; c < length; c++)
                if (unspaced_char(PyUnicode_READ(kind, data, c))) { usable = 0; break; }
            if (!usable) { Py_DECREF(text); break; }
        }
        int appended = PyList_Append(texts, text);
        Py_DECREF(text);
        if (appended < 0) goto done;
        PyObject *values[3];
        int read = 0;
        for (; read < 3; read++)
            if (!(values[read] = word_field(word, &slots, WORD_START + read))) break;
        if (read < 3) {
            while (read--) Py_DECREF(values[read]);
            PyErr_Clear();
            usable = 0;
            break;
        }
        usable = read_time(values[0], &starts[n]) && read_time(values[1], &ends[n]) &&
                 (values[2] == Py_True || values[2] == Py_False);
        hints[n] = values[2] == Py_True;
        lengths[n] = length;
        for (int a = 0; a < 3; a++) Py_DECREF(values[a]);
        n++;
    }
    if (!usable) { result = Py_NewRef(Py_None); goto done; }
    if (sounds && sounds < m) { result = Py_NewRef(Py_False); goto done; }  /* transforms.sounds_apart first */
    if (floor_o != Py_None && n) {
        PyObject *floor_start = PySequence_GetItem(floor_o, 0), *floor_end = PySequence_GetItem(floor_o, 1);
        long long low_start = 0, low_end = 0;
        usable = floor_start && floor_end && read_time(floor_start, &low_start) && read_time(floor_end, &low_end);
        Py_XDECREF(floor_start);
        Py_XDECREF(floor_end);
        if (PyErr_Occurred()) goto done;
        if (!usable) { result = Py_NewRef(Py_None); goto done; }
        if (starts[0] < low_start || ends[0] < low_end) {
            long long first_start = starts[0];
            starts[0] = first_start > low_start ? first_start : low_start;
            long long first_end = ends[0] > low_end ? ends[0] : low_end;
            ends[0] = first_end > first_start ? first_end : first_start;
        }
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        if (ends[k] < starts[k]) ends[k] = starts[k];
        if (k) {
            if (starts[k] < starts[k - 1]) starts[k] = starts[k - 1];
            if (ends[k] < ends[k - 1]) ends[k] = ends[k - 1];
        }
    }
    if (n == m) {
        kept = Py_NewRef(words_o);
    } else {
        kept = PyList_New(n);
        if (!kept) goto done;
        for (Py_ssize_t x = 0, k = 0; x < m; x++)
            if (keep[x]) PyList_SET_ITEM(kept, k++, Py_NewRef(items[x]));
    }
    if (n == 0) { result = Py_BuildValue("([][]O)", Py_None); goto done; }

    /* word_profiles: each text's code, made once per language */
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *text = PyList_GET_ITEM(texts, k);
        PyObject *found = PyDict_GetItemWithError(codes_o, text);
        if (found) Py_INCREF(found);
        else if (PyErr_Occurred() || !(found = PyObject_CallOneArg(profile_o, text))) goto done;
        code[k] = PyLong_AsLongLong(found);
        Py_DECREF(found);
        if (code[k] == -1 && PyErr_Occurred()) goto done;
    }
    /* cut_costs' inputs: sentence_ends, the hints of the word before, the gaps; then inside_units */
    long long previous_hint = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        long long hint = hints[k];
        sentence_end[k] = k > 0 && (code[k - 1] & CODE_ENDS_SENTENCE);
        hints[k] = previous_hint;
        previous_hint = hint;
        gaps[k] = k > 0 && starts[k] > ends[k - 1] ? starts[k] - ends[k - 1] : 0;
        inside_units[k] = k == 0 ? 0 : (code[k - 1] & CODE_ENDS_SENTENCE) ? SENTENCE_INSIDE_UNITS
                                       : (code[k - 1] & (P_CLAUSE | P_DASH)) ? CLAUSE_INSIDE_UNITS : 0;
        joined[k] = 0;
    }
    long long *bits = code;  /* the profile bits the signs read are the code's low bits */
    if (phrase_cuts(code, n, phrases_o, phrase) < 0) goto done;
    negation_cuts(code, sentence_end, n, negation);
    for (Py_ssize_t k = 1; k < n; k++) {
        long long signs = cut_signs(bits, sentence_end, hints, n, k);
        cue_cut[k] = signs_cost(signs, gaps[k], weights);
        line_cut[k] = signs_cost(signs, gaps[k], weights + SIGNS + 2);
        if (phrase[k] || negation[k]) {
            cue_cut[k] += (double)phrase[k] * lexical[0] + (double)negation[k] * lexical[1];
            line_cut[k] += (double)phrase[k] * lexical[2] + (double)negation[k] * lexical[3];
        }
    }
    planned = plan_cues(n, lengths, joined, starts, ends, cue_cut, line_cut, inside_units, &lim, &price, use_limit,
                        boundary_cost_limit, 1);
    if (!planned) goto done;

    /* the cues (segmenter.segment's loop over the plan): their lines, times and words, and the words
     * alone on a row that is too narrow for them */
    Py_ssize_t count = PyList_GET_SIZE(planned);
    cues = PyList_New(count);
    long_words = PyList_New(0);
    if (!cues || !long_words) goto done;
    for (Py_ssize_t c = 0; c < count; c++) {
        PyObject *bounds = PyList_GET_ITEM(planned, c);
        Py_ssize_t rows = PyTuple_GET_SIZE(bounds) - 1, first = PyLong_AsSsize_t(PyTuple_GET_ITEM(bounds, 0)),
                   last = PyLong_AsSsize_t(PyTuple_GET_ITEM(bounds, rows));
        PyObject *lines = PyList_New(rows);
        if (!lines) goto done;
        for (Py_ssize_t r = 0; r < rows; r++) {
            Py_ssize_t a = PyLong_AsSsize_t(PyTuple_GET_ITEM(bounds, r)),
                       b = PyLong_AsSsize_t(PyTuple_GET_ITEM(bounds, r + 1));
            PyObject *line;
            if (b - a == 1) {
                line = Py_NewRef(PyList_GET_ITEM(texts, a));
                if (lengths[a] > lim.max_chars) {
                    PyObject *word = Py_BuildValue("(OL)", line, starts[a]);
                    if (!word || PyList_Append(long_words, word) < 0) {
                        Py_XDECREF(word);
                        Py_DECREF(line);
                        Py_DECREF(lines);
                        goto done;
                    }
                    Py_DECREF(word);
                }
            } else {
                PyObject *part = PyList_GetSlice(texts, a, b);
                line = part ? PyUnicode_Join(space, part) : NULL;
                Py_XDECREF(part);
            }
            if (!line) { Py_DECREF(lines); goto done; }
            PyList_SET_ITEM(lines, r, line);
        }
        PyObject *cue_args[5] = {PyLong_FromLongLong(starts[first]), PyLong_FromLongLong(ends[last - 1]), lines,
                                 speaker_o, PyList_GetSlice(kept, first, last)};
        PyObject *cue = cue_args[0] && cue_args[1] && cue_args[4]
                            ? PyObject_Vectorcall(cue_o, cue_args, 4, words_keyword) : NULL;
        Py_XDECREF(cue_args[0]);
        Py_XDECREF(cue_args[1]);
        Py_DECREF(lines);
        Py_XDECREF(cue_args[4]);
        if (!cue) goto done;
        PyList_SET_ITEM(cues, c, cue);
    }
    result = Py_BuildValue("(OO(LL))", cues, long_words, starts[n - 1], ends[n - 1]);
done:
    Py_DECREF(fast);
    Py_XDECREF(texts);
    Py_XDECREF(kept);
    Py_XDECREF(planned);
    Py_XDECREF(cues);
    Py_XDECREF(long_words);
    PyMem_Free(ints);
    PyMem_Free(floats);
    return result;
}

/* --- the Amberscript reader's common word (amberscript_json._read_words) ------------------------------------ */

static PyObject *key_conf, *key_duration, *key_pristine;  /* "conf", "duration", "pristine", made when the module loads */
static PyObject *no_arguments;                             /* (), made when the module loads */

/* How words are made: by calling word_class, or (slots given) as object.__new__(word_class) then each slot set
 * through its descriptor, the first four to the word's fields and the rest to defaults: what the dataclass's
 * __init__ does, without the Python call (amberscript_json._word_layout says when it may). */
typedef struct {
    PyObject *word_class;
    PyObject *const *slots;
    Py_ssize_t count;
    PyObject *const *defaults;
} WordMaker;

static PyObject *make_word(const WordMaker *maker, PyObject *const *fields) {
    if (!maker->slots) return PyObject_Vectorcall(maker->word_class, fields, 4, NULL);
    PyTypeObject *type = (PyTypeObject *)maker->word_class;
    PyObject *word = type->tp_new(type, no_arguments, NULL);
    if (!word) return NULL;
    for (Py_ssize_t k = 0; k < maker->count; k++) {
        PyObject *slot = maker->slots[k];
        if (Py_TYPE(slot)->tp_descr_set(slot, word, k < 4 ? fields[k] : maker->defaults[k - 4]) < 0) {
            Py_DECREF(word);
            return NULL;
        }
    }
    return word;
}

/* A layout, (slots, defaults) (amberscript_json._word_layout), into maker: 0, or -1 with TypeError. */
static int read_word_layout(PyObject *layout, WordMaker *maker) {
    PyObject *slots, *defaults;
    if (!PyTuple_CheckExact(layout) || PyTuple_GET_SIZE(layout) != 2 ||
        !PyTuple_CheckExact(slots = PyTuple_GET_ITEM(layout, 0)) ||
        !PyTuple_CheckExact(defaults = PyTuple_GET_ITEM(layout, 1)) || PyTuple_GET_SIZE(slots) < 4 ||
        PyTuple_GET_SIZE(defaults) != PyTuple_GET_SIZE(slots) - 4 || !PyType_Check(maker->word_class) ||
        !((PyTypeObject *)maker->word_class)->tp_new) {
        PyErr_SetString(PyExc_TypeError, "layout must be (slots, defaults) of a class");
        return -1;
    }
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(slots); k++)
        if (!Py_TYPE(PyTuple_GET_ITEM(slots, k))->tp_descr_set) {
            PyErr_SetString(PyExc_TypeError, "layout: a slot that cannot be set");
            return -1;
        }
    maker->slots = &PyTuple_GET_ITEM(slots, 0);
    maker->count = PyTuple_GET_SIZE(slots);
    maker->defaults = &PyTuple_GET_ITEM(defaults, 0);
    return 0;
}

#define AMBERSCRIPT_MAX_SECONDS 1000000000LL  /* timecode.MAX_MS // 1000 */

/* A time of the common word: an int or a float (exactly: no bool) within 0..AMBERSCRIPT_MAX_SECONDS, as a
 * double (exact for such an int); 0 when it is none. NaN fails the comparisons, as in Python. */
static int common_seconds(PyObject *value, double *out) {
    if (PyFloat_CheckExact(value)) {
        double seconds = PyFloat_AS_DOUBLE(value);
        if (!(seconds >= 0.0 && seconds <= (double)AMBERSCRIPT_MAX_SECONDS)) return 0;
        *out = seconds;
        return 1;
    }
    if (PyLong_CheckExact(value)) {
        int overflow = 0;
        long long seconds = PyLong_AsLongLongAndOverflow(value, &overflow);
        if (seconds == -1 && PyErr_Occurred()) return -1;
        if (overflow || seconds < 0 || seconds > AMBERSCRIPT_MAX_SECONDS) return 0;
        *out = (double)seconds;
        return 1;
    }
    return 0;
}

/* text.strip(): the text itself when neither end is white space (str.strip's own test), else the method's result. */
static PyObject *stripped(PyObject *text) {
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0) return NULL;
#endif
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    if (length > 0) {
        int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        if (!Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, 0)) &&
            !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, length - 1))) {
            Py_INCREF(text);
            return text;
        }
    }
    return PyObject_CallMethodNoArgs(text, attribute_names[A_strip]);
}

/* One dict: 1 when it is a common word (appended to out as word_class(text, start, end, conf)), 0 when it is
 * not (left to the Python), -1 on an error. */
static int common_word(PyObject *raw, long long offset, long long lowest, long long highest, const WordMaker *maker,
                       PyObject *out) {
    PyObject *found[4] = {NULL, NULL, NULL, NULL};  /* text, start, end, conf: owned, a key's __eq__ may run code */
    PyObject *keys[4] = {attribute_names[A_text], attribute_names[A_start], attribute_names[A_end], key_conf};
    PyObject *text = NULL, *numbers[2] = {NULL, NULL}, *word = NULL;
    int result = 0;
    for (int k = 0; k < 4; k++) {
        PyObject *value = PyDict_GetItemWithError(raw, keys[k]);
        if (!value) {
            result = PyErr_Occurred() ? -1 : 0;
            goto done;
        }
        Py_INCREF(value);
        found[k] = value;
    }
    if (!PyUnicode_CheckExact(found[0])) goto done;
    double start, end;
    int given = common_seconds(found[1], &start);
    if (given <= 0) {
        result = given;
        goto done;
    }
    given = common_seconds(found[2], &end);
    if (given <= 0) {
        result = given;
        goto done;
    }
    if (!(start <= end)) goto done;
    PyObject *conf = found[3];
    if (conf != Py_None) {
        if (!PyFloat_CheckExact(conf)) goto done;
        double confidence = PyFloat_AS_DOUBLE(conf);
        if (!(confidence >= 0.0 && confidence <= 1.0)) goto done;
    }
    /* Every key one of the export's own, "pristine" (if there) true. */
    int has_duration = PyDict_Contains(raw, key_duration);
    if (has_duration < 0) {
        result = -1;
        goto done;
    }
    PyObject *pristine = PyDict_GetItemWithError(raw, key_pristine);
    if (!pristine && PyErr_Occurred()) {
        result = -1;
        goto done;
    }
    if ((pristine && pristine != Py_True) || PyDict_GET_SIZE(raw) != 4 + has_duration + (pristine != NULL)) goto done;
    long long start_ms = (long long)floor(start * 1000.0 + 0.5), end_ms = (long long)floor(end * 1000.0 + 0.5);
    if (!(lowest <= start_ms && end_ms <= highest)) goto done;
    text = stripped(found[0]);
    if (!text) {
        result = -1;
        goto done;
    }
    if (PyUnicode_GET_LENGTH(text) == 0) goto done;
    if (!(numbers[0] = PyLong_FromLongLong(start_ms + offset)) || !(numbers[1] = PyLong_FromLongLong(end_ms + offset))) {
        result = -1;
        goto done;
    }
    PyObject *args[4] = {text, numbers[0], numbers[1], conf};
    word = make_word(maker, args);
    result = !word || PyList_Append(out, word) < 0 ? -1 : 1;
done:
    for (int k = 0; k < 4; k++) Py_XDECREF(found[k]);
    Py_XDECREF(text);
    Py_XDECREF(numbers[0]);
    Py_XDECREF(numbers[1]);
    Py_XDECREF(word);
    return result;
}

static PyObject *amberscript_words(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 7 && nargs != 8) {
        PyErr_Format(PyExc_TypeError, "amberscript_words() takes 7 or 8 arguments (%zd given)", nargs);
        return NULL;
    }
    PyObject *raw_list = args[0], *out = args[6];
    WordMaker maker = {args[5], NULL, 0, NULL};
    if (!PyList_Check(raw_list) || !PyList_Check(out)) {
        PyErr_SetString(PyExc_TypeError, "amberscript_words(): words_raw and out must be lists");
        return NULL;
    }
    if (nargs == 8 && args[7] != Py_None && read_word_layout(args[7], &maker) < 0) return NULL;
    Py_ssize_t i = PyLong_AsSsize_t(args[1]);
    if (i == -1 && PyErr_Occurred()) return NULL;
    long long bounds[3];
    for (int k = 0; k < 3; k++) {
        bounds[k] = PyLong_AsLongLong(args[2 + k]);
        if (bounds[k] == -1 && PyErr_Occurred()) return NULL;
    }
    /* Sums of two of these stay within long long (the reader's are within 3 * MAX_MS). */
    const long long limit = 1LL << 60;
    if (i < 0 || bounds[0] <= -limit || bounds[0] >= limit || bounds[1] <= -limit || bounds[1] >= limit ||
        bounds[2] <= -limit || bounds[2] >= limit) {
        PyErr_SetString(PyExc_ValueError, "amberscript_words(): index or bounds out of range");
        return NULL;
    }
    for (; i < PyList_GET_SIZE(raw_list); i++) {
        PyObject *raw = PyList_GET_ITEM(raw_list, i);
        if (!PyDict_CheckExact(raw)) break;
        Py_INCREF(raw);
        int taken = common_word(raw, bounds[0], bounds[1], bounds[2], &maker, out);
        Py_DECREF(raw);
        if (taken < 0) return NULL;
        if (!taken) break;
    }
    return PyLong_FromSsize_t(i);
}

/* --- words from cues (cues_to_words._segments_of) ----------------------------------------------------------- */

static PyObject *key_lines;  /* "lines", made when the module loads */

/* Whether text holds '<' or '{' (markup.strip_tags then has work to do). */
static int has_markup(PyObject *text) {
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    Py_ssize_t found = PyUnicode_FindChar(text, '<', 0, length, 1);
    if (found == -1) found = PyUnicode_FindChar(text, '{', 0, length, 1);
    return found == -2 ? -1 : found >= 0;
}

/* A cue's time as a long long: 1 when it is an int (no bool) within the core's LIMIT, 0 when not, -1 on error. */
static int cue_time(PyObject *value, long long *out) {
    if (!PyLong_CheckExact(value)) return 0;
    int overflow = 0;
    long long ms = PyLong_AsLongLongAndOverflow(value, &overflow);
    if (ms == -1 && PyErr_Occurred()) return -1;
    const long long limit = 1LL << 51;
    if (overflow || ms <= -limit || ms >= limit) return 0;
    *out = ms;
    return 1;
}

/* The words of one cue, as cues_to_words.shared_times shares its time and _segments_of makes them (the last
 * with cue_end set): a new list (empty when the cue has no word), Py_None (a new reference) when the cue is
 * left to the Python (lines that are no list of str, times that are no int within LIMIT, a product that
 * would overflow), NULL on an error. */
static PyObject *words_of_cue(PyObject *cue, PyObject *strip_tags, const WordMaker *maker) {
    PyObject *lines = NULL, *text = NULL, *times[2] = {NULL, NULL}, *words = NULL, *result = NULL;
    if (!(lines = PyObject_GetAttr(cue, key_lines))) goto done;
    int plain = PyList_CheckExact(lines);
    for (Py_ssize_t k = 0; plain && k < PyList_GET_SIZE(lines); k++)
        plain = PyUnicode_CheckExact(PyList_GET_ITEM(lines, k));
    if (!plain) goto python;
    if (!(text = PyUnicode_Join(space, lines))) goto done;
    int markup = has_markup(text);
    if (markup < 0) goto done;
    if (markup) {
        PyObject *bare = PyObject_CallOneArg(strip_tags, text);
        if (!bare) goto done;
        Py_SETREF(text, bare);
        if (!PyUnicode_CheckExact(text)) goto python;
    }
    if (!(times[0] = PyObject_GetAttr(cue, attribute_names[A_start])) ||
        !(times[1] = PyObject_GetAttr(cue, attribute_names[A_end])))
        goto done;
    long long start, end;
    for (int k = 0; k < 2; k++) {
        int fits = cue_time(times[k], k ? &end : &start);
        if (fits < 0) goto done;
        if (!fits) goto python;
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0) goto done;
#endif
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    /* str.split(): runs of characters that are not white space (Py_UNICODE_ISSPACE, as str.split tests). */
    Py_ssize_t count = 0;
    long long total = 0;
    for (Py_ssize_t k = 0; k < length;) {
        while (k < length && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k))) k++;
        if (k == length) break;
        Py_ssize_t first = k;
        while (k < length && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k))) k++;
        count++;
        total += (long long)(k - first) + 1;
    }
    if (!(words = PyList_New(count))) goto done;
    if (!count) goto made;
    long long span = end > start ? end - start : 0;
    if (span > 0 && total > LLONG_MAX / span) goto python;  /* span * offset, offset <= total */
    long long offset = 0, begin = start;
    Py_ssize_t index = 0;
    for (Py_ssize_t k = 0; k < length;) {
        while (k < length && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k))) k++;
        if (k == length) break;
        Py_ssize_t first = k;
        while (k < length && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k))) k++;
        offset += (long long)(k - first) + 1;
        long long last = start + span * (offset - 1) / total;
        long long finish = index == count - 1 ? (end > begin ? end : begin) : (last > begin ? last : begin);
        PyObject *fields[4] = {PyUnicode_Substring(text, first, k), PyLong_FromLongLong(begin),
                               PyLong_FromLongLong(finish), Py_None};
        PyObject *word = fields[0] && fields[1] && fields[2] ? make_word(maker, fields) : NULL;
        for (int f = 0; f < 3; f++) Py_XDECREF(fields[f]);
        if (!word) goto done;
        PyList_SET_ITEM(words, index, word);
        index++;
        begin = start + span * offset / total;
    }
    if (PyObject_SetAttr(PyList_GET_ITEM(words, count - 1), attribute_names[A_cue_end], Py_True) < 0) goto done;
made:
    result = words;
    words = NULL;
    goto done;
python:
    Py_INCREF(Py_None);
    result = Py_None;
done:
    Py_XDECREF(lines);
    Py_XDECREF(text);
    Py_XDECREF(times[0]);
    Py_XDECREF(times[1]);
    Py_XDECREF(words);
    return result;
}

static PyObject *cue_words(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 4) {
        PyErr_Format(PyExc_TypeError, "cue_words() takes 4 arguments (%zd given)", nargs);
        return NULL;
    }
    PyObject *cues = args[0];
    WordMaker maker = {args[2], NULL, 0, NULL};
    if (!PyList_Check(cues)) {
        PyErr_SetString(PyExc_TypeError, "cue_words(): cues must be a list");
        return NULL;
    }
    if (args[3] != Py_None && read_word_layout(args[3], &maker) < 0) return NULL;
    PyObject *out = PyList_New(0);
    if (!out) return NULL;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(cues); i++) {
        PyObject *cue = PyList_GET_ITEM(cues, i);
        Py_INCREF(cue);
        PyObject *words = words_of_cue(cue, args[1], &maker);
        Py_DECREF(cue);
        if (!words || PyList_Append(out, words) < 0) {
            Py_XDECREF(words);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(words);
    }
    return out;
}

static PyMethodDef methods[] = {
    {"plan", (PyCFunction)(void (*)(void))plan, METH_VARARGS | METH_KEYWORDS,
     "plan(*, lengths, joined, starts, ends, cue_cut, line_cut, inside_units, limits, prices, boundary_cost_limit)\n"
     "--\n\n"
     "The cues of one turn, each as its line boundaries (first word, first word of row 2, ..., end word), "
     "or None when the limits leave no way through (segmenter._plan). limits: a segmenter.Limits, prices: a "
     "segmenter.Prices, read by attribute name."},
    {"cut_costs", (PyCFunction)(void (*)(void))cut_costs, METH_VARARGS | METH_KEYWORDS,
     "cut_costs(*, bits, sentence_end, hints, gaps, weights)\n"
     "--\n\n"
     "For each of weights (language.Weights, read by attribute name), the cost of a cut before each word "
     "(language.cut_costs)."},
    {"segment_turn", (PyCFunction)(void (*)(void))segment_turn, METH_VARARGS | METH_KEYWORDS,
     "segment_turn(*, words, speaker, floor, codes, profile, phrases, weights, limits, prices, "
     "boundary_cost_limit, cue)\n"
     "--\n\n"
     "One turn of words cut as segmenter.segment cuts it: (its cues, made by calling cue, the words alone on a "
     "row too narrow for them as (text, start), the last word's (start, end) or None when no word has text), "
     "or None when the turn needs the Python (a script without spaces, times that are no int within "
     "timecode.MAX_MS, a cue_end or a sound that is no bool), or False when it mixes speech and sound events "
     "(to be cut in runs first, transforms.sounds_apart)."},
    {"amberscript_words", (PyCFunction)(void (*)(void))amberscript_words, METH_FASTCALL,
     "amberscript_words(words_raw, index, offset, lowest, highest, word_class, out, layout=None)\n"
     "--\n\n"
     "From words_raw[index] on, each common word of an Amberscript export (amberscript_json._read_words's "
     "condition) appended to out as word_class(text, start + offset, end + offset, conf): the index of the first "
     "word it leaves to the Python (or len(words_raw)). layout: (slots, defaults), to make words without calling "
     "word_class (see WordMaker)."},
    {"cue_words", (PyCFunction)(void (*)(void))cue_words, METH_FASTCALL,
     "cue_words(cues, strip_tags, word_class, layout)\n"
     "--\n\n"
     "For each cue, its words as cues_to_words._segments_of makes them (shared_times, the last marked cue_end; "
     "an empty list for a cue without words), or None for a cue left to the Python (lines that are no list of "
     "str, times that are no int within accelerator.LIMIT). layout: as amberscript_words's."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_core", "The segmenter's inner loops in C.", -1, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__core(void) {
    for (int k = 0; k < ATTRIBUTE_COUNT; k++)
        if (!attribute_names[k] && !(attribute_names[k] = PyUnicode_InternFromString(attribute_strings[k])))
            return NULL;
    if (!space && !(space = PyUnicode_InternFromString(" "))) return NULL;
    if (!words_keyword && !(words_keyword = Py_BuildValue("(s)", "words"))) return NULL;
    if (!key_conf && !(key_conf = PyUnicode_InternFromString("conf"))) return NULL;
    if (!key_duration && !(key_duration = PyUnicode_InternFromString("duration"))) return NULL;
    if (!key_pristine && !(key_pristine = PyUnicode_InternFromString("pristine"))) return NULL;
    if (!no_arguments && !(no_arguments = PyTuple_New(0))) return NULL;
    if (!key_lines && !(key_lines = PyUnicode_InternFromString("lines"))) return NULL;
    return PyModule_Create(&module);
}
