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
        QString name = withoutMnemonics(label->text()).trimmed();
        while (name.endsWith(u':') || name.endsWith(u'：'))
            name.chop(1);
        if (!name.isEmpty())
            control->setAccessibleName(name);
    }
}

QString withoutMnemonics(QString text)
{
    static const QRegularExpression mnemonic(QStringLiteral("&(.)"));
    return text.replace(mnemonic, QStringLiteral("\\1"));
}

void showValue(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setAccessibleDescription(text);
}

} // namespace Bulkmail
