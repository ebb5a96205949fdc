/*
 * The binary interface between the docpipe host and its plugins, in C.
 *
 * Only C types cross it: integers, doubles, pointer+length strings, plain structs and opaque
 * handles. No C++ object, no exception and no allocation changes hands, so a plugin built with
 * another compiler, standard library or SDK minor version works in any host of the same major
 * version. The C++ SDK (docpipe.hpp) is header-only code compiled into the plugin on top of
 * this file; plugin authors normally never use it directly.
 *
 * Versioning (the OBS / DuckDB pattern):
 *  - The tables below (docpipe_host_api, docpipe_plugin_descriptor, docpipe_stage_table,
 *    docpipe_stage_context) carry a `struct_size` and only ever grow at the end; each field
 *    group says the version that added it. A reader treats a field beyond the size it was given
 *    as absent.
 *  - Value structs passed in arrays (docpipe_str, docpipe_pair, docpipe_edit, docpipe_token,
 *    docpipe_annotation, docpipe_attribute, docpipe_typed_annotation, docpipe_journal_entry,
 *    docpipe_stage_time, docpipe_param) never change: a new version adds a new function
 *    instead (as 2.2 added typed attributes beside the 2.0 text ones).
 *  - A plugin states the host API it needs (`min_host_minor`); a host with less refuses it
 *    before running any of its code, naming both versions. A plugin built against an older
 *    minor version loads in every newer host of the same major version.
 *  - Calls report failure by returning a non-zero status and filling a host-owned
 *    docpipe_error with a kind and a message; they never throw.
 */
#ifndef DOCPIPE_ABI_H
#define DOCPIPE_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifndef DOCPIPE_ABI_VERSION_MAJOR /* test plugins override it to simulate another major */
#define DOCPIPE_ABI_VERSION_MAJOR 2
#endif
#define DOCPIPE_ABI_VERSION_MINOR 2

