#include "guidedialog.h"

#include "widgets/accessiblenames.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace Bulkmail {

namespace {

QString plainActionText(const QAction *action)
{
    return withoutMnemonics(action->text()).remove(QStringLiteral("…")).trimmed();
}

} // namespace

GuideDialog::GuideDialog(const QList<QAction *> &actions, QWidget *parent)
    : QDialog(parent)
    , m_browser(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("guideDialog"));
    setWindowTitle(tr("Getting Started with Bulkmail"));
    m_browser->setOpenLinks(false);
    m_browser->setHtml(guideHtml(actions));
    m_browser->setAccessibleName(tr("Getting started guide"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_browser, 1);
    layout->addWidget(buttons);
    resize(560, 520);
}

GuideDialog::~GuideDialog() = default;

QString GuideDialog::plainText() const
{
    return m_browser->toPlainText();
}

QString GuideDialog::guideHtml(const QList<QAction *> &actions)
{
    QString html;
    html += QStringLiteral("<h2>") + tr("What is a rehearsal?") + QStringLiteral("</h2><p>")
            + tr("A rehearsal sends every message of the campaign to a small mail server inside "
                 "Bulkmail, the sandbox, which keeps them and delivers none. Open the Sandbox "
                 "Outbox to see each message as its recipient would, and the Connections tab "
                 "to watch how they went out. A rehearsal never changes what a real send does: "
                 "afterwards every recipient still gets the message once. Rehearse first, then "
                 "clear \"Rehearse\" and start sending for real.")
            + QStringLiteral("</p><h2>") + tr("Why reuse connections?") + QStringLiteral("</h2><p>")
            + tr("Opening a connection to the mail server, encrypting it and signing in takes "
                 "several round trips. Bulkmail keeps a connection open and sends many messages "
                 "over it (the limit is in Account and Sending), so sending is faster and the "
                 "server sees one sign-in instead of hundreds; many providers slow down or block "
                 "an account that reconnects for every message.")
            + QStringLiteral("</p><h2>") + tr("Keyboard shortcuts")
            + QStringLiteral("</h2><table>");
    for (const QAction *action : actions) {
        const QKeySequence shortcut = action->shortcut();
        if (shortcut.isEmpty())
            continue;
        html += QStringLiteral("<tr><td><b>%1</b></td><td>&nbsp;&nbsp;%2</td></tr>")
                    .arg(shortcut.toString(QKeySequence::NativeText).toHtmlEscaped(),
                         plainActionText(action).toHtmlEscaped());
    }
    html += QStringLiteral("</table>");
    return html;
}

} // namespace Bulkmail
