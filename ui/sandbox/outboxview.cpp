#include "outboxview.h"

#include "common/fileio.h"
#include "models/errorwords.h"
#include "outboxmodel.h"
#include "sandbox/capturedmessageview.h"
#include "sandbox/sandboxserver.h"
#include "widgets/filedialogs.h"
#include "widgets/safehtmlbrowser.h"
#include "widgets/sentences.h"

#include <QDir>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace Bulkmail {

namespace {

constexpr int SpinMaximum = 1'000'000;

QSpinBox *makeLimitSpin(QWidget *parent)
{
    auto *spin = new QSpinBox(parent);
    spin->setRange(0, SpinMaximum);
    spin->setSpecialValueText(OutboxView::tr("Off"));
    spin->setAccelerated(true);
    spin->setKeyboardTracking(false); // typing "25" applies 25, not 2 and then 25
    return spin;
}

QLabel *makeHint(QWidget *parent)
{
    auto *hint = new QLabel(parent);
    hint->setWordWrap(true);
    hint->setTextFormat(Qt::PlainText);
    hint->setForegroundRole(QPalette::PlaceholderText); // quieter, and right in dark palettes
    return hint;
}

QLineEdit *makeField(QWidget *parent, const QString &accessibleName)
{
    auto *field = new QLineEdit(parent);
    field->setReadOnly(true);
    field->setFrame(false); // read like a mail program's header lines, and take less height
    field->setAccessibleName(accessibleName);
    return field;
}

} // namespace

OutboxView::OutboxView(SandboxServer *server, QWidget *parent)
    : QWidget(parent)
    , m_server(server)
    , m_model(new OutboxModel(this))
{
    buildUi();

    m_summaryTimer.setSingleShot(true);
    m_summaryTimer.setInterval(OutboxModel::FlushInterval);
    connect(&m_summaryTimer, &QTimer::timeout, this, &OutboxView::refresh);

    if (m_server) {
        // Counts and rows follow the server through timers, never per message (STYLE.md rule 9).
        connect(m_server, &SandboxServer::messageCaptured, this, [this](const CapturedMessage &m) {
            m_model->append(m);
            scheduleSummary();
        });
        connect(m_server, &SandboxServer::connectionOpened, this, &OutboxView::scheduleSummary);
        connect(m_server, &SandboxServer::destroyed, this, &OutboxView::refresh);
        const QList<CapturedMessage> captured = m_server->messages();
        for (const CapturedMessage &message : captured)
            m_model->append(message);
        m_model->flush();
    }
    showProviderBehaviour();
    clearViewer(tr("Select a message to see it as its recipient would."));
    refresh();
}

OutboxView::~OutboxView() = default;