#ifdef __cplusplus
extern "C" {
#endif

/* ---- values ---------------------------------------------------------------------------- */

/* A UTF-8 string: `size` bytes at `data`, not necessarily NUL-terminated. */
typedef struct docpipe_str {
    const char* data;
    size_t size;
} docpipe_str;

typedef struct docpipe_pair {
    docpipe_str key;
    docpipe_str value;
} docpipe_pair;

/* Status codes. */
#define DOCPIPE_OK 0
#define DOCPIPE_FAILED 1

/* Kinds of failure, set with docpipe_host_api.set_error; the host picks the exit code. */
#define DOCPIPE_ERROR_STAGE 1        /* the stage failed on this document (exit 70) */
#define DOCPIPE_ERROR_USAGE 2        /* the run cannot go on as asked (exit 64) */
#define DOCPIPE_ERROR_OUTPUT 3       /* an output could not be written (exit 74) */
#define DOCPIPE_ERROR_OUT_OF_RANGE 4 /* a span outside the text or inside a character */
#define DOCPIPE_ERROR_INVALID 5      /* invalid arguments: overlapping edits, bad UTF-8 */
#define DOCPIPE_ERROR_NO_MEMORY 6

/* Log levels. */
#define DOCPIPE_LOG_TRACE 0
#define DOCPIPE_LOG_DEBUG 1
#define DOCPIPE_LOG_INFO 2
#define DOCPIPE_LOG_WARN 3
#define DOCPIPE_LOG_ERROR 4

/* Opaque host-owned objects. */
typedef struct docpipe_error docpipe_error;       /* where a failing call puts its message */
typedef struct docpipe_document docpipe_document; /* a document during one process() call */
typedef struct docpipe_layer docpipe_layer;       /* one annotation layer of a document */

/* One annotation as the host hands it out; the strings stay valid until the document changes
 * or the process() call ends. Offsets are bytes of the current text. */
typedef struct docpipe_annotation {
    uint64_t begin;
    uint64_t end;
    docpipe_str label;
    double score;
    docpipe_str stage; /* the stage id that produced it; empty when the host gives none */
    const docpipe_pair* attributes;
    size_t attribute_count;
} docpipe_annotation;

/* A replacement of [begin, end) of the current text. */
typedef struct docpipe_edit {
    uint64_t begin;
    uint64_t end;
    docpipe_str replacement;
    docpipe_str reason;
} docpipe_edit;

/* One applied edit: `begin` is in the coordinates of the text it was applied to. Edits applied
 * together form a batch, recorded right to left; `batch_first` is the index of its batch's
 * first entry. */
typedef struct docpipe_journal_entry {
    uint64_t begin;
    docpipe_str old_text;
    docpipe_str new_text;
    docpipe_str reason;
    docpipe_str stage;
    uint64_t batch_first;
} docpipe_journal_entry;

/* Since 2.1. One token of the current text (docpipe::text::tokenize): kind 0 word, 1 number,
 * 2 punctuation; lower_hash is docpipe::text::lower_hash() of its bytes. */
typedef struct docpipe_token {
    uint64_t begin;
    uint64_t end;
    int32_t kind;
    int32_t newlines_before;
    uint64_t lower_hash;
} docpipe_token;

/* Since 2.1. One sentence: its bytes and its tokens [first_token, last_token). */
typedef struct docpipe_sentence {
    uint64_t begin;
    uint64_t end;
    uint64_t first_token;
    uint64_t last_token;
} docpipe_sentence;

/* Since 2.2. Types of attribute values, as the manifest names them: string, number, boolean. */
#define DOCPIPE_VALUE_STRING 0
#define DOCPIPE_VALUE_NUMBER 1
#define DOCPIPE_VALUE_BOOLEAN 2

/* Since 2.2. One typed attribute: `type` says which of `string`, `number`, `boolean` holds
 * the value (a number is finite). */
typedef struct docpipe_attribute {
    docpipe_str key;
    int32_t type;
    int32_t boolean;
    double number;
    docpipe_str string;
} docpipe_attribute;

/* Since 2.2. docpipe_annotation with typed attributes. An API 2.0/2.1 plugin uses
 * docpipe_annotation instead and sees every value as text (a number in its shortest form that
 * reads back the same, "true" or "false"). A string it writes for a key declared a number or a
 * boolean becomes one when it reads exactly as one; a value it wrote back unchanged gets its
 * type back. */
typedef struct docpipe_typed_annotation {
    uint64_t begin;
    uint64_t end;
    docpipe_str label;
    double score;
    docpipe_str stage;
    const docpipe_attribute* attributes;
    size_t attribute_count;
} docpipe_typed_annotation;

/* Since 2.2. How long one stage took on the document, recorded by the host when the pipeline
 * sets record_timings. */
typedef struct docpipe_stage_time {
    docpipe_str stage; /* the stage id */
    double milliseconds;
} docpipe_stage_time;

/* Parameter types, as the manifest names them: bool, int, number, string, string_list. */
#define DOCPIPE_PARAM_BOOL 0
#define DOCPIPE_PARAM_INT 1
#define DOCPIPE_PARAM_NUMBER 2
#define DOCPIPE_PARAM_STRING 3
#define DOCPIPE_PARAM_STRING_LIST 4

/* One validated parameter value. */
typedef struct docpipe_param {
    docpipe_str name;
    int32_t type;
    int32_t boolean;
    int64_t integer;
    double number;
    docpipe_str string;
    const docpipe_str* list;
    size_t list_size;
} docpipe_param;

/* ---- the host's table ------------------------------------------------------------------ */

typedef struct docpipe_host_api {
    uint32_t struct_size; /* sizeof the host's table: fields past it are absent */
    uint32_t abi_major;
    uint32_t abi_minor;
    uint32_t reserved;
    void* context; /* host-private, passed back to log() */

    /* Since 2.0: logging and errors. */
    void (*log)(void* context, int32_t level, docpipe_str stage, docpipe_str message);
    void (*set_error)(docpipe_error* error, int32_t kind, docpipe_str message);
    /* What a failed host call put into `error` (a plugin passes the error object of the call
     * it is in, e.g. the one process() received, to the document functions). */
    int32_t (*error_kind)(const docpipe_error* error);
    docpipe_str (*error_message)(const docpipe_error* error);

    /* Since 2.0: reading a document. Returned strings stay valid until the document changes
     * or the process() call ends. */
    docpipe_str (*document_id)(const docpipe_document* document);
    docpipe_str (*document_text)(const docpipe_document* document);
    docpipe_str (*document_original_text)(const docpipe_document* document);
    /* Calls `each` for every metadata entry, in key order. */
    void (*metadata_each)(const docpipe_document* document, void* user,
                          void (*each)(void* user, docpipe_str key, docpipe_str value));
    /* Calls `each` for every layer, in name order. */
    void (*layers_each)(const docpipe_document* document, void* user,
                        void (*each)(void* user, docpipe_str name, const docpipe_layer* layer));
    /* The layer called `name`, or NULL. */
    const docpipe_layer* (*layer_find)(const docpipe_document* document, docpipe_str name);
    size_t (*layer_size)(const docpipe_layer* layer);
    /* Annotation `index` of `layer`; its attributes stay valid until the next call. */
    void (*layer_annotation)(const docpipe_document* document, const docpipe_layer* layer,
                             size_t index, docpipe_annotation* out);
    size_t (*journal_size)(const docpipe_document* document);
    void (*journal_entry)(const docpipe_document* document, size_t index,
                          docpipe_journal_entry* out);

    /* Since 2.0: changing a document. The host validates every change (spans inside the text
     * and on character boundaries, UTF-8, declared labels and attribute keys), applies it and
     * stamps the calling stage on every new annotation and journal entry. */
    /* Applies non-overlapping edits, in any order, as one batch. */
    int32_t (*apply_edits)(docpipe_document* document, const docpipe_edit* edits, size_t count,
                           docpipe_error* error);
    /* Replaces layer `name` with `count` annotations, the first of `total` (the host reserves
     * room for all; layer_append sends the rest, so a large layer crosses in chunks). An
     * annotation with an empty `stage` is the calling stage's. Writing an empty layer that does
     * not exist creates nothing. */
    int32_t (*layer_write)(docpipe_document* document, docpipe_str name,
                           const docpipe_annotation* annotations, size_t count, size_t total,
                           docpipe_error* error);
    /* Adds `count` annotations at the end of layer `name` (creating it). */
    int32_t (*layer_append)(docpipe_document* document, docpipe_str name,
                            const docpipe_annotation* annotations, size_t count,
                            docpipe_error* error);
    int32_t (*layer_remove)(docpipe_document* document, docpipe_str name, docpipe_error* error);
    /* Replaces the metadata with `count` entries (keys unique). */
    int32_t (*metadata_write)(docpipe_document* document, const docpipe_pair* entries, size_t count,
                              docpipe_error* error);

    /* Since 2.1: the token layer. The host tokenizes each version of a document's text once
     * and every stage reads the same tokens and sentences. Each call returns how many there
     * are and copies at most `capacity` of them to `out` (call with 0 first to size it). */
    size_t (*document_tokens)(const docpipe_document* document, docpipe_token* out,
                              size_t capacity);
    size_t (*document_sentences)(const docpipe_document* document, docpipe_sentence* out,
                                 size_t capacity);

    /* Since 2.2: typed attribute values and run statistics. The same as layer_annotation,
     * layer_write and layer_append, with typed attributes; the host checks each value against
     * the type the stage declares for its key. */
    void (*layer_annotation_typed)(const docpipe_document* document, const docpipe_layer* layer,
                                   size_t index, docpipe_typed_annotation* out);
    int32_t (*layer_write_typed)(docpipe_document* document, docpipe_str name,
                                 const docpipe_typed_annotation* annotations, size_t count,
                                 size_t total, docpipe_error* error);
    int32_t (*layer_append_typed)(docpipe_document* document, docpipe_str name,
                                  const docpipe_typed_annotation* annotations, size_t count,
                                  docpipe_error* error);
    /* The time each stage so far took on the document, in pipeline order; copies at most
     * `capacity` and returns how many there are, as document_tokens does. */
    size_t (*document_stage_times)(const docpipe_document* document, docpipe_stage_time* out,
                                   size_t capacity);
} docpipe_host_api;

/* ---- the plugin's tables --------------------------------------------------------------- */

/* What the host tells a stage instance when configuring it. */
typedef struct docpipe_stage_context {
    uint32_t struct_size;
    int32_t stdout_fd; /* where data for stdout goes; -1 when closed */
    /* Since 2.0. */
    docpipe_str stage_id;
    docpipe_str plugin_path;
    docpipe_str data_dir;
    const docpipe_str* run_inputs; /* files the run reads */
    size_t run_input_count;
    int32_t in_place; /* outputs may replace the run's inputs */
} docpipe_stage_context;

/* One stage a plugin offers. A failing call returns DOCPIPE_FAILED after set_error(). */
typedef struct docpipe_stage_table {
    uint32_t struct_size;
    uint32_t reserved;
    /* Since 2.0. Required. The stage's StageInfo as the manifest's JSON stage object. */
    docpipe_str info_json;
    const void* stage_data; /* the plugin's own, passed to create() */
    void* (*create)(const void* stage_data, docpipe_error* error);
    int32_t (*configure)(void* instance, const docpipe_param* params, size_t param_count,
                         const docpipe_stage_context* context, docpipe_error* error);
    int32_t (*process)(void* instance, docpipe_document* document, docpipe_error* error);
    int32_t (*finish)(void* instance, docpipe_error* error);
    void (*destroy)(void* instance);
} docpipe_stage_table;

/* What docpipe_plugin_entry returns. The first field's position never changes. */
typedef struct docpipe_plugin_descriptor {
    uint32_t abi_major;      /* DOCPIPE_ABI_VERSION_MAJOR of the plugin */
    uint32_t struct_size;    /* sizeof the plugin's descriptor */
    uint32_t abi_minor;      /* the minor version of the SDK it was built with */
    uint32_t min_host_minor; /* the oldest host minor version it works with */
    const char* name;
    const char* version;
    const char* built_with;         /* compiler and standard library, for messages only */
    const char* registration_error; /* NULL, or why registering the stages failed */
    size_t stage_count;
    const docpipe_stage_table* const* stages;
} docpipe_plugin_descriptor;

/* The one symbol a plugin exports. `host` is the host's table (NULL for the build-time manifest
 * tool); the plugin keeps it for logging and document access. */
typedef const docpipe_plugin_descriptor* (*docpipe_plugin_entry_fn)(const docpipe_host_api* host);

#ifdef __cplusplus
}
#endif

#endif /* DOCPIPE_ABI_H */
