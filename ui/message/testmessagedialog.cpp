#include "testmessagedialog.h"

#include "noticelabel.h"

#include "campaign/emailaddress.h"
#include "compose/mergetemplate.h"
#include "delivery/connectionevent.h"
#include "runner/campaignrunner.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace Bulkmail {

TestMessageDialog::TestMessageDialog(const Campaign &campaign,
                                     const QString &password,
                                     QWidget *parent)
    : QDialog(parent)
    , m_campaign(campaign)
    , m_password(password)
    , m_address(new QLineEdit(this))
    , m_addressError(new NoticeLabel(NoticeLabel::Kind::Warning, this))
    , m_recipient(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_busy(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setWindowTitle(tr("Send a Test Message"));
    m_address->setObjectName(QStringLiteral("address"));
    m_addressError->setObjectName(QStringLiteral("addressError"));
    m_recipient->setObjectName(QStringLiteral("mergeRecipient"));
    m_summary->setObjectName(QStringLiteral("summary"));
    m_status->setObjectName(QStringLiteral("status"));

    auto *intro = new QLabel(tr("Send one message of this campaign to yourself, to see how it "
                                "looks in a real mail program. It goes out through the "
                                "campaign's account, with \"[Test]\" before the subject."),
                             this);
    intro->setWordWrap(true);

    m_address->setPlaceholderText(tr("you@example.org"));
    m_address->setToolTip(tr("The address the test message goes to."));
    m_recipient->setToolTip(tr("The test message is filled in with this recipient's values."));
    m_recipient->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_recipient->setMinimumContentsLength(30);
    if (m_campaign.recipients.isEmpty()) {
        m_recipient->addItem(tr("(no recipients: the fields stay empty)"));
        m_recipient->setEnabled(false);
    } else {
        QStringList items;
        items.reserve(m_campaign.recipients.size());
        const QLocale locale;
        for (qsizetype row = 0; row < m_campaign.recipients.size(); ++row) {
            const Recipient &recipient = m_campaign.recipients.at(row);
            const QString who = recipient.name.isEmpty() ? recipient.email
                                                         : recipient.name + QStringLiteral(" <")
                                                               + recipient.email + u'>';
            items.append(tr("%1. %2").arg(locale.toString(row + 1), who));
        }
        m_recipient->addItems(items);
    }

    auto *addressLabel = new QLabel(tr("Send &to:"), this);
    addressLabel->setBuddy(m_address);
    auto *recipientLabel = new QLabel(tr("&Use the values of:"), this);
    recipientLabel->setBuddy(m_recipient);
    auto *addressBox = new QVBoxLayout;
    addressBox->setSpacing(2);
    addressBox->addWidget(m_address);
    addressBox->addWidget(m_addressError);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(addressLabel, addressBox);
    form->addRow(recipientLabel, m_recipient);

    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setAccessibleName(tr("Sending"));
    m_busy->hide();
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    m_send = m_buttons->addButton(tr("&Send"), QDialogButtonBox::ActionRole);
    m_send->setObjectName(QStringLiteral("send"));
    m_send->setDefault(true);
    m_send->setAutoDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(m_busy);
    layout->addWidget(m_status);
    layout->addStretch();
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::rejected, this, &TestMessageDialog::reject);
    connect(m_send, &QPushButton::clicked, this, &TestMessageDialog::send);
    connect(m_address, &QLineEdit::textChanged, this, [this] { updateSummary(); });
    connect(m_recipient, &QComboBox::currentIndexChanged, this, [this] { updateSummary(); });
    updateSummary();
}

TestMessageDialog::~TestMessageDialog()
{
    if (m_runner) {
        disconnect(m_runner, nullptr, this, nullptr);
        m_runner->cancel();
    }
    // m_engine ends next (quit, wait); the thread's finished() deletes the runner.
}

void TestMessageDialog::setMergeRecipient(int row)
{
    if (row >= 0 && row < m_campaign.recipients.size())
        m_recipient->setCurrentIndex(row);
}

int TestMessageDialog::mergeRecipient() const
{
    return m_campaign.recipients.isEmpty() ? -1 : m_recipient->currentIndex();
}

void TestMessageDialog::setAddress(const QString &address)
{
    m_address->setText(address);
}

QString TestMessageDialog::address() const
{
    return m_address->text().trimmed();
}

Campaign TestMessageDialog::makeTestCampaign(const Campaign &campaign,
                                             int row,
                                             const QString &address)
{
    Campaign test = campaign;
    Recipient recipient = row >= 0 && row < campaign.recipients.size() ? campaign.recipients.at(row)
                                                                       : Recipient{};
    recipient.email = address;
    recipient.sourceLine = 0;
    test.recipients = {recipient};
    test.recipientsFile.clear();
    test.filePath.clear(); // no journal beside the campaign file, whatever the plan says
    //: Put before the subject of a test message; keep the trailing space.
    test.message.subject = tr("[Test] ") + campaign.message.subject;
    test.sending.maxConnections = 1;
    test.sending.maxMessagesPerConnection = 0;
    test.sending.maxAttempts = 1; // report a refusal at once instead of retrying for minutes
    test.sending.rateLimits = RateLimits{0, 0, 0, std::chrono::milliseconds(0)};
    test.sending.duplicates = DuplicatePolicy::SendEach;
    return test;
}

