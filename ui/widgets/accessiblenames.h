#pragma once

class QWidget;

namespace Bulkmail {

// Gives every control that has a label (QLabel::setBuddy) but no accessible name the label's
// text as its name ("P&ort:" becomes "Port"). Qt itself finds a buddy's label only when both
// share a parent widget, so a field placed in a row widget beside its explanation would be read
// by a screen reader as nothing but "spin box". Call it once a form is built.
void nameControlsAfterTheirLabels(QWidget *root);

} // namespace Bulkmail
