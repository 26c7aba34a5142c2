#pragma once

#include "common/result.h"

#include <QString>
#include <QStringView>

namespace Bulkmail {

// One address with its optional display name, as in `From: "Last, First" <first@example.org>`.
struct Mailbox
{
    QString displayName; // unquoted, unescaped; may be empty
    QString address;     // bare address, as written (internationalised domains not converted)

    friend bool operator==(const Mailbox &, const Mailbox &) = default;
};

// Practical RFC 5321 §4.1.2 / RFC 6531 syntax for one bare address: `local@domain`, with a dot-atom
// or quoted local part (UTF-8 allowed, RFC 6532) and a domain of at least two labels (IDN allowed)
// or an address literal (`[192.0.2.1]`, `[IPv6:2001:db8::1]`). Never allowed anywhere: whitespace,
// CR, LF, angle brackets, commas, control characters. Limits (RFC 5321 §4.5.3.1, in UTF-8
// octets): local part 64, domain 255, whole address 254 (the RFC 3696 errata path limit).
[[nodiscard]] bool isValidEmailAddress(QStringView address);

// Parses `Name <address>`, `"Last, First" <address>` or a bare `address` (surrounding whitespace
// ignored). Fails with ErrorCode::InvalidAddress when the address is invalid or the syntax is
// broken (unbalanced quotes or angle brackets).
[[nodiscard]] Result<Mailbox> parseMailbox(QStringView text);

// The address with its domain in ASCII (IDNA A-labels, RFC 5891), so that only a non-ASCII local
// part still needs SMTPUTF8. Expects a valid address; returns it unchanged if conversion fails.
[[nodiscard]] QString addressWithAsciiDomain(const QString &address);

} // namespace Bulkmail
