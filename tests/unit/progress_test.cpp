// The progress display's lines, and the display itself writing to a pipe.
#include "docpipe/host/progress.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

using namespace docpipe::host;

TEST(Progress, TheLineSaysCountsRatesAndTimeLeftWhenTheSizeIsKnown) {
    ProgressSnapshot s;
    s.documents = 1234;
    s.bytes = 25'000'000;
    s.elapsed_s = 10;
    EXPECT_EQ(progress_line(s), "1,234 documents, 25.0 MB, 123 docs/s, 2.5 MB/s");
    s.total_bytes = 100'000'000;
    s.skipped = 2;
    EXPECT_EQ(progress_line(s),
              "1,234 documents, 25.0 MB, 123 docs/s, 2.5 MB/s, 2 skipped, 25%, ETA 0:30");
    s.elapsed_s = 1200;
    EXPECT_NE(progress_line(s).find("ETA 1:00:00"), std::string::npos) << progress_line(s);
}

TEST(Progress, JsonHasTheSameFigures) {
    ProgressSnapshot s;
    s.documents = 3;
    s.bytes = 50;
    s.total_bytes = 100;
    s.elapsed_s = 2;
    const auto j = nlohmann::json::parse(progress_json(s, false));
    EXPECT_EQ(j["documents"], 3);
    EXPECT_EQ(j["input_bytes"], 50);
    EXPECT_EQ(j["total_bytes"], 100);
    EXPECT_DOUBLE_EQ(j["eta_s"].get<double>(), 2.0);
    EXPECT_EQ(j["done"], false);
    const auto end = nlohmann::json::parse(progress_json(s, true));
    EXPECT_FALSE(end.contains("eta_s"));
    EXPECT_EQ(end["done"], true);
}

TEST(Progress, ModesAreParsedAndTtyShowsNothingOffATerminal) {
    EXPECT_EQ(parse_progress_mode("json"), ProgressMode::json);
    EXPECT_EQ(parse_progress_mode("TTY"), std::nullopt);
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    RunProgress run;
    {
        const ProgressDisplay quiet(ProgressMode::tty, run, {}, fds[1]);
        EXPECT_FALSE(quiet.active());
        run.documents = 7;
        const ProgressDisplay json(ProgressMode::json, run, {[] { return 42u; }, 84}, fds[1]);
        EXPECT_TRUE(json.active());
    }  // the json display writes its last line here
    ::close(fds[1]);
    std::string out;
    char buffer[4096];
    for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;) out.append(buffer, n);
    ::close(fds[0]);
    ASSERT_FALSE(out.empty());
    ASSERT_EQ(out.back(), '\n');
    out.pop_back();
    const auto last = nlohmann::json::parse(out.substr(out.rfind('\n') + 1));
    EXPECT_EQ(last["documents"], 7);
    EXPECT_EQ(last["input_bytes"], 42);
    EXPECT_EQ(last["done"], true);
}
