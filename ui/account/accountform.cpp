#include "accountform.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

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

} // namespace Bulkmail::AccountForm
