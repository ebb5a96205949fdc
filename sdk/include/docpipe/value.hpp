#pragma once
// A typed attribute value: a string, a number or a boolean.
//
//   annotation.attributes["confidence"] = 0.93;      // a number, not "0.93"
//   annotation.attributes["original"] = "cellphone";  // a string
//   annotation.attributes["negated"] = false;         // a boolean
//   if (a.attributes.at("source") == "gazetteer") ...
//   a.attributes.at("confidence").number();           // 0.93
//   a.attributes.at("confidence").text();             // "0.93", for text formats

#include <charconv>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace docpipe {

class Value {
    template <class T>
    static constexpr bool is_character =
        std::is_same_v<T, char> || std::is_same_v<T, signed char> ||
        std::is_same_v<T, unsigned char> || std::is_same_v<T, wchar_t> ||
        std::is_same_v<T, char8_t> || std::is_same_v<T, char16_t> || std::is_same_v<T, char32_t>;
    template <class T>
    static constexpr bool is_integer =
        std::is_integral_v<T> && !std::is_same_v<T, bool> && !is_character<T>;

public:
    /// The attribute types a stage declares in its LayerSpec (and the manifest names).
    enum class Type : std::uint8_t { string, number, boolean };

    Value() = default;  ///< the empty string
    Value(std::string s) : v_(std::move(s)) {}
    Value(std::string_view s) : v_(std::string(s)) {}
    Value(const char* s) : v_(std::string(s != nullptr ? s : "")) {}
    Value(double n) : v_(n) {}
    Value(bool b) : v_(b) {}
    /// Integers are numbers (JSON has one number type); characters are not.
    template <class T, std::enable_if_t<is_integer<T>, int> = 0>
    Value(T n) : v_(static_cast<double>(n)) {}
    /// No other pointer (it would silently become the boolean `true`), and no character.
    template <class T>
    Value(const T*) = delete;
    template <class T, std::enable_if_t<is_character<T>, int> = 0>
    Value(T) = delete;

    Type type() const noexcept { return static_cast<Type>(v_.index()); }
    bool is_string() const noexcept { return type() == Type::string; }
    bool is_number() const noexcept { return type() == Type::number; }
    bool is_boolean() const noexcept { return type() == Type::boolean; }

    /// The value itself; std::logic_error when it has another type.
    const std::string& string() const { return get<std::string>("a string"); }
    double number() const { return get<double>("a number"); }
    bool boolean() const { return get<bool>("a boolean"); }

    /// The value as text, for formats that have no types: the string itself, a number in its
    /// shortest form that reads back the same ("0.93", "2", "1e-07"), "true" or "false".
    std::string text() const {
        if (is_string()) return string();
        if (is_boolean()) return boolean() ? "true" : "false";
        char buf[32];
        const auto r = std::to_chars(buf, buf + sizeof buf, number());
        return std::string(buf, r.ptr);
    }

    friend bool operator==(const Value&, const Value&) = default;
    /// A string value equal to `s` (a number or boolean never equals a string).
    friend bool operator==(const Value& v, std::string_view s) noexcept {
        return v.is_string() && std::get<std::string>(v.v_) == s;
    }
    friend bool operator==(const Value& v, const char* s) noexcept {
        return s != nullptr && v == std::string_view(s);
    }
    /// A number value equal to `n`; `v == 0` compares numbers, never pointers.
    template <class T, std::enable_if_t<is_integer<T> || std::is_floating_point_v<T>, int> = 0>
    friend bool operator==(const Value& v, T n) noexcept {
        return v.is_number() && std::get<double>(v.v_) == static_cast<double>(n);
    }
    friend bool operator==(const Value& v, bool b) noexcept {
        return v.is_boolean() && std::get<bool>(v.v_) == b;
    }
    friend bool operator==(const Value& v, const std::string& s) noexcept {
        return v == std::string_view(s);
    }

    /// "string", "number" or "boolean": how the manifest and messages name a type.
    static const char* type_name(Type t) noexcept {
        switch (t) {
            case Type::number: return "number";
            case Type::boolean: return "boolean";
            default: return "string";
        }
    }

private:
    template <class T>
    const T& get(const char* what) const {
        if (const T* x = std::get_if<T>(&v_)) return *x;
        throw std::logic_error(std::string("the attribute value is a ") + type_name(type()) +
                               ", not " + what);
    }

    std::variant<std::string, double, bool> v_;  // index order is Type's
};

}  // namespace docpipe