void OutboxView::buildUi()
{
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // The captured messages.
    auto *tableLabel = new QLabel(tr("Captured &messages:"), this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("outboxTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(int(OutboxModel::Column::Subject),
                                                      QHeaderView::Stretch);
    m_table->setAccessibleName(tr("Captured messages"));
    tableLabel->setBuddy(m_table);
    connect(m_table->selectionModel(),
            &QItemSelectionModel::selectionChanged,
            this,
            &OutboxView::showSelectedMessage);
    // Keep the newest row in sight while the user has not scrolled away from the bottom.
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar *bar = m_table->verticalScrollBar();
        m_followNewest = bar->value() >= bar->maximum();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_followNewest)
            m_table->scrollToBottom();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        clearViewer(tr("Select a message to see it as its recipient would."));
    });

    m_saveButton = new QPushButton(tr("&Save as .eml…"), this);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_saveButton->setToolTip(tr("Save the selected message exactly as the sandbox received it, to "
                                "open it in a mail program"));
    connect(m_saveButton, &QPushButton::clicked, this, &OutboxView::saveWithDialog);
    m_clearButton = new QPushButton(tr("C&lear"), this);
    m_clearButton->setObjectName(QStringLiteral("clearButton"));
    m_clearButton->setToolTip(tr("Forget the captured messages (nothing was delivered anyway)"));
    connect(m_clearButton, &QPushButton::clicked, this, &OutboxView::clear);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_saveButton);
    buttons->addWidget(m_clearButton);
    buttons->addStretch();

    auto *tablePane = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(tablePane);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(tableLabel);
    tableLayout->addWidget(m_table);
    tableLayout->addLayout(buttons);

    // The selected message, as its recipient would see it.
    m_viewer = new QWidget(this);
    m_viewerNotice = new QLabel(m_viewer);
    m_viewerNotice->setObjectName(QStringLiteral("viewerNotice"));
    m_viewerNotice->setWordWrap(true);
    m_viewerNotice->setTextFormat(Qt::PlainText);
    m_fromField = makeField(m_viewer, tr("From"));
    m_fromField->setObjectName(QStringLiteral("fromField"));
    m_toField = makeField(m_viewer, tr("To"));
    m_toField->setObjectName(QStringLiteral("toField"));
    m_replyToField = makeField(m_viewer, tr("Reply to"));
    m_replyToField->setObjectName(QStringLiteral("replyToField"));
    m_subjectField = makeField(m_viewer, tr("Subject"));
    m_subjectField->setObjectName(QStringLiteral("subjectField"));
    m_dateField = makeField(m_viewer, tr("Date"));
    m_dateField->setObjectName(QStringLiteral("dateField"));
    auto *fields = new QFormLayout;
    m_fields = fields;
    fields->addRow(tr("&From:"), m_fromField);
    fields->addRow(tr("&To:"), m_toField);
    fields->addRow(tr("Reply-T&o:"), m_replyToField);
    fields->addRow(tr("S&ubject:"), m_subjectField);
    fields->addRow(tr("&Date:"), m_dateField);

    m_bodyTabs = new QTabWidget(m_viewer);
    m_bodyTabs->setObjectName(QStringLiteral("bodyTabs"));
    m_bodyTabs->setAccessibleName(tr("Message body"));
    m_textBody = new QPlainTextEdit(m_bodyTabs);
    m_textBody->setObjectName(QStringLiteral("textBody"));
    m_textBody->setReadOnly(true);
    m_textBody->setUndoRedoEnabled(false);
    m_textBody->setAccessibleName(tr("Text body"));
    m_htmlBody = new SafeHtmlBrowser(m_bodyTabs);
    m_htmlBody->setObjectName(QStringLiteral("htmlBody"));
    m_htmlBody->setAccessibleName(tr("HTML body"));
    m_htmlBody->setToolTip(tr("Pictures and styles from other computers are never loaded here"));
    m_headers = new QPlainTextEdit(m_bodyTabs);
    m_headers->setObjectName(QStringLiteral("headersText"));
    m_headers->setReadOnly(true);
    m_headers->setUndoRedoEnabled(false);
    m_headers->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_headers->setAccessibleName(tr("All headers"));
    m_bodyTabs->addTab(m_textBody, tr("Te&xt"));
    m_bodyTabs->addTab(m_htmlBody, tr("&HTML"));
    m_bodyTabs->addTab(m_headers, tr("All h&eaders"));

    auto *attachmentsLabel = new QLabel(tr("&Attachments:"), m_viewer);
    m_attachments = new QListWidget(m_viewer);
    m_attachments->setObjectName(QStringLiteral("attachmentList"));
    m_attachments->setAccessibleName(tr("Attachments"));
    attachmentsLabel->setBuddy(m_attachments);

    auto *viewerLayout = new QVBoxLayout(m_viewer);
    viewerLayout->setContentsMargins(0, 0, 0, 0);
    viewerLayout->addWidget(m_viewerNotice);
    viewerLayout->addLayout(fields);
    viewerLayout->addWidget(m_bodyTabs, 1);
    viewerLayout->addWidget(attachmentsLabel);
    viewerLayout->addWidget(m_attachments);

    // Act like a provider.
    auto *provider = new QGroupBox(tr("Act like a provider"), this);
    provider->setObjectName(QStringLiteral("providerGroup"));
    provider->setToolTip(tr("Rehearse what a real mail provider does to a campaign; changes apply "
                            "at once, even during a send"));
    m_perConnection = makeLimitSpin(provider);
    m_perConnection->setObjectName(QStringLiteral("perConnectionSpin"));
    m_perConnection->setAccessibleName(tr("Messages per connection before 421"));
    m_perConnectionHint = makeHint(provider);
    m_perMinute = makeLimitSpin(provider);
    m_perMinute->setObjectName(QStringLiteral("perMinuteSpin"));
    m_perMinute->setAccessibleName(tr("Messages per minute before 451"));
    m_perMinuteHint = makeHint(provider);
    m_refused = new QLineEdit(provider);
    m_refused->setObjectName(QStringLiteral("refusedRecipientsEdit"));
    m_refused->setAccessibleName(tr("Refused recipients"));
    m_refused->setPlaceholderText(tr("ann@example.org, bob@example.org"));
    m_refused->setClearButtonEnabled(true);
    m_refusedHint = makeHint(provider);
    auto *providerLayout = new QFormLayout(provider);
    providerLayout->setRowWrapPolicy(QFormLayout::WrapLongRows);
    providerLayout->addRow(tr("Messages per &connection before 421:"), m_perConnection);
    providerLayout->addRow(m_perConnectionHint);
    providerLayout->addRow(tr("Messages per m&inute before 451:"), m_perMinute);
    providerLayout->addRow(m_perMinuteHint);
    providerLayout->addRow(tr("&Refused recipients:"), m_refused);
    providerLayout->addRow(m_refusedHint);
    connect(m_perConnection, &QSpinBox::valueChanged, this, &OutboxView::applyProviderBehaviour);
    connect(m_perMinute, &QSpinBox::valueChanged, this, &OutboxView::applyProviderBehaviour);
    connect(m_refused, &QLineEdit::textEdited, this, &OutboxView::applyProviderBehaviour);

    // The captured messages above what the sandbox does, and beside them the message as its
    // recipient sees it: side by side, the page fits a 1280×720 screen in Chinese too, where
    // stacked the viewer sank below the fold.
    auto *listSide = new QSplitter(Qt::Vertical, this);
    listSide->setChildrenCollapsible(false);
    listSide->addWidget(tablePane);
    listSide->addWidget(provider);
    listSide->setStretchFactor(0, 1);
    listSide->setStretchFactor(1, 0);
    auto *mainSplitter = new QSplitter(Qt::Horizontal, this);
    mainSplitter->setChildrenCollapsible(false);
    mainSplitter->addWidget(listSide);
    mainSplitter->addWidget(m_viewer);
    mainSplitter->setStretchFactor(0, 1);
    mainSplitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(mainSplitter, 1);

    setTabOrder(m_table, m_saveButton);
    setTabOrder(m_saveButton, m_clearButton);
    setTabOrder(m_clearButton, m_fromField);
    setTabOrder(m_fromField, m_toField);
    setTabOrder(m_toField, m_replyToField);
    setTabOrder(m_replyToField, m_subjectField);
    setTabOrder(m_subjectField, m_dateField);
    setTabOrder(m_dateField, m_bodyTabs);
    setTabOrder(m_bodyTabs, m_textBody);
    setTabOrder(m_textBody, m_htmlBody);
    setTabOrder(m_htmlBody, m_headers);
    setTabOrder(m_headers, m_attachments);
    setTabOrder(m_attachments, m_perConnection);
    setTabOrder(m_perConnection, m_perMinute);
    setTabOrder(m_perMinute, m_refused);
}

