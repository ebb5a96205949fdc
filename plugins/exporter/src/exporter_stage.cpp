#include "exporter_stage.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>
#include <stdexcept>

#include "utf8_check.hpp"

namespace docpipe::exporter {
namespace {

std::string list(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

}  // namespace

StageInfo ExporterStage::info() {
    return {
        .name = "exporter",
        .version = "1.0.0",
        .description = "writes documents as " + list(format_names()) +
                       " to stdout, a file or one file per document (out/{id}.{ext})",
        .params =
            {
                ParamSpec{"format", ParamType::string, std::string("json"), "output format"}
                    .with_allowed(format_names()),
                ParamSpec{"path", ParamType::string, std::string("-"),
                          "\"-\" for stdout, a file, or a template with {id} (one file per "
                          "document) and {ext} (the format's extension), e.g. out/{id}.{ext}; "
                          "brat writes <path> (.ann) and <path without extension>.txt"},
                ParamSpec{"overwrite", ParamType::boolean, true,
                          "replace existing files; when false an existing target is an error"},
                ParamSpec{"also", ParamType::string_list, std::vector<std::string>{},
                          "more formats written beside the main output: its path with the "
                          "format's extension (report.html -> report.json)"}
                    .with_allowed(format_names()),
            },
        .thread_safe = false,
        .kind = StageKind::sink,  // one target, documents in input order
    };
}

void ExporterStage::configure(const Params& params, const StageContext& context) {
    log_ = context.log;
    set_stdout_descriptor(context.stdout_fd);
    std::vector<std::string> names = {params.get_string("format")};
    if (params.has("also")) {
        for (const auto& n : params.get_strings("also")) names.push_back(n);
    }
    path_.emplace(params.get_string("path"));
    overwrite_ = params.get_bool("overwrite") ? Overwrite::replace : Overwrite::refuse;

    outputs_.clear();
    std::set<std::string> seen_formats;
    for (const auto& name : names) {
        const Format* format = find_format(name);
        if (format == nullptr) {
            throw std::invalid_argument("unknown format '" + name +
                                        "' (known: " + list(format_names()) + ")");
        }
        if (!seen_formats.insert(name).second) {
            throw std::invalid_argument("format '" + name + "' is asked for twice");
        }
        outputs_.push_back({format});
    }
    const Format& main = *outputs_.front().format;

    if (path_->is_stdout()) {
        if (!main.companion_extension.empty()) {
            throw std::invalid_argument(
                "format " + std::string(main.name) + " writes two files (." +
                std::string(main.extension) + " and ." + std::string(main.companion_extension) +
                "); set path to a file or a template such as out/{id}.{ext}");
        }
        if (outputs_.size() > 1) {
            throw std::invalid_argument(
                "'also' writes files beside the main output, which is stdout here; set path to "
                "a file (e.g. -o report." +
                std::string(main.extension) + ")");
        }
    }

    // Every file this stage would write for one document must be distinct.
    if (!path_->is_stdout()) {
        const std::string probe = path_->resolve("probe", main.extension);
        std::map<std::string, std::string_view> owner;
        for (const auto& output : outputs_) {
            for (const auto& file : files_of(output, probe)) {
                const auto [it, fresh] = owner.emplace(file, output.format->name);
                if (!fresh) {
                    throw std::invalid_argument(
                        "path '" + path_->raw() + "' gives the " +
                        std::string(output.format->name) + " output and the " +
                        std::string(it->second) + " output the same file '" + file +
                        "'; use a path with an extension, e.g. out/{id}.{ext}");
                }
            }
        }
    }

    check_against_inputs(context);

    single_.reset();
    if (path_->per_document()) {
        // Fail on a folder that cannot be written before any document is processed, not at
        // the first one.
        for (const auto& output : outputs_) {
            const std::string probe = path_->resolve("probe", main.extension);
            for (const auto& file : files_of(output, probe)) {
                check_directory_for(file, path_->raw());
            }
        }
    } else {
        single_ =
            open_target(path_->is_stdout() ? std::string() : path_->resolve({}, main.extension));
        // Fail before any document is processed rather than after the whole run.
        if (overwrite_ == Overwrite::refuse && !path_->is_stdout()) {
            const std::string probe = path_->resolve({}, main.extension);
            for (const auto& output : outputs_) {
                for (const auto& file : files_of(output, probe)) {
                    if (is_existing_file(file)) throw_target_exists(file);
                }
            }
        }
        // Fail on a target that cannot be written before any document is processed, not after
        // the whole run (the temporary files are created now).
        for (auto& output : single_->outputs) {
            output.main.open();
            if (output.companion) output.companion->open();
        }
    }
}

// Refused before any document is read: every file of a single target, and every file a
// per-document template could give (write() checks each real file again).
void ExporterStage::check_against_inputs(const StageContext& context) {
    inputs_ = context.in_place ? InputGuard() : InputGuard(context.run_inputs);
    if (path_->is_stdout()) return;
    const std::string_view ext = outputs_.front().format->extension;
    const std::string main = path_->per_document() ? path_->glob(ext) : path_->resolve({}, ext);
    for (const auto& output : outputs_) {
        for (const auto& file : files_of(output, main)) {
            if (path_->per_document()) {
                inputs_.check_pattern(file, path_->raw());
            } else {
                inputs_.check_file(file);
            }
        }
    }
}

std::vector<std::string> ExporterStage::files_of(const Output& output,
                                                 const std::string& main_path) const {
    const bool is_main = &output == &outputs_.front();
    const std::string own =
        is_main ? main_path : with_extension(main_path, output.format->extension);
    if (output.format->companion_extension.empty()) return {own};
    return {own, with_extension(own, output.format->companion_extension)};
}

void ExporterStage::claim(const std::string& path, const std::string& doc_id) {
    const auto [it, inserted] = written_by_.emplace(path, doc_id);
    if (!inserted) {
        throw std::runtime_error("document '" + printable(doc_id) + "' would overwrite '" + path +
                                 "', written earlier in this run for document '" +
                                 printable(it->second) +
                                 "' (document ids must stay distinct once made safe for paths)");
    }
}

ExporterStage::OpenTarget ExporterStage::open_target(const std::string& main_path) const {
    OpenTarget target;
    target.main_path = main_path;
    for (const auto& output : outputs_) {
        OpenOutput open{output.format->make_writer(), OutputSink(), nullptr};
        if (!main_path.empty()) {
            const auto files = files_of(output, main_path);
            open.main = OutputSink(files[0]);
            if (files.size() > 1) open.companion = std::make_unique<OutputSink>(files[1]);
        } else if (!output.format->companion_extension.empty()) {
            open.companion = std::make_unique<OutputSink>();  // refused in configure; kept safe
        }
        target.outputs.push_back(std::move(open));
    }
    return target;
}

// A document that fails halfway (out of memory, a full disk while spilling) must leave no
// trace in an output shared with other documents: under `on_error: skip` the run goes on and
// commits it. Every output's writer and sinks return to where they were before it.
void ExporterStage::add_or_take_back(OpenTarget& target, const Document& doc) {
    if (target.broken) throw OutputError(target.broken_reason);
    for (auto& output : target.outputs) {
        output.writer->checkpoint();
        output.main.checkpoint();
        if (output.companion) output.companion->checkpoint();
    }
    try {
        for (auto& output : target.outputs) {
            Sinks sinks = output.sinks();
            output.writer->add(doc, sinks);
        }
    } catch (...) {
        for (auto& output : target.outputs) {
            output.writer->rollback();
            bool ok = output.main.rollback();
            if (output.companion) ok = output.companion->rollback() && ok;
            if (!ok) {
                target.broken = true;
                target.broken_reason = "cannot write '" + output.main.target().string() +
                                       "': a failed document's bytes could not be taken back";
            }
        }
        throw;
    }
}

// Stdout, devices and pipes get each document as soon as it is complete, so a consumer
// sees output while the run goes on and memory holds one document's output, not the run's.
void ExporterStage::stream_completed_document(OpenTarget& target) {
    for (auto& output : target.outputs) {
        try {
            output.main.end_document();
            if (output.companion) output.companion->end_document();
        } catch (const std::exception& e) {
            target.broken = true;  // part of a document may have gone out
            target.broken_reason = e.what();
            throw;
        }
    }
}

void ExporterStage::process(Document& doc) {
    if (outputs_.empty()) throw std::logic_error("exporter: process() before configure()");
    require_valid_utf8(doc);
    if (single_) {
        add_or_take_back(*single_, doc);
        stream_completed_document(*single_);
        return;
    }
    const std::string main = path_->resolve(doc.id(), outputs_.front().format->extension);
    for (const auto& output : outputs_) {
        for (const auto& file : files_of(output, main)) claim(file, doc.id());
    }
    OpenTarget target = open_target(main);
    for (auto& output : target.outputs) {
        Sinks sinks = output.sinks();
        output.writer->add(doc, sinks);
    }
    commit(target, LogLevel::debug);
}

// Every file (main, brat's companion, each of `also`) is complete on disk before any is renamed
// into place, so a failed write (a full disk, a refused target) leaves the set as it was; only a
// rename failing midway, after others succeeded, can leave it part new, part old.
void ExporterStage::commit(OpenTarget& target, LogLevel level) {
    if (target.broken) throw OutputError(target.broken_reason);
    for (auto& output : target.outputs) {
        Sinks sinks = output.sinks();
        output.writer->finish(sinks);
    }
    if (target.main_path.empty()) {
        write_all_to_stdout(target.outputs.front().main.take());
        return;
    }
    for (const auto& output : outputs_) {
        for (const auto& file : files_of(output, target.main_path)) inputs_.check_file(file);
    }
    std::vector<std::unique_ptr<PendingFile>> pending;
    for (auto& output : target.outputs) {
        pending.push_back(output.main.close());
        if (output.companion) pending.push_back(output.companion->close());
    }
    if (overwrite_ == Overwrite::refuse) {
        for (const auto& file : pending) {
            if (is_existing_file(file->target())) throw_target_exists(file->target());
        }
    }
    // Companions before their main file: brat's .ann never points at a missing .txt.
    for (auto it = pending.rbegin(); it != pending.rend(); ++it) (*it)->commit(overwrite_);
    for (const auto& file : pending) {
        log_.log(level, "wrote " + file->target().string());
        if (file->replaced_links() > 1) {
            log_.warn("'" + file->target().string() + "' had " +
                      std::to_string(file->replaced_links()) +
                      " hard links; only this name has the new content, the others keep the "
                      "old file");
        }
    }
}

void ExporterStage::finish() {
    if (!single_) return;
    OpenTarget target = std::move(*single_);
    single_.reset();
    commit(target, LogLevel::info);
}

}  // namespace docpipe::exporter
