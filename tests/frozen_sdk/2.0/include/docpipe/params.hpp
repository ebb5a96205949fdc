#pragma once
// Typed stage parameters: the schema a stage declares and the values the host hands it.
//
//   docpipe::ParamSpec{"sentences", docpipe::ParamType::integer, std::int64_t{3},
//                      "number of sentences in the summary"}.with_range(1, 100);
//   ...
//   auto n = params.get_int("sentences");   // validated by the host before configure()

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace docpipe {

/// The type of a parameter value.
enum class ParamType { boolean, integer, number, string, string_list };

/// Name of a ParamType as written in manifests and error messages.
inline const char* to_string(ParamType type) noexcept {
    switch (type) {
        case ParamType::boolean: return "bool";
        case ParamType::integer: return "int";
        case ParamType::number: return "number";
        case ParamType::string: return "string";
        case ParamType::string_list: return "string_list";
    }
    return "?";
}

/// A parameter value; the alternative always matches the parameter's ParamType.
using ParamValue = std::variant<bool, std::int64_t, double, std::string, std::vector<std::string>>;

/// Declaration of one parameter: drives validation, error messages, defaults and `--help`.
struct ParamSpec {
    std::string name;
    ParamType type = ParamType::string;
    std::optional<ParamValue> default_value;  ///< used when the config omits the parameter
    std::string description;
    bool required = false;             ///< the config must set it (no default)
    std::vector<std::string> allowed;  ///< for string / string_list: the only values
    std::optional<double> min;         ///< for int / number: inclusive bounds
    std::optional<double> max;

    ParamSpec() = default;
    ParamSpec(std::string name_, ParamType type_, std::optional<ParamValue> default_,
              std::string description_)
        : name(std::move(name_)),
          type(type_),
          default_value(std::move(default_)),
          description(std::move(description_)) {}

    ParamSpec& with_allowed(std::vector<std::string> values) {
        allowed = std::move(values);
        return *this;
    }
    ParamSpec& with_range(std::optional<double> lo, std::optional<double> hi) {
        min = lo;
        max = hi;
        return *this;
    }
    ParamSpec& as_required() {
        required = true;
        return *this;
    }
};

/// Validated parameter values of one stage instance, with defaults filled in.
class Params {
public:
    Params() = default;
    explicit Params(std::map<std::string, ParamValue> values) : values_(std::move(values)) {}

    /// Fills in the default of every declared parameter not set yet. The host does this before
    /// configure(); tests and tools that configure a stage directly can call it themselves.
    Params& fill_defaults(const std::vector<ParamSpec>& specs) {
        for (const auto& spec : specs) {
            if (spec.default_value && !has(spec.name)) values_[spec.name] = *spec.default_value;
        }
        return *this;
    }

    bool has(const std::string& name) const noexcept { return values_.count(name) != 0; }
    const std::map<std::string, ParamValue>& values() const noexcept { return values_; }
    void set(const std::string& name, ParamValue value) { values_[name] = std::move(value); }

    bool get_bool(const std::string& name) const { return get<bool>(name); }
    std::int64_t get_int(const std::string& name) const { return get<std::int64_t>(name); }
    /// A number parameter; an int value is widened.
    double get_number(const std::string& name) const {
        const auto& v = at(name);
        if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
        return get<double>(name);
    }
    const std::string& get_string(const std::string& name) const { return get<std::string>(name); }
    const std::vector<std::string>& get_strings(const std::string& name) const {
        return get<std::vector<std::string>>(name);
    }

private:
    const ParamValue& at(const std::string& name) const {
        auto it = values_.find(name);
        if (it == values_.end()) throw std::out_of_range("parameter '" + name + "' is not set");
        return it->second;
    }
    template <class T>
    const T& get(const std::string& name) const {
        const auto& v = at(name);
        if (auto* p = std::get_if<T>(&v)) return *p;
        throw std::invalid_argument("parameter '" + name + "' has another type");
    }

    std::map<std::string, ParamValue> values_;
};

}  // namespace docpipe
