#include "sentences.h"

#include <QCoreApplication>
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

} // namespace Bulkmail
