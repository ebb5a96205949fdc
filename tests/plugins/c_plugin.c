/* A plugin written in C against docpipe/abi.h alone: no C++ and no SDK on this side of the
 * boundary. Stage `c_upper` upper-cases the first `letters` ASCII letters of a document through
 * the host's edit journal and marks them in layer `c_marks`. Built twice: as is, and with
 * C_PLUGIN_TABLE_TOO_SMALL, whose stage table claims fewer bytes than API 2.0 has. */
#include <docpipe/abi.h>
#include <string.h>

#define STR_(x) #x
#define STR(x) STR_(x)

#ifndef C_PLUGIN_NAME
#define C_PLUGIN_NAME "c_plugin"
#endif

__attribute__((section(".docpipe_plugin"), used)) static const char header[] =
    "docpipe-plugin\napi_version=" STR(DOCPIPE_ABI_VERSION_MAJOR) "." STR(
        DOCPIPE_ABI_VERSION_MINOR) "\nmin_host_api=" STR(DOCPIPE_ABI_VERSION_MAJOR) ".0\nname=" C_PLUGIN_NAME
                                   "\nversion=1.0.0\nbuilt_with=C\n";

static const docpipe_host_api* host;

static docpipe_str str(const char* s) {
    docpipe_str out = {s, strlen(s)};
    return out;
}

typedef struct upper_stage {
    long long letters;
} upper_stage;

static upper_stage instances[4];
static int used[4];

static void* create(const void* stage_data, docpipe_error* error) {
    (void)stage_data;
    for (int i = 0; i < 4; ++i) {
        if (!used[i]) {
            used[i] = 1;
            instances[i].letters = 1;
            return &instances[i];
        }
    }
    host->set_error(error, DOCPIPE_ERROR_STAGE, str("at most 4 instances"));
    return NULL;
}

static int32_t configure(void* instance, const docpipe_param* params, size_t count,
                         const docpipe_stage_context* context, docpipe_error* error) {
    (void)context;
    upper_stage* self = instance;
    for (size_t i = 0; i < count; ++i) {
        if (params[i].name.size == 7 && memcmp(params[i].name.data, "letters", 7) == 0) {
            self->letters = params[i].integer;
        }
    }
    if (self->letters > 100) {
        host->set_error(error, DOCPIPE_ERROR_STAGE, str("letters must be at most 100"));
        return DOCPIPE_FAILED;
    }
    return DOCPIPE_OK;
}

static int32_t process(void* instance, docpipe_document* document, docpipe_error* error) {
    upper_stage* self = instance;
    const docpipe_str text = host->document_text(document);
    char upper[100];
    size_t n = 0;
    while (n < text.size && (long long)n < self->letters && text.data[n] >= 'a' &&
           text.data[n] <= 'z') {
        upper[n] = (char)(text.data[n] - 'a' + 'A');
        ++n;
    }
    if (n == 0) return DOCPIPE_OK;
    const docpipe_edit edit = {0, n, {upper, n}, str("c_upper")};
    if (host->apply_edits(document, &edit, 1, error) != DOCPIPE_OK) return DOCPIPE_FAILED;
    const docpipe_pair by = {str("by"), str("c")};
    const docpipe_annotation mark = {0, n, str("FIRST"), 1.0, {NULL, 0}, &by, 1};
    return host->layer_write(document, str("c_marks"), &mark, 1, 1, error);
}

static void destroy(void* instance) {
    used[(upper_stage*)instance - instances] = 0;
}

static const char info[] =
    "{\"name\":\"c_upper\",\"version\":\"1.0.0\",\"description\":\"upper-cases the first "
    "letters, in C\",\"provides\":[\"c_marks\"],\"layer_specs\":[{\"name\":\"c_marks\","
    "\"labels\":[\"FIRST\"],\"attributes\":[\"by\"]}],\"thread_safe\":false,\"params\":[{"
    "\"name\":\"letters\",\"type\":\"int\",\"required\":false,\"description\":\"how many "
    "letters\",\"default\":1,\"min\":0}]}";

static const docpipe_stage_table table = {
#ifdef C_PLUGIN_TABLE_TOO_SMALL
    16,
#else
    sizeof(docpipe_stage_table),
#endif
    0,  {info, sizeof info - 1}, NULL, create, configure, process, NULL, destroy};
static const docpipe_stage_table* const tables[] = {&table};

static const docpipe_plugin_descriptor descriptor = {DOCPIPE_ABI_VERSION_MAJOR,
                                                     sizeof(docpipe_plugin_descriptor),
                                                     DOCPIPE_ABI_VERSION_MINOR,
                                                     0,
                                                     C_PLUGIN_NAME,
                                                     "1.0.0",
                                                     "C",
                                                     NULL,
                                                     1,
                                                     tables};

__attribute__((visibility("default"))) const docpipe_plugin_descriptor* docpipe_plugin_entry(
    const docpipe_host_api* host_api) {
    if (host_api != NULL) host = host_api;
    return &descriptor;
}