const CapturedMessage *OutboxView::selectedMessage() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? nullptr : m_model->messageAt(rows.first().row());
}

QString OutboxView::summaryText() const
{
    return m_summary->text();
}

void OutboxView::scheduleSummary()
{
    if (!m_summaryTimer.isActive())
        m_summaryTimer.start();
}

void OutboxView::refresh()
{
    m_summaryTimer.stop();
    QString text;
    if (!m_server || !m_server->isListening()) {
        text = tr("The sandbox is not running. While it runs, messages sent to it are shown here "
                  "and never delivered.");
    } else {
        const int messages = m_server->messageCount() - m_messageBase;
        const int connections = m_server->connectionCount() - m_connectionBase;
        text = tr("Sandbox on 127.0.0.1:%1: %2 on %3; nothing is delivered.")
                   .arg(m_server->port())
                   .arg(tr("%Ln message(s) captured", nullptr, messages),
                        tr("%Ln connection(s)", nullptr, connections));
    }
    if (m_model->droppedCount() > 0) {
        text += u' '
                + tr("Only the newest %1 are kept here.")
                      .arg(QLocale().toString(m_model->maximumRows()));
    }
    if (m_summary->text() != text)
        m_summary->setText(text);
}

void OutboxView::clear()
{
    if (m_server) {
        m_server->clearMessages();
        m_messageBase = m_server->messageCount();
        m_connectionBase = m_server->connectionCount();
    }
    m_model->clear();
    refresh();
}

