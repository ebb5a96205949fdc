// docpipe::Value: typed attribute values.
#include "docpipe/value.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <type_traits>

using docpipe::Value;

TEST(Value, HoldsAStringANumberOrABoolean) {
    EXPECT_EQ(Value().type(), Value::Type::string);
    EXPECT_EQ(Value("x").type(), Value::Type::string);
    EXPECT_EQ(Value(std::string("x")).type(), Value::Type::string);
    EXPECT_EQ(Value(0.5).type(), Value::Type::number);
    EXPECT_EQ(Value(3).type(), Value::Type::number);  // integers are numbers
    EXPECT_EQ(Value(std::size_t{3}).number(), 3.0);
    EXPECT_EQ(Value(true).type(), Value::Type::boolean);
    EXPECT_EQ(Value(false).boolean(), false);
}

TEST(Value, ReadingAnotherTypeThrowsNamingBoth) {
    try {
        (void)Value("0.5").number();
        FAIL() << "no exception";
    } catch (const std::logic_error& e) {
        EXPECT_STREQ(e.what(), "the attribute value is a string, not a number");
    }
    EXPECT_THROW((void)Value(1.0).string(), std::logic_error);
    EXPECT_THROW((void)Value(1.0).boolean(), std::logic_error);
}

TEST(Value, TextIsTheShortestFormThatReadsBackTheSame) {
    EXPECT_EQ(Value("abc").text(), "abc");
    EXPECT_EQ(Value(0.93).text(), "0.93");
    EXPECT_EQ(Value(2).text(), "2");
    EXPECT_EQ(Value(-0.125).text(), "-0.125");
    EXPECT_EQ(Value(1e-7).text(), "1e-07");
    EXPECT_EQ(Value(0.1 + 0.2).text(), "0.30000000000000004");
    EXPECT_EQ(Value(std::numeric_limits<double>::max()).text(), "1.7976931348623157e+308");
    EXPECT_EQ(Value(true).text(), "true");
    EXPECT_EQ(Value(false).text(), "false");
}

TEST(Value, ComparesByTypeAndValue) {
    EXPECT_EQ(Value("1"), "1");
    EXPECT_EQ(Value("1"), std::string("1"));
    EXPECT_NE(Value(1), "1");  // a number never equals a string
    EXPECT_EQ(Value(1), Value(1.0));
    EXPECT_NE(Value(1), Value(true));
    std::map<std::string, Value> attributes{{"original", "cellphone"}, {"confidence", 0.9}};
    attributes["rank"] = 2;
    EXPECT_EQ(attributes.at("original"), "cellphone");
    EXPECT_EQ(attributes.at("rank").number(), 2.0);
}

// Literals compare as what they are: `== 0` is a number, not a null pointer (which crashed).
TEST(Value, ComparingWithLiteralsComparesValues) {
    EXPECT_TRUE(Value(0) == 0);
    EXPECT_FALSE(Value("0") == 0);
    EXPECT_FALSE(Value(1.5) == 0);
    EXPECT_TRUE(Value(1.5) == 1.5);
    EXPECT_TRUE(Value(true) == true);
    EXPECT_FALSE(Value(1) == true);
    EXPECT_FALSE(Value("x") == static_cast<const char*>(nullptr));
    static_assert(!std::is_constructible_v<Value, const int*>);  // would have become `true`
    static_assert(!std::is_constructible_v<Value, char>);        // would have become a number
    static_assert(std::is_constructible_v<Value, long long>);
}
