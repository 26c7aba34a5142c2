#pragma once

#include <QDialog>
#include <QList>

class QAction;
class QTextBrowser;

namespace Bulkmail {

// Help → Getting Started: a short page for a newcomer. What a rehearsal is, why Bulkmail
// reuses connections, and the keyboard shortcuts, read from the window's own actions so that the
// list is never out of date (and is in the user's language with the actions' texts).
class GuideDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuideDialog)

public:
    // `actions`: those whose shortcuts the page lists, in that order (ones without are left out).
    explicit GuideDialog(const QList<QAction *> &actions, QWidget *parent = nullptr);
    ~GuideDialog() override;

    // The page as HTML, for the dialog and its tests.
    [[nodiscard]] static QString guideHtml(const QList<QAction *> &actions);
    [[nodiscard]] QString plainText() const;

private:
    QTextBrowser *m_browser;
};

} // namespace Bulkmail
