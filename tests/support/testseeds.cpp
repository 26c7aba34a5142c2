#include "testseeds.h"

#include <QString>

#include <random>

namespace Bulkmail {

std::vector<quint64> testSeeds(const char *replay, quint64 fixed, int fresh)
{
    if (qEnvironmentVariableIsSet(replay))
        return {qEnvironmentVariable(replay).toULongLong()};
    std::vector<quint64> seeds;
    for (quint64 seed = 1; seed <= fixed; ++seed)
        seeds.push_back(seed);
    const std::vector<quint64> unused = freshSeeds(fresh);
    seeds.insert(seeds.end(), unused.cbegin(), unused.cend());
    return seeds;
}

std::vector<quint64> freshSeeds(int count)
{
    std::random_device device;
    std::vector<quint64> seeds;
    for (int i = 0; i < count; ++i)
        seeds.push_back((quint64(device()) << 32) | device());
    return seeds;
}

} // namespace Bulkmail
