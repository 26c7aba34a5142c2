// libFuzzer target for SmtpReplyParser: the bytes a hostile or broken server can send.
//
// Each input is fed in several appends whose split points come from the input itself, replies
// are taken after every append as a connection does, and the parser's promises are checked:
// no crash or sanitizer report, every reply has a code in 200..559 with 1..MaxReplyLines lines of
// at most MaxLineLength octets, an error is final, and the outcome does not depend on the split
// (compared with feeding the same bytes in one append).

#include "fuzzcheck.h"
#include "smtp/smtpreply.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace Bulkmail;

namespace {

void check(bool condition, const char *what)
{
    Fuzz::check("fuzz_smtpreply", condition, what);
}

struct Outcome
{
    QList<SmtpReply> replies;
    bool failed = false;
};

void takeReplies(SmtpReplyParser &parser, Outcome &outcome)
{
    // Each reply consumes at least 4 octets ("250\n"), so this loop is bounded by the input.
    while (!outcome.failed) {
        auto reply = parser.takeReply();
        if (!reply)
            return;
        if (!*reply) {
            outcome.failed = true;
            check(reply->error().code == ErrorCode::Protocol, "error code is Protocol");
            check(!reply->error().message.isEmpty(), "error has a message");
            check(!parser.hasBufferedData(), "a failed parser holds no input");
            return;
        }
        const SmtpReply &value = **reply;
        check(value.code >= 200 && value.code <= 559, "code in 200..559");
        check(value.code % 100 / 10 <= 5, "second digit 0..5");
        check(!value.lines.isEmpty(), "at least one line");
        check(value.lines.size() <= SmtpReplyParser::MaxReplyLines, "line count bounded");
        for (const QByteArray &line : value.lines) {
            check(line.size() <= SmtpReplyParser::MaxLineLength, "line length bounded");
            check(!line.contains('\n'), "no LF inside a line");
        }
        const EnhancedStatus status = value.enhancedStatus();
        check(!status.isValid() || status.statusClass == value.code / 100,
              "enhanced status class matches the code");
        // Exercise the accessors under the sanitizers.
        (void) value.text();
        (void) value.toString();
        check(value.isClass(value.code / 100) && value.isClass(value.code / 10)
                  && value.isClass(value.code),
              "isClass of its own prefixes");
        outcome.replies.append(value);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));

    // Up to 7 split points, each taken from one input byte scaled to the input length; the bytes
    // used for this stay part of the input, so every byte is both a split choice and content.
    std::vector<qsizetype> splits;
    const qsizetype splitCount = input.isEmpty() ? 0 : std::uint8_t(input[0]) % 8;
    for (qsizetype i = 0; i < splitCount && i + 1 < input.size(); ++i) {
        const auto byte = std::uint8_t(input[i + 1]);
        splits.push_back(qsizetype(byte) * input.size() / 256);
    }
    std::sort(splits.begin(), splits.end());

    SmtpReplyParser split;
    Outcome splitOutcome;
    qsizetype position = 0;
    for (const qsizetype at : splits) {
        split.append(input.sliced(position, at - position));
        takeReplies(split, splitOutcome);
        position = at;
    }
    split.append(input.sliced(position));
    takeReplies(split, splitOutcome);

    // Once failed, always failed.
    if (splitOutcome.failed) {
        split.append("250 OK\r\n");
        const auto again = split.takeReply();
        check(again.has_value() && !again->has_value(), "an error is final");
    }

    SmtpReplyParser whole;
    Outcome wholeOutcome;
    whole.append(input);
    takeReplies(whole, wholeOutcome);

    check(splitOutcome.failed == wholeOutcome.failed, "error does not depend on the split");
    check(splitOutcome.replies.size() == wholeOutcome.replies.size(),
          "reply count does not depend on the split");
    for (qsizetype i = 0; i < splitOutcome.replies.size(); ++i) {
        check(splitOutcome.replies[i].code == wholeOutcome.replies[i].code,
              "codes do not depend on the split");
        check(splitOutcome.replies[i].lines == wholeOutcome.replies[i].lines,
              "lines do not depend on the split");
    }

    // clear() drops whatever is buffered (STARTTLS); an unfailed parser then reads a fresh reply.
    whole.clear();
    check(!whole.hasBufferedData(), "clear() empties the buffer");
    if (!wholeOutcome.failed) {
        whole.append("220 2.0.0 ready\r\n");
        const auto fresh = whole.takeReply();
        check(fresh.has_value() && fresh->has_value() && (*fresh)->code == 220,
              "a cleared parser reads a fresh reply");
    }
    return 0;
}
