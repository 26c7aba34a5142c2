#include "sendarea.h"

#include "send/checklistwords.h"
#include "widgets/accessiblenames.h"
#include "widgets/sentences.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QStyle>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "document/recipientlistmemory.h"
#include "feedback/suppressioncheck.h"

namespace Bulkmail {

namespace {

// Enough lines to see what kind of problems a list has; a label each, so a 100,000-row list
// with a problem on every row must not make 100,000 of them. The recipient list's "Show Only
// Problems" shows every row.
constexpr int MaxChecklistLines = 200;

// The links of the checklist: "field:<Field>" and "row:<index>".
const QString FieldScheme = QStringLiteral("field");
const QString RowScheme = QStringLiteral("row");

} // namespace

SendArea::SendArea(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_checklistArea(new QScrollArea(this))
    , m_checklist(new QWidget(m_checklistArea))
    , m_checklistLayout(new QVBoxLayout(m_checklist))
    , m_testButton(new QPushButton(tr("Send a &Test Message…"), this))
{
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_summary->setAccessibleName(tr("Send summary"));
    // Lines that wrap rather than being cut off, each with a link to where the fix is.
    m_checklist->setObjectName(QStringLiteral("checklist"));
    m_checklist->setAccessibleName(tr("Checklist before sending"));
    m_checklist->setToolTip(tr("What a send would do, and what must be fixed first"));
    m_checklistLayout->setContentsMargins(4, 4, 4, 4);
    m_checklistLayout->addStretch(1);
    m_checklistArea->setWidget(m_checklist);
    m_checklistArea->setWidgetResizable(true);
    m_checklistArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_checklistArea->setFocusPolicy(Qt::NoFocus);
    m_testButton->setToolTip(tr("Send the message, merged for one recipient, to an address you "
                                "choose, through this account"));

    auto *header = new QHBoxLayout;
    header->addWidget(m_testButton);
    header->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addLayout(header);
    layout->addWidget(m_checklistArea, 1);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(400);
    connect(&m_debounce, &QTimer::timeout, this, &SendArea::startCheck);
    connect(&m_watcher, &QFutureWatcher<CampaignCheck>::finished, this, [this] {
        showCheck(m_watcher.result());
        if (m_hasPending)
            m_debounce.start();
        else
            Q_EMIT checkFinished();
    });
    connect(m_testButton, &QPushButton::clicked, this, &SendArea::testMessageRequested);
    showValue(m_summary, tr("Checking the campaign…"));
}

SendArea::~SendArea()
{
    m_watcher.waitForFinished();
}

void SendArea::scheduleCheck(const Campaign &campaign)
{
    m_pending = campaign;
    m_hasPending = true;
    m_account = campaign.server.host.isEmpty()
                    ? QString()
                    : (campaign.server.username.isEmpty()
                           ? campaign.server.displayAddress()
                           : tr("%1 as %2")
                                 .arg(campaign.server.displayAddress(), campaign.server.username));
    m_sentCopies = sentCopiesSentence(campaign.mailbox);
    m_debounce.start();
}

QString SendArea::sentCopiesSentence(const MailboxSettings &mailbox)
{
    if (!mailbox.copyToSent)
        return {};
    // The runner copies nothing without a server: say so rather than let it pass unseen.
    if (!mailbox.isConfigured())
        return tr("Copies to the Sent folder are turned on, but no mailbox (IMAP) server is "
                  "given: enter it on the account page, or nothing is copied.");
    return tr("Copies go to the Sent folder of %1.").arg(mailbox.server.host);
}

bool SendArea::isChecking() const
{
    return m_hasPending || m_watcher.isRunning();
}

void SendArea::startCheck()
{
    if (m_watcher.isRunning())
        return; // the finished handler starts the next one
    m_hasPending = false;
    m_watcher.setFuture(QtConcurrent::run([campaign = std::move(m_pending)] {
        CampaignCheck check = checkCampaignAndList(campaign);
        // Who a send will leave out: read here, off the GUI thread (one SQLite read). An
        // unreadable list is said by the send itself, which then refuses to go on.
        if (const Result<SuppressionCheck> suppressed = checkSuppressedRecipients(campaign))
            applySuppressionCheck(*suppressed, check);
        return check;
    }));
    m_pending = Campaign();
}

QString SendArea::summaryText() const
{
    return m_summary->text();
}

void SendArea::setMode(SendMode mode)
{
    if (m_mode == mode)
        return;
    m_mode = mode;
    if (m_hasCheck)
        showCheck(m_lastCheck);
}

QString SendArea::suppressedSentence(const CampaignCheck &check)
{
    QStringList reasons;
    const auto add = [&](const QString &code, const char *words) {
        if (const int count = check.suppressedByReason.value(code); count > 0)
            reasons.append(tr(words, nullptr, count));
    };
    add(QStringLiteral("hard-bounce"), QT_TR_N_NOOP("%n bounced for good"));
    add(QStringLiteral("unsubscribe"), QT_TR_N_NOOP("%n unsubscribed"));
    add(QStringLiteral("manual"), QT_TR_N_NOOP("%n added by hand"));
    const QString sentence = tr("%Ln address(es) on the account's suppression list will be "
                                "skipped",
                                nullptr,
                                check.suppressedCount);
    return reasons.isEmpty()
               ? sentence + u'.'
               : tr("%1 (%2).").arg(sentence, reasons.join(tr(", ", "between the reasons")));
}

void SendArea::showCheck(const CampaignCheck &check)
{
    m_lastCheck = check;
    m_hasCheck = true;
    QString summary;
    if (check.recipientCount == 0)
        summary = tr("Add recipients to send this campaign.");
    else if (m_mode == SendMode::Rehearse && check.canBeSent())
        // A rehearsal reaches nobody: say so before it starts.
        summary = tr("%Ln message(s) will be captured in the Outbox; nothing is delivered.",
                     nullptr,
                     check.sendableCount);
    else if (m_account.isEmpty())
        summary = tr("%Ln message(s) ready; choose the account to send them through.",
                     nullptr,
                     check.sendableCount);
    else if (check.canBeSent())
        summary = tr("%Ln recipient(s) will receive this message through %1.",
                     nullptr,
                     check.sendableCount)
                      .arg(m_account);
    else
        summary = tr("Fix the items marked below before sending (%Ln blocking).",
                     nullptr,
                     static_cast<int>(check.blockers().size()));
    // A rehearsal copies nothing to Sent (the rehearsal plan turns the copies off).
    if (m_mode == SendMode::Deliver && check.recipientCount > 0 && !m_sentCopies.isEmpty())
        summary += sentenceSeparator() + m_sentCopies;
    if (m_mode == SendMode::Deliver && check.suppressedCount > 0)
        summary += sentenceSeparator() + suppressedSentence(check);
    if (check.sampleMessageBytes > 0)
        summary += sentenceSeparator()
                   + tr("Each message is about %1.").arg(dataSizeText(check.sampleMessageBytes));
    showValue(m_summary, summary);

    while (m_checklistLayout->count() > 1) {
        QLayoutItem *line = m_checklistLayout->takeAt(0);
        delete line->widget();
        delete line;
    }
    const QIcon blocker = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    // Blockers first: they are what stands in the way, and the lines are capped.
    QList<CampaignCheckItem> items = check.blockers();
    items.append(check.warnings());
    for (const CampaignCheckItem &item :
         std::as_const(items).first(std::min<qsizetype>(items.size(), MaxChecklistLines))) {
        const bool isBlocker = item.severity == CampaignCheckItem::Severity::Blocker;
        const QString sentence = ChecklistWords::sentence(item);
        const QString fix = ChecklistWords::fixLink(item);
        QString html = sentence.toHtmlEscaped();
        if (!fix.isEmpty()) {
            const QString link = item.recipientIndex >= 0
                                     ? RowScheme + u':' + QString::number(item.recipientIndex)
                                     : FieldScheme + u':' + QString::number(int(item.field));
            html += QStringLiteral(" <a href=\"%1\">%2</a>").arg(link, fix.toHtmlEscaped());
        }
        // A screen reader hears the severity, not just an icon.
        addChecklistLine(isBlocker ? blocker : warning,
                         (isBlocker ? tr("Must fix: %1") : tr("Warning: %1")).arg(sentence),
                         html);
    }
    if (items.size() > MaxChecklistLines) {
        const QString more = tr("And %Ln more: Show Only Problems in the recipient list shows "
                                "every row with a problem.",
                                nullptr,
                                int(items.size() - MaxChecklistLines));
        addChecklistLine(warning, more, more.toHtmlEscaped());
    }
    if (check.items.isEmpty() && check.recipientCount > 0) {
        const QString fine = tr("Everything checked: nothing stands in the way.");
        addChecklistLine(style()->standardIcon(QStyle::SP_DialogApplyButton),
                         fine,
                         fine.toHtmlEscaped());
    }
}

void SendArea::addChecklistLine(const QIcon &icon,
                                const QString &accessibleText,
                                const QString &html)
{
    auto *line = new QWidget(m_checklist);
    auto *icons = new QLabel(line);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icons->setPixmap(icon.pixmap(size, size));
    icons->setAlignment(Qt::AlignTop);
    auto *text = new QLabel(line);
    text->setObjectName(QStringLiteral("checklistLine"));
    text->setTextFormat(Qt::RichText);
    text->setText(html);
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignLeft | Qt::AlignTop); // its first line beside the icon
    // Only a line with a link takes a Tab stop (its link); the others can still be copied.
    text->setTextInteractionFlags(html.contains(QLatin1String("<a href="))
                                      ? Qt::TextBrowserInteraction
                                      : Qt::TextSelectableByMouse);
    text->setAccessibleName(accessibleText);
    // A policy of its own would drop the height-for-width that setWordWrap() gave it: the layout
    // would then size each line for the label's narrow size hint, leaving a gap below its text.
    QSizePolicy wrapping(QSizePolicy::Expanding, QSizePolicy::Preferred);
    wrapping.setHeightForWidth(true);
    text->setSizePolicy(wrapping);
    connect(text, &QLabel::linkActivated, this, &SendArea::followLink);
    auto *layout = new QHBoxLayout(line);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(icons);
    layout->addWidget(text, 1);
    m_checklistLayout->insertWidget(m_checklistLayout->count() - 1, line);
}

void SendArea::followLink(const QString &link)
{
    const qsizetype colon = link.indexOf(u':');
    const QStringView scheme = QStringView(link).first(std::max<qsizetype>(colon, 0));
    bool isNumber = false;
    const int value = QStringView(link).sliced(colon + 1).toInt(&isNumber);
    if (!isNumber)
        return;
    if (scheme == RowScheme)
        Q_EMIT recipientActivated(value);
    else if (scheme == FieldScheme)
        Q_EMIT fieldFocusRequested(CampaignCheckItem::Field(value));
}

} // namespace Bulkmail