// --- the selected message ---

void OutboxView::clearViewer(const QString &placeholder)
{
    m_shownNumber = -1;
    m_viewerNotice->setText(placeholder);
    m_viewerNotice->setVisible(!placeholder.isEmpty());
    for (QLineEdit *field : {m_fromField, m_toField, m_replyToField, m_subjectField, m_dateField})
        field->clear();
    m_textBody->clear();
    m_htmlBody->showHtml({});
    m_headers->clear();
    m_attachments->clear();
    m_saveButton->setEnabled(false);
}

void OutboxView::showSelectedMessage()
{
    const CapturedMessage *message = selectedMessage();
    if (!message) {
        clearViewer(tr("Select a message to see it as its recipient would."));
        return;
    }
    m_saveButton->setEnabled(true);
    if (message->number == m_shownNumber)
        return; // rows moved (older ones trimmed): the same message is still shown
    const Result<MessageView> view = viewCapturedMessage(message->data);
    if (!view) {
        clearViewer(tr("Message %1 cannot be shown: %2")
                        .arg(message->number)
                        .arg(ErrorWords::of(view.error())));
        m_saveButton->setEnabled(true); // the raw bytes can still be saved and inspected
        m_shownNumber = message->number;
        return;
    }
    m_shownNumber = message->number;
    m_viewerNotice->clear();
    m_viewerNotice->hide();
    m_fromField->setText(view->from);
    m_toField->setText(view->to);
    m_replyToField->setText(view->replyTo);
    // Like a mail program, no Reply-To line when the message has none.
    m_fields->setRowVisible(m_replyToField, !view->replyTo.isEmpty());
    m_subjectField->setText(view->subject);
    m_dateField->setText(view->date.isValid()
                             ? QLocale().toString(view->date.toLocalTime(), QLocale::LongFormat)
                             : QString());
    for (QLineEdit *field : {m_fromField, m_toField, m_replyToField, m_subjectField, m_dateField})
        field->setCursorPosition(0);
    m_textBody->setPlainText(view->text);
    m_htmlBody->showHtml(view->html);
    QStringList headerLines;
    for (const auto &[name, value] : view->headers)
        headerLines.append(name + QStringLiteral(": ") + value);
    m_headers->setPlainText(headerLines.join(u'\n'));

    const int textTab = m_bodyTabs->indexOf(m_textBody);
    const int htmlTab = m_bodyTabs->indexOf(m_htmlBody);
    m_bodyTabs->setTabEnabled(textTab, !view->text.isEmpty());
    m_bodyTabs->setTabEnabled(htmlTab, !view->html.isEmpty());
    if (!m_bodyTabs->isTabEnabled(m_bodyTabs->currentIndex()))
        m_bodyTabs->setCurrentIndex(view->text.isEmpty() ? htmlTab : textTab);

    m_attachments->clear();
    for (const AttachmentInfo &attachment : view->attachments) {
        const QString name = attachment.fileName.isEmpty()
                                 ? tr("(unnamed, %1)").arg(attachment.mimeType)
                                 : attachment.fileName;
        auto *item = new QListWidgetItem(tr("%1 (%2)").arg(name, dataSizeText(attachment.size)),
                                         m_attachments);
        item->setToolTip(attachment.mimeType);
    }
    if (view->attachments.isEmpty())
        new QListWidgetItem(tr("No attachments"), m_attachments);
    // As tall as its lines (up to five), so that the body above gets the room it does not use.
    constexpr int MostLinesShown = 5;
    const int lines = std::clamp(m_attachments->count(), 1, MostLinesShown);
    m_attachments->setFixedHeight(lines * m_attachments->sizeHintForRow(0)
                                  + 2 * m_attachments->frameWidth());
}

