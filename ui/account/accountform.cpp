#include "accountform.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace Bulkmail::AccountForm {

void setTextIfDifferent(QLineEdit *edit, const QString &text)
{
    if (edit->text() != text)
        edit->setText(text);
}

void setValueIfDifferent(QSpinBox *spin, int value)
{
    if (spin->value() != value)
        spin->setValue(value);
}

void setCurrentData(QComboBox *combo, int value)
{
    const int index = combo->findData(value);
    if (index >= 0 && combo->currentIndex() != index)
        combo->setCurrentIndex(index);
}

QLabel *explanationLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QWidget *explained(QWidget *field, const QString &explanation)
{
    auto *box = new QWidget(field->parentWidget());
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(explanationLabel(explanation, box));
    field->setWhatsThis(explanation);
    field->setAccessibleDescription(explanation);
    return box;
}

void alignLabelColumns(const QList<QFormLayout *> &forms)
{
    QList<QWidget *> labels;
    int width = 0;
    for (QFormLayout *form : forms) {
        for (int row = 0; row < form->rowCount(); ++row) {
            QLayoutItem *item = form->itemAt(row, QFormLayout::LabelRole);
            if (QWidget *label = item ? item->widget() : nullptr) {
                labels.append(label);
                width = std::max(width, label->sizeHint().width());
            }
        }
    }
    for (QWidget *label : labels)
        label->setMinimumWidth(width);
}

} // namespace Bulkmail::AccountForm
