#include "sentences.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

namespace Bulkmail {

QString sentenceSeparator()
{
    return QCoreApplication::translate("Bulkmail::Sentences",
                                       " ",
                                       "between two sentences of a paragraph; empty in Chinese");
}

QString joinSentences(const QStringList &sentences)
{
    QStringList nonEmpty;
    for (const QString &sentence : sentences) {
        if (!sentence.isEmpty())
            nonEmpty.append(sentence);
    }
    return nonEmpty.join(sentenceSeparator());
}

QString dataSizeText(qint64 bytes)
{
    constexpr qint64 Kibibyte = 1024;
    const QLocale locale;
    // Below 1 KiB the number and its unit are one string of ours, the translator's to order;
    // above it Qt's "1.2 KiB" needs no words.
    QString text = bytes < Kibibyte ? QCoreApplication::translate("Bulkmail::Sentences", "%1 bytes")
                                          .arg(locale.toString(bytes))
                                    : locale.formattedDataSize(bytes);
    text.replace(u' ', QChar::Nbsp);
    return text;
}

} // namespace Bulkmail