// --- saving ---

QString OutboxView::suggestedFileName(const CapturedMessage &message)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._@+-]"));
    QString recipient = message.recipients.value(0);
    recipient.replace(unsafe, QStringLiteral("_"));
    return QStringLiteral("%1-%2.eml")
        .arg(message.number, 5, 10, QLatin1Char('0'))
        .arg(recipient.left(80));
}

Result<void> OutboxView::saveMessage(const CapturedMessage &message, const QString &path)
{
    return writeFileAtomically(path, message.data);
}

Result<void> OutboxView::saveSelectedMessage(const QString &path) const
{
    const CapturedMessage *message = selectedMessage();
    if (!message)
        return makeError(ErrorCode::InvalidValue, tr("No message is selected."));
    return saveMessage(*message, path);
}

void OutboxView::saveWithDialog()
{
    const CapturedMessage *message = selectedMessage();
    if (!message)
        return;
    const QString path = FileDialogs::getSaveFileName(this,
                                                      tr("Save Message"),
                                                      suggestedFileName(*message),
                                                      tr("Email messages (*.eml)"));
    if (path.isEmpty())
        return;
    if (const Result<void> saved = saveSelectedMessage(path); !saved)
        QMessageBox::warning(this, tr("Save Message"), ErrorWords::of(saved.error()));
}

// --- act like a provider ---

QStringList OutboxView::parseRecipientList(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

void OutboxView::showProviderBehaviour()
{
    if (m_server) {
        const SandboxOptions &options = m_server->options();
        const QSignalBlocker blockConnection(m_perConnection);
        const QSignalBlocker blockMinute(m_perMinute);
        m_perConnection->setValue(options.maxMessagesPerConnection);
        m_perMinute->setValue(options.ratePerMinute);
        m_refused->setText(options.refusedRecipients.join(QStringLiteral(", ")));
    }
    updateProviderHints();
}

void OutboxView::applyProviderBehaviour()
{
    const QStringList refused = parseRecipientList(m_refused->text());
    if (m_server)
        m_server->setProviderBehaviour(m_perConnection->value(), m_perMinute->value(), refused);
    updateProviderHints();
    Q_EMIT providerBehaviourChanged(m_perConnection->value(), m_perMinute->value(), refused);
}

void OutboxView::updateProviderHints()
{
    const int perConnection = m_perConnection->value();
    m_perConnectionHint->setText(
        perConnection == 0
            ? tr("Off: the sandbox takes any number of messages on one connection.")
            : tr("After %n message(s) the sandbox closes the connection with 421, as Exchange "
                 "Online does: watch Bulkmail open the next one.",
                 nullptr,
                 perConnection));
    const int perMinute = m_perMinute->value();
    m_perMinuteHint->setText(
        perMinute == 0
            ? tr("Off: the sandbox takes messages as fast as they come.")
            : tr("Beyond %n message(s) a minute the sandbox answers 451 4.7.0 (try again later), "
                 "as Gmail does: watch Bulkmail slow down and send those messages again.",
                 nullptr,
                 perMinute));
    const int refused = static_cast<int>(parseRecipientList(m_refused->text()).size());
    m_refusedHint->setText(
        refused == 0 ? tr("Addresses listed here (separated by commas) are refused with 550 5.1.1, "
                          "as for a mailbox that does not exist.")
                     : tr("%Ln address(es) will be refused with 550 5.1.1 (no such mailbox): "
                          "watch Bulkmail mark them failed and go on with the others.",
                          nullptr,
                          refused));
    m_perConnection->setAccessibleDescription(m_perConnectionHint->text());
    m_perMinute->setAccessibleDescription(m_perMinuteHint->text());
    m_refused->setAccessibleDescription(m_refusedHint->text());
}

} // namespace Bulkmail
