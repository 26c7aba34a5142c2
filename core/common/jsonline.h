#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QLatin1String>
#include <QStringView>

namespace Bulkmail {

// Writes one compact JSON object as one line ("{...}\n"), for the JSON-lines files that a fast
// campaign writes per message (the send journal, --events): building a QJsonObject and a
// QJsonDocument for each line cost more than composing the message. Keys are ASCII literals
// written in the order given; string values are escaped per RFC 8259 §7.
class JsonLine final
{
public:
    JsonLine();
    JsonLine &add(const char *key, QStringView value);
    JsonLine &add(const char *key, QLatin1String value);
    JsonLine &add(const char *key, qint64 value);
    JsonLine &add(const char *key, int value) { return add(key, qint64(value)); }
    JsonLine &add(const char *key, double value);
    JsonLine &add(const char *key, bool value);
    // A value that is already compact JSON (an array or object built elsewhere), written as is.
    JsonLine &addJson(const char *key, QByteArrayView json);
    // As QDateTime::toString(Qt::ISODateWithMs) in UTC ("2026-11-24T18:47:04.231Z"; "" when
    // invalid), without its cost: the per-message lines each carry a time.
    JsonLine &addUtcTime(const char *key, const QDateTime &time);
    // The finished line, ending in '\n'. The writer is empty afterwards.
    [[nodiscard]] QByteArray take();

private:
    void appendKey(const char *key);
    void appendString(QByteArrayView utf8);

    QByteArray m_line;
};

} // namespace Bulkmail
