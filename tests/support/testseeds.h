#pragma once

#include <QtGlobal>

#include <vector>

namespace Bulkmail {

// The seeds of a randomised test: the one named by the environment variable `replay` when it is
// set (to replay a failure, whose seed the test prints), otherwise seeds 1 to `fixed` and
// `fresh` new ones, so that every run also tries schedules no run tried before.
[[nodiscard]] std::vector<quint64> testSeeds(const char *replay, quint64 fixed, int fresh);

// `count` seeds never used before (std::random_device).
[[nodiscard]] std::vector<quint64> freshSeeds(int count);

} // namespace Bulkmail
