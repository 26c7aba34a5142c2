#include "messagepreview.h"

#include "compose/copyrecipients.h"
#include "compose/personalattachments.h"
#include "models/enginenotewords.h"
#include "models/errorwords.h"
#include "noticelabel.h"
#include "widgets/safehtmlbrowser.h"

#include "models/recipienttablemodel.h"

#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>

namespace Bulkmail {

namespace {

QLabel *valueLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

template<typename Edit>
void keepScroll(Edit *edit, const std::function<void()> &change)
{
    const int scroll = edit->verticalScrollBar()->value();
    change();
    edit->verticalScrollBar()->setValue(scroll);
}

} // namespace

MessagePreview::MessagePreview(QWidget *parent)
    : QWidget(parent)
    , m_previous(new QPushButton(tr("Pre&vious"), this))
    , m_position(new QLabel(this))
    , m_next(new QPushButton(tr("Ne&xt"), this))
    , m_pages(new QStackedWidget(this))
    , m_error(new NoticeLabel(NoticeLabel::Kind::Warning, this))
    , m_missing(new NoticeLabel(NoticeLabel::Kind::Warning, this))
    , m_attachmentProblem(new NoticeLabel(NoticeLabel::Kind::Warning, this))
    , m_bodies(new QTabWidget(this))
    , m_text(new QPlainTextEdit(this))
    , m_html(new SafeHtmlBrowser(this))
    , m_remoteNote(new NoticeLabel(NoticeLabel::Kind::Information, this))
    , m_htmlPage(new QWidget(this))
{
    m_previous->setObjectName(QStringLiteral("previous"));
    m_next->setObjectName(QStringLiteral("next"));
    m_position->setObjectName(QStringLiteral("position"));
    m_pages->setObjectName(QStringLiteral("pages"));
    m_error->setObjectName(QStringLiteral("templateError"));
    m_missing->setObjectName(QStringLiteral("missingFields"));
    m_text->setObjectName(QStringLiteral("textBody"));
    m_html->setObjectName(QStringLiteral("htmlBody"));
    m_remoteNote->setObjectName(QStringLiteral("remoteContentNote"));
    m_previous->setToolTip(tr("Show the message for the previous recipient."));
    m_next->setToolTip(tr("Show the message for the next recipient."));

    auto *navigation = new QHBoxLayout;
    navigation->addWidget(m_previous);
    navigation->addWidget(m_position);
    navigation->addWidget(m_next);
    navigation->addStretch();

    auto *previewPage = new QWidget(m_pages);
    m_from = valueLabel(QStringLiteral("fromValue"), previewPage);
    m_replyTo = valueLabel(QStringLiteral("replyToValue"), previewPage);
    m_to = valueLabel(QStringLiteral("toValue"), previewPage);
    m_subject = valueLabel(QStringLiteral("subjectValue"), previewPage);
    m_replyToLabel = new QLabel(tr("Reply to:"), previewPage);
    m_cc = valueLabel(QStringLiteral("ccValue"), previewPage);
    m_ccLabel = new QLabel(tr("Cc:"), previewPage);
    m_attachments = valueLabel(QStringLiteral("attachmentsValue"), previewPage);
    m_attachmentsLabel = new QLabel(tr("Attachments:"), previewPage);
    m_attachmentProblem->setObjectName(QStringLiteral("attachmentProblem"));
    auto *header = new QFormLayout;
    header->addRow(tr("From:"), m_from);
    header->addRow(m_replyToLabel, m_replyTo);
    header->addRow(tr("To:"), m_to);
    header->addRow(m_ccLabel, m_cc);
    header->addRow(tr("Subject:"), m_subject);
    header->addRow(m_attachmentsLabel, m_attachments);

    m_text->setReadOnly(true);
    m_text->setAccessibleName(tr("Message text, as the recipient sees it"));
    m_html->setAccessibleName(tr("HTML body, as the recipient sees it"));
    auto *htmlLayout = new QVBoxLayout(m_htmlPage);
    htmlLayout->setContentsMargins(0, 0, 0, 0);
    htmlLayout->addWidget(m_remoteNote);
    htmlLayout->addWidget(m_html, 1);
    m_bodies->addTab(m_text, tr("Text"));
    m_bodies->addTab(m_htmlPage, tr("HTML"));

    auto *previewLayout = new QVBoxLayout(previewPage);
    previewLayout->setContentsMargins(0, 0, 0, 0);
    previewLayout->addLayout(header);
    previewLayout->addWidget(m_missing);
    previewLayout->addWidget(m_attachmentProblem);
    previewLayout->addWidget(m_bodies, 1);

    auto *errorPage = new QWidget(m_pages);
    auto *errorLayout = new QVBoxLayout(errorPage);
    errorLayout->addWidget(m_error);
    errorLayout->addStretch();
    m_pages->addWidget(previewPage);
    m_pages->addWidget(errorPage);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(navigation);
    layout->addWidget(m_pages, 1);

    connect(m_previous, &QPushButton::clicked, this, [this] { setCurrentRecipient(m_current - 1); });
    connect(m_next, &QPushButton::clicked, this, [this] { setCurrentRecipient(m_current + 1); });

    rebuildRenderer();
}

MessagePreview::~MessagePreview() = default;

void MessagePreview::setMessage(const MessageTemplate &message)
{
    if (message == m_message)
        return;
    m_message = message;
    rebuildRenderer();
}

void MessagePreview::setRecipients(const RecipientTableModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (model) {
        connect(model, &QAbstractItemModel::modelReset, this, [this] {
            const int count = recipientCount();
            changeCurrent(count == 0 ? -1 : std::clamp(m_current, 0, count - 1));
            onFieldNamesMaybeChanged();
        });
        connect(model,
                &QAbstractItemModel::rowsInserted,
                this,
                [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
        connect(model,
                &QAbstractItemModel::rowsRemoved,
                this,
                [this](const QModelIndex &, int first, int last) { onRowsRemoved(first, last); });
        connect(model,
                &QAbstractItemModel::dataChanged,
                this,
                [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                    if (m_current >= topLeft.row() && m_current <= bottomRight.row())
                        render();
                });
        connect(model, &QAbstractItemModel::layoutChanged, this, [this] { render(); });
        connect(model, &QAbstractItemModel::columnsInserted, this, [this] {
            onFieldNamesMaybeChanged();
        });
        connect(model, &QAbstractItemModel::columnsRemoved, this, [this] {
            onFieldNamesMaybeChanged();
        });
        connect(model, &QAbstractItemModel::headerDataChanged, this, [this] {
            onFieldNamesMaybeChanged();
        });
        connect(model, &QObject::destroyed, this, [this] {
            m_model = nullptr;
            changeCurrent(-1);
            render();
        });
    }
    changeCurrent(recipientCount() > 0 ? 0 : -1);
    const QStringList fieldNames = model ? model->fieldNames() : QStringList();
    if (fieldNames != m_fieldNames) {
        m_fieldNames = fieldNames;
        rebuildRenderer();
    } else {
        render();
    }
}

void MessagePreview::setCurrentRecipient(int row)
{
    const int count = recipientCount();
    changeCurrent(count == 0 ? -1 : std::clamp(row, 0, count - 1));
    render();
}

int MessagePreview::recipientCount() const
{
    return m_model ? m_model->recipientCount() : 0;
}

void MessagePreview::changeCurrent(int row)
{
    if (row == m_current)
        return;
    m_current = row;
    Q_EMIT currentRecipientChanged(row);
}

void MessagePreview::onFieldNamesMaybeChanged()
{
    const QStringList fieldNames = m_model ? m_model->fieldNames() : QStringList();
    if (fieldNames == m_fieldNames) {
        render();
        return;
    }
    m_fieldNames = fieldNames;
    rebuildRenderer();
}

void MessagePreview::onRowsInserted(int first, int last)
{
    if (m_current < 0)
        changeCurrent(0);
    else if (m_current >= first)
        changeCurrent(m_current + (last - first + 1));
    render();
}

void MessagePreview::onRowsRemoved(int first, int last)
{
    const int count = recipientCount();
    if (count == 0)
        changeCurrent(-1);
    else if (m_current > last)
        changeCurrent(m_current - (last - first + 1));
    else if (m_current >= first)
        changeCurrent(std::min(first, count - 1));
    render();
}

void MessagePreview::rebuildRenderer()
{
    m_renderer.reset();
    m_templates.clear();
    m_templateError.clear();
    Result<MessageRenderer> renderer = MessageRenderer::create(m_message, m_fieldNames);
    if (!renderer) {
        // The part the error names (its setting's key: "message.subject"), in words.
        const QString part = renderer.error().setting;
        Error inPart = renderer.error();
        inPart.message = inPart.reason();
        const QString problem = ErrorWords::of(inPart);
        if (part == QLatin1String("message.subject"))
            m_templateError = tr("The subject has a mistake: %1").arg(problem);
        else if (part == QLatin1String("message.html"))
            m_templateError = tr("The HTML body has a mistake: %1").arg(problem);
        else if (part == QLatin1String("message.text"))
            m_templateError = tr("The message text has a mistake: %1").arg(problem);
        else
            m_templateError = renderer.error().message;
        m_templateError += u'\n' + tr("Correct it to see the preview.");
    } else {
        m_renderer = std::move(*renderer);
        const std::pair<const QString *, Escaping> parts[] = {{&m_message.subject, Escaping::None},
                                                              {&m_message.text, Escaping::None},
                                                              {&m_message.html, Escaping::Html}};
        for (const auto &[text, escaping] : parts) {
            if (Result<MergeTemplate> parsed = MergeTemplate::parse(*text, escaping))
                m_templates.push_back(std::move(*parsed));
        }
    }
    m_html->setAttachments(m_message.attachments);
    const bool hasHtml = !m_message.html.isEmpty();
    m_bodies->setTabEnabled(1, hasHtml);
    m_bodies->setTabToolTip(1, hasHtml ? QString() : tr("This message has no HTML version."));
    if (hasHtml && !m_hadHtml)
        m_bodies->setCurrentIndex(1); // most mail programs show the HTML version
    else if (!hasHtml)
        m_bodies->setCurrentIndex(0);
    m_hadHtml = hasHtml;
    render();
}

// What this recipient's message carries beyond the text: its copies and its files (issue 15),
// resolved exactly as a send resolves them.
void MessagePreview::renderCopiesAndAttachments(const Recipient &recipient, bool hasRecipient)
{
    const QLocale locale;
    QStringList copies;
    QStringList problems;
    if (const Result<CopyRecipients> resolved = resolveCopyRecipients(m_message,
                                                                      m_fieldNames,
                                                                      recipient)) {
        for (const Mailbox &mailbox : resolved->cc)
            copies.append(mailbox.address);
        for (const Mailbox &mailbox : resolved->bcc)
            copies.append(tr("%1 (Bcc: not shown to anyone)").arg(mailbox.address));
        for (const QString &invalid : resolved->invalid)
            problems.append(tr("“%1” is not an address: no copy goes there.").arg(invalid));
    } else {
        problems.append(ErrorWords::of(resolved.error()));
    }
    m_cc->setText(copies.join(QLatin1String(", ")));
    m_cc->setVisible(!copies.isEmpty());
    m_ccLabel->setVisible(!copies.isEmpty());

    QStringList files;
    for (const QString &path : std::as_const(m_message.attachments))
        files.append(QFileInfo(path).fileName());
    const PersonalAttachmentSettings &personal = m_message.personalAttachments;
    if (personal.isEnabled() && hasRecipient) {
        const RecipientAttachments own = resolveRecipientAttachments(
            personal, m_fieldNames, recipient, listAttachmentFolder(personal.folder));
        for (const QString &name : own.fileNames) {
            const QFileInfo info(QDir(personal.folder).filePath(name));
            const bool isProtected = !personal.pdfPasswordTemplate.isEmpty()
                                     && name.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive);
            // Which fields make the password, never the password itself.
            files.append(isProtected
                             ? tr("%1 (%2, for this recipient only; protected, the password is "
                                  "%3)")
                                   .arg(name,
                                        locale.formattedDataSize(info.size()),
                                        personal.pdfPasswordTemplate)
                             : tr("%1 (%2, for this recipient only)")
                                   .arg(name, locale.formattedDataSize(info.size())));
        }
        if (own.isBlocked()) {
            problems.append(EngineNoteWords::note(DeliveryNote::PersonalFilesBlocked,
                                                  own.blockArguments(personal.rules)));
        }
    }
    m_attachments->setText(files.join(u'\n'));
    m_attachments->setVisible(!files.isEmpty());
    m_attachmentsLabel->setVisible(!files.isEmpty());
    m_attachmentProblem->setText(problems.join(u'\n'));
}

void MessagePreview::updateNavigation()
{
    const int count = recipientCount();
    const QLocale locale;
    m_position->setText(
        count == 0 ? tr("No recipients")
                   : tr("%1 of %2").arg(locale.toString(m_current + 1), locale.toString(count)));
    m_previous->setEnabled(count > 0 && m_current > 0);
    m_next->setEnabled(count > 0 && m_current < count - 1);
}

void MessagePreview::render()
{
    updateNavigation();
    if (!m_renderer) {
        m_error->setText(m_templateError);
        m_pages->setCurrentIndex(1);
        return;
    }
    m_error->setText(QString());
    m_pages->setCurrentIndex(0);

    const bool hasRecipient = m_model && m_current >= 0 && m_current < recipientCount();
    const Recipient recipient = hasRecipient ? m_model->recipientAt(m_current) : Recipient{};
    const RenderedMessage rendered = m_renderer->render(recipient);

    m_from->setText(m_message.from);
    m_replyTo->setText(m_message.replyTo);
    m_replyTo->setVisible(!m_message.replyTo.isEmpty());
    m_replyToLabel->setVisible(!m_message.replyTo.isEmpty());
    if (!hasRecipient)
        m_to->setText(tr("(no recipients yet: fields are shown empty)"));
    else if (recipient.name.isEmpty())
        m_to->setText(recipient.email);
    else
        m_to->setText(recipient.name + QStringLiteral(" <") + recipient.email + u'>');
    m_subject->setText(rendered.subject.isEmpty() ? tr("(no subject)") : rendered.subject);
    renderCopiesAndAttachments(recipient, hasRecipient);

    if (m_text->toPlainText() != rendered.text)
        keepScroll(m_text, [&] { m_text->setPlainText(rendered.text); });
    if (m_shownHtml != rendered.html) {
        m_shownHtml = rendered.html;
        keepScroll(m_html, [&] { m_html->showHtml(rendered.html); });
    }
    m_remoteNote->setText(SafeHtmlBrowser::referencesRemoteContent(rendered.html)
                              ? tr("Remote images are not loaded in the preview. Many mail "
                                   "programs also block them until the reader allows it.")
                              : QString());

    QStringList missing;
    QStringList unknown;
    if (hasRecipient) {
        QStringList known{QStringLiteral("email"), QStringLiteral("name")};
        known += m_fieldNames;
        const MergeValues values(m_fieldNames, recipient);
        for (const MergeTemplate &mergeTemplate : m_templates) {
            for (const QString &name : mergeTemplate.missingFields(values)) {
                QStringList &list = known.contains(name) ? missing : unknown;
                if (!list.contains(name))
                    list.append(name);
            }
        }
    }
    auto tags = [](const QStringList &names) {
        QStringList tagged;
        for (const QString &name : names)
            tagged.append(QStringLiteral("{{") + name + QStringLiteral("}}"));
        return tagged.join(QLatin1String(", "));
    };
    QStringList notes;
    if (!missing.isEmpty())
        notes.append(
            tr("Empty for this recipient: %1. The message leaves a gap there.").arg(tags(missing)));
    if (!unknown.isEmpty())
        notes.append(
            tr("Not a column of the recipient list, so always empty: %1.").arg(tags(unknown)));
    m_missing->setText(notes.join(u'\n'));
}

} // namespace Bulkmail
