#pragma once
// The host's side of the document functions of abi.h: a stage reads the host's Document and
// hands its changes back; the host validates each change once, applies it and stamps the
// calling stage on every new annotation and journal entry.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "docpipe/abi.h"
#include "docpipe/document.hpp"
#include "docpipe/stage.hpp"

/// What a failing call reports: a kind (DOCPIPE_ERROR_*) and a message. Host-owned.
struct docpipe_error {
    std::int32_t kind = 0;
    std::string message;
};

/// What the document functions keep between calls within one process() call.
struct docpipe_document_scratch {
    // The attributes of the annotation last handed out, in the C form the call asked for.
    std::vector<docpipe_pair> pairs;
    std::vector<std::string> texts;  ///< text forms of its non-string values
    std::vector<docpipe_attribute> typed;
    // The layer an API 2.0/2.1 stage last rewrote with layer_write, as it was: such a stage
    // reads typed values as text and writes them back as text, so the host restores each
    // value of an annotation the stage left as it was (see host_document.cpp).
    std::string rewritten_name;
    docpipe::Layer rewritten_from;
};

/// A host Document lent to one stage for one process() call.
struct docpipe_document {
    docpipe::Document* document;
    const std::string* stage_id;     ///< stamped on what the stage adds
    const docpipe::StageInfo* info;  ///< the stage's declared layers
    /// Made on first use: most stages never need it, and lending stays a few stores.
    std::unique_ptr<docpipe_document_scratch> scratch{};

    docpipe_document_scratch& scratch_space() {
        if (!scratch) scratch = std::make_unique<docpipe_document_scratch>();
        return *scratch;
    }
};

namespace docpipe::host {

/// The table of host functions given to every plugin: logging and documents.
const docpipe_host_api* host_api();

/// Why `annotation` of stage `stage_id` may not go into layer `name` of `doc`, or "".
/// Checks the span (inside the text, on character boundaries), the score and numbers (finite),
/// and the labels, attribute keys and value types the stage declared for the layer.
std::string annotation_problem(const Document& doc, const std::string& name,
                               const Annotation& annotation, const StageInfo& info,
                               const std::string& stage_id);

}  // namespace docpipe::host
