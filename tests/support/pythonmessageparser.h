#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace Bulkmail::Test {

// An independent reader of the messages we compose: Debian's Python (systemPython(), not the one
// first on PATH) and its email package, through tests/support/parse_message.py
// (BULKMAIL_PARSE_MESSAGE_SCRIPT). A suite asserts on what another parser sees, not on our own.

// One part of the message as Python's email package sees it.
struct ParsedPart
{
    QString path; // "0", "0.1", ...: position in the tree
    QString contentType;
    QString charset;
    QString transferEncoding; // lower case
    QString disposition;      // "attachment", "inline" or empty
    QString filename;
    bool isMultipart = false;
    QByteArray payload; // decoded; empty for multiparts
};

struct ParsedMessage
{
    QString error;                             // why parsing failed; empty on success
    QList<QPair<QString, QString>> headers;    // top level, in order, RFC 2047 decoded
    QList<QPair<QString, QString>> rawHeaders; // unfolded, as on the wire
    QHash<QString, QList<QPair<QString, QString>>> addresses; // field (lower case) -> name, address
    QStringList defects;     // parser defects anywhere in the message
    QList<ParsedPart> parts; // every part of the tree, depth first, multiparts included

    // The first header of that name (compared ignoring case), decoded / as on the wire; empty
    // when there is none.
    [[nodiscard]] QString header(QStringView name) const;
    [[nodiscard]] QString rawHeader(QStringView name) const;
    [[nodiscard]] int count(QStringView name) const;
    [[nodiscard]] QStringList headerNames() const;

    [[nodiscard]] QStringList toAddresses() const;  // the addresses of To, without display names
    [[nodiscard]] QStringList contentTypes() const; // of every part, depth first
    [[nodiscard]] QStringList attachmentFileNames() const;
    // The payload of the first text/plain (text/html) part that is not an attachment, decoded
    // from UTF-8; empty when there is none.
    [[nodiscard]] QString textPart() const;
    [[nodiscard]] QString htmlPart() const;
};

// Runs parse_message.py on `content`. Waits in the event loop (a QSignalSpy on
// QProcess::finished), never blocking it: a suite may run an in-process server meanwhile.
// Any failure (Python not starting, a timeout, a crash, bad JSON) is in ParsedMessage::error.
[[nodiscard]] ParsedMessage parseWithPython(const QByteArray &content, int timeoutMs = 30000);

} // namespace Bulkmail::Test