void TestMessageDialog::updateSummary()
{
    const QString typed = m_address->text().trimmed();
    QString addressError;
    if (!typed.isEmpty() && !parseMailbox(typed))
        addressError = tr("This is not a valid address. Write it as you@example.org.");
    m_addressError->setText(addressError);
    m_address->setAccessibleDescription(addressError);

    QString summary;
    if (m_campaign.server.host.isEmpty()) {
        summary = tr("No sending account is set up for this campaign yet.");
    } else {
        const Campaign test = makeTestCampaign(m_campaign,
                                               mergeRecipient(),
                                               typed.isEmpty() ? QStringLiteral("you@example.org")
                                                               : typed);
        Result<MessageRenderer> renderer = MessageRenderer::create(test.message,
                                                                   test.recipientFields);
        if (!renderer) {
            summary = tr("The message has a mistake and cannot be sent: %1")
                          .arg(renderer.error().message);
        } else {
            const RenderedMessage rendered = renderer->render(test.recipients.constFirst());
            summary = tr("Subject: %1\nFrom: %2\nThrough: %3")
                          .arg(rendered.subject,
                               m_campaign.message.from,
                               m_campaign.server.displayAddress());
        }
    }
    m_summary->setText(summary);
    m_send->setEnabled(!isSending() && !typed.isEmpty() && addressError.isEmpty()
                       && !m_campaign.server.host.isEmpty());
}

void TestMessageDialog::setSending(bool sending)
{
    m_busy->setVisible(sending);
    m_address->setEnabled(!sending);
    m_recipient->setEnabled(!sending && !m_campaign.recipients.isEmpty());
    updateSummary();
}

void TestMessageDialog::send()
{
    if (isSending())
        return;
    const Result<Mailbox> mailbox = parseMailbox(address());
    if (address().isEmpty() || !mailbox) {
        finish(false, tr("Enter the address the test message should go to, e.g. you@example.org."));
        return;
    }
    if (m_campaign.server.host.isEmpty()) {
        finish(false, tr("Set up the sending account first: the campaign has no mail server."));
        return;
    }

    m_sentTo = mailbox->address;
    m_lastResult.reset();
    CampaignPlan plan;
    plan.campaign = makeTestCampaign(m_campaign, mergeRecipient(), m_sentTo);
    plan.password = m_password;
    plan.tokens = m_tokens;
    plan.journal = CampaignPlan::Journal::Off;

    if (!m_engine)
        m_engine = startEngineThread();
    CampaignRunner *runner = createRunnerIn(m_engine);
    connect(runner, &CampaignRunner::connectionEvents, this, &TestMessageDialog::onConnectionEvents);
    connect(runner, &CampaignRunner::recipientResults, this, &TestMessageDialog::onRecipientResults);
    connect(runner, &CampaignRunner::finished, this, &TestMessageDialog::onRunFinished);
    m_runner = runner;
    m_status->setText(tr("Connecting to %1…").arg(m_campaign.server.displayAddress()));
    setSending(true);
    runner->start(plan);
}

void TestMessageDialog::onConnectionEvents(const QList<ConnectionEvent> &events)
{
    for (const ConnectionEvent &event : events) {
        if (event.kind != ConnectionEvent::Kind::Created)
            continue;
        const QString security = event.tls == QLatin1String("none")
                                     ? tr("not encrypted")
                                     : tr("encrypted: %1").arg(event.tls);
        m_status->setText(
            tr("Connected to %1 (%2). Sending the message…").arg(event.server, security));
    }
}

void TestMessageDialog::onRecipientResults(const QList<RecipientResult> &results)
{
    if (!results.isEmpty())
        m_lastResult = results.constLast();
}

void TestMessageDialog::onRunFinished(const CampaignSummary &summary)
{
    if (m_runner) {
        m_runner->deleteLater();
        m_runner = nullptr;
    }
    const QString reply = m_lastResult
                              ? (m_lastResult->code != 0 ? QString::number(m_lastResult->code)
                                                               + u' ' + m_lastResult->text
                                                         : m_lastResult->text)
                              : QString();
    if (summary.sent > 0) {
        finish(true,
               reply.isEmpty() ? tr("The server accepted the test message for %1.").arg(m_sentTo)
                               : tr("The server accepted the test message for %1. Its answer: %2")
                                     .arg(m_sentTo, reply));
        return;
    }
    if (!summary.fatalError.isEmpty()) {
        finish(false, tr("The test message was not sent: %1").arg(summary.fatalError));
        return;
    }
    if (summary.unconfirmed > 0) {
        finish(false,
               tr("The message was sent, but the server did not confirm it, so it may or may not "
                  "arrive at %1.")
                   .arg(m_sentTo));
        return;
    }
    if (summary.cancelled) {
        finish(false, tr("Sending the test message was cancelled."));
        return;
    }
    finish(false,
           reply.isEmpty() ? tr("The test message was not sent.")
                           : tr("The server refused the test message for %1. Its answer: %2")
                                 .arg(m_sentTo, reply));
}

void TestMessageDialog::finish(bool ok, const QString &details)
{
    m_status->setText(details);
    setSending(false);
    Q_EMIT finished(ok, details);
}

void TestMessageDialog::reject()
{
    if (m_runner)
        m_runner->cancel(); // the outcome still arrives; the dialog just goes away
    QDialog::reject();
}

} // namespace Bulkmail
