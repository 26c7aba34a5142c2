#include "accessiblenames.h"

#include <QLabel>
#include <QRegularExpression>

namespace Bulkmail {

void nameControlsAfterTheirLabels(QWidget *root)
{
    const QList<QLabel *> labels = root->findChildren<QLabel *>();
    for (const QLabel *label : labels) {
        QWidget *control = label->buddy();
        if (control == nullptr || !control->accessibleName().isEmpty())
            continue;
        QString name = label->text();
        name.remove(QRegularExpression(QStringLiteral("&(?!&)")));
        name = name.trimmed();
        while (name.endsWith(u':') || name.endsWith(u'：'))
            name.chop(1);
        if (!name.isEmpty())
            control->setAccessibleName(name);
    }
}

} // namespace Bulkmail
