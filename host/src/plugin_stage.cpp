#include "docpipe/host/plugin_stage.hpp"

#include <variant>
#include <vector>

#include "docpipe/detail/plugin_abi.hpp"
#include "docpipe/host/errors.hpp"
#include "docpipe/host/host_document.hpp"

namespace docpipe::host {
namespace {

using docpipe::detail::c_str;  // the SDK's conversion, so both sides convert alike

Status status_of(std::int32_t rc, const docpipe_error& error) {
    if (rc == DOCPIPE_OK) return Status::success();
    Status st = Status::failure(error.message.empty() ? "the stage failed without saying why"
                                                      : error.message);
    if (error.kind == DOCPIPE_ERROR_USAGE) st.kind = Status::Kind::usage;
    if (error.kind == DOCPIPE_ERROR_OUTPUT) st.kind = Status::Kind::output;
    return st;
}

// The C form of validated parameters; points into `params`, which must outlive it.
struct CParams {
    std::vector<docpipe_param> values;
    std::vector<std::vector<docpipe_str>> lists;

    explicit CParams(const Params& params) {
        lists.reserve(params.values().size());
        for (const auto& [name, value] : params.values()) {
            docpipe_param p{};
            p.name = c_str(name);
            std::visit(
                [&](const auto& v) {
                    using T = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<T, bool>) {
                        p.type = DOCPIPE_PARAM_BOOL;
                        p.boolean = v ? 1 : 0;
                    } else if constexpr (std::is_same_v<T, std::int64_t>) {
                        p.type = DOCPIPE_PARAM_INT;
                        p.integer = v;
                    } else if constexpr (std::is_same_v<T, double>) {
                        p.type = DOCPIPE_PARAM_NUMBER;
                        p.number = v;
                    } else if constexpr (std::is_same_v<T, std::string>) {
                        p.type = DOCPIPE_PARAM_STRING;
                        p.string = c_str(v);
                    } else {
                        p.type = DOCPIPE_PARAM_STRING_LIST;
                        auto& list = lists.emplace_back();
                        for (const auto& item : v) list.push_back(c_str(item));
                        p.list = list.data();
                        p.list_size = list.size();
                    }
                },
                value);
            values.push_back(p);
        }
    }
};

}  // namespace

PluginStage::PluginStage(std::shared_ptr<const LoadedPlugin> plugin,
                         const docpipe_stage_table& table, const StageInfo& info)
    : plugin_(std::move(plugin)), table_(table), info_(info) {
    docpipe_error error;
    instance_ = table_.create(table_.stage_data, &error);
    if (instance_ == nullptr) {
        throw Error(exit_config,
                    error.message.empty() ? "the plugin returned no instance" : error.message);
    }
}

PluginStage::~PluginStage() {
    table_.destroy(instance_);
}

Status PluginStage::configure(const Params& params, const StageContext& context) {
    stage_id_ = context.stage_id;
    if (table_.configure == nullptr) return Status::success();
    const CParams c_params(params);
    std::vector<docpipe_str> inputs;
    for (const auto& input : context.run_inputs) inputs.push_back(c_str(input));
    docpipe_stage_context c{};
    c.struct_size = sizeof c;
    c.stdout_fd = context.stdout_fd;
    c.stage_id = c_str(context.stage_id);
    c.plugin_path = c_str(context.plugin_path);
    c.data_dir = c_str(context.data_dir);
    c.run_inputs = inputs.data();
    c.run_input_count = inputs.size();
    c.in_place = context.in_place ? 1 : 0;
    docpipe_error error;
    const auto rc =
        table_.configure(instance_, c_params.values.data(), c_params.values.size(), &c, &error);
    return status_of(rc, error);
}

Status PluginStage::process(Document& document) {
    docpipe_document lent{&document, &stage_id_, &info_};
    docpipe_error error;
    const auto rc = table_.process(instance_, &lent, &error);
    return status_of(rc, error);
}

Status PluginStage::finish() {
    if (table_.finish == nullptr) return Status::success();
    docpipe_error error;
    return status_of(table_.finish(instance_, &error), error);
}

}  // namespace docpipe::host
