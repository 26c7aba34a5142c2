// libFuzzer target for the CSV recipient import (core/document/recipientcsv.cpp over libcsv and
// uchardet): any bytes read as a list. Seeded with tests/data/csv.
//
// Promises checked: no crash or sanitizer report; a refused file says why; every recipient has
// a source line and no more fields than the list has names; and, as recipientcsv.h promises,
// the list exported as CSV imports back as it was (the same field names, and every recipient's
// address, name and fields, in order).

#include "fuzzcheck.h"

#include "document/recipientcsv.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

using namespace Bulkmail;

namespace {

void check(bool condition, const char *what)
{
    Fuzz::check("fuzz_recipientcsv", condition, what);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto import = parseRecipientsCsv(bytes);
    if (!import) {
        check(!import.error().message.isEmpty(), "a refusal without words");
        return 0;
    }
    for (const Recipient &recipient : import->recipients) {
        check(recipient.sourceLine >= 1, "a recipient without its line");
        check(recipient.fields.size() <= import->fieldNames.size(), "more fields than names");
    }

    const auto again = parseRecipientsCsv(
        serializeRecipientsCsv(import->fieldNames, import->recipients));
    check(again.has_value(), "the export does not import");
    check(again->fieldNames == import->fieldNames, "the export imports other field names");
    check(again->recipients.size() == import->recipients.size(),
          "the export imports another number of recipients");
    for (qsizetype i = 0; i < import->recipients.size(); ++i) {
        const Recipient &before = import->recipients[i];
        const Recipient &after = again->recipients[i];
        check(after.email == before.email, "the export imports another address");
        check(after.name == before.name, "the export imports another name");
        for (qsizetype field = 0; field < import->fieldNames.size(); ++field)
            check(after.fields.value(field) == before.fields.value(field),
                  "the export imports another field value");
    }
    return 0;
}
