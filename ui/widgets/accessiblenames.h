#pragma once

class QLabel;
class QString;
class QWidget;

namespace Bulkmail {

// Gives every control that has a label (QLabel::setBuddy) but no accessible name the label's
// text as its name ("P&ort:" becomes "Port"). Qt itself finds a buddy's label only when both
// share a parent widget, so a field placed in a row widget beside its explanation would be read
// by a screen reader as nothing but "spin box". Call it once a form is built.
void nameControlsAfterTheirLabels(QWidget *root);

// A label's or an action's text without its mnemonic marks: "&Undo" becomes "Undo" ("&&" stays
// one "&").
[[nodiscard]] QString withoutMnemonics(QString text);

// Shows `text` in a label that has an accessible name ("Sent", "Sending status"), and makes it
// the label's accessible description too: once a label has a name, a screen reader reads the
// name instead of the text, and would never say the value ("36") at all. Setting the
// description also tells assistive technology that the value changed.
void showValue(QLabel *label, const QString &text);

} // namespace Bulkmail
