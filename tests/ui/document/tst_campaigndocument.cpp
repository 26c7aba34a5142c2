#include "document/campaigndocument.h"
#include "document/recoverystore.h"
#include "models/recipienttablemodel.h"

#include "common/fileio.h"
#include "document/campaignfile.h"
#include "testresult.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace Bulkmail;

namespace {

Campaign sampleCampaign()
{
    Campaign campaign = CampaignDocument::blankCampaign();
    campaign.name = QStringLiteral("Spring newsletter");
    campaign.server.host = QStringLiteral("smtp.example.org");
    campaign.server.port = 587;
    campaign.server.username = QStringLiteral("news@example.org");
    campaign.message.from = QStringLiteral("News <news@example.org>");
    campaign.message.subject = QStringLiteral("Hello {{name}}");
    campaign.message.text = QStringLiteral("Dear {{name}}, your code is {{code}}.");
    campaign.recipientFields = {QStringLiteral("code")};
    campaign.recipients = {
        Recipient{QStringLiteral("ann@example.org"), QStringLiteral("Ann"), {QStringLiteral("A1")}},
        Recipient{QStringLiteral("bob@example.org"), QStringLiteral("Bob"), {QStringLiteral("B2")}},
    };
    return campaign;
}

MessageTemplate withSubject(MessageTemplate message, const QString &subject)
{
    message.subject = subject;
    return message;
}

} // namespace

class TestCampaignDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typingIntoOneFieldIsOneUndoStep();
    void editsOfDifferentFieldsAreSeparateSteps();
    void undoingBackToTheSavedStateClearsModified();
    void settingsEditsUndo();
    void signInMethodIsUndoableAndSaved();
    void saveAndOpenRoundTrip();
    void recipientsFileKeptWhileUnchanged();
    void editedRecipientsFileListIsSavedInline();
    void failedSaveKeepsTheOldFileAndTheModifiedMark();
    void recoveryCopyRoundTrip();
    void recoveryOfUntitledCampaignKeepsAttachmentPaths();
};

void TestCampaignDocument::typingIntoOneFieldIsOneUndoStep()
{
    CampaignDocument document;
    document.reset(sampleCampaign());
    QSignalSpy changed(&document, &CampaignDocument::messageChanged);

    MessageTemplate message = document.message();
    for (const QString &typed :
         {QStringLiteral("Hello {{name}}!"), QStringLiteral("Hello {{name}}!!")}) {
        message.subject = typed;
        document.editMessage(message, QStringLiteral("subject"));
    }
    QCOMPARE(document.undoStack()->count(), 1);
    QCOMPARE(document.message().subject, QStringLiteral("Hello {{name}}!!"));

    document.undoStack()->undo();
    QCOMPARE(document.message().subject, QStringLiteral("Hello {{name}}"));
    QCOMPARE(changed.last().at(0).value<MessageTemplate>().subject,
             QStringLiteral("Hello {{name}}"));
    document.undoStack()->redo();
    QCOMPARE(document.message().subject, QStringLiteral("Hello {{name}}!!"));
}

void TestCampaignDocument::editsOfDifferentFieldsAreSeparateSteps()
{
    CampaignDocument document;
    document.reset(sampleCampaign());
    document.editMessage(withSubject(document.message(), QStringLiteral("One")),
                         QStringLiteral("subject"));
    MessageTemplate message = document.message();
    message.text = QStringLiteral("Body");
    document.editMessage(message, QStringLiteral("text"));
    document.editMessage(withSubject(document.message(), QStringLiteral("Two")),
                         QStringLiteral("subject"));
    QCOMPARE(document.undoStack()->count(), 3);
    QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Edit Subject"));

    document.undoStack()->undo();
    document.undoStack()->undo();
    QCOMPARE(document.message().subject, QStringLiteral("One"));
    QCOMPARE(document.message().text, sampleCampaign().message.text);
    // An edit equal to what is there is no step at all.
    document.editMessage(document.message(), QStringLiteral("text"));
    QCOMPARE(document.undoStack()->index(), 1);
}

void TestCampaignDocument::undoingBackToTheSavedStateClearsModified()
{
    CampaignDocument document;
    document.reset(sampleCampaign());
    QSignalSpy modified(&document, &CampaignDocument::modifiedChanged);
    QVERIFY(!document.isModified());

    document.editName(QStringLiteral("Autumn newsletter"));
    QVERIFY(document.isModified());
    QCOMPARE(modified.last().at(0).toBool(), true);
    QCOMPARE(document.displayName(), QStringLiteral("Autumn newsletter"));

    document.undoStack()->undo();
    QVERIFY(!document.isModified());
    QCOMPARE(modified.last().at(0).toBool(), false);
    QCOMPARE(document.name(), QStringLiteral("Spring newsletter"));
}

void TestCampaignDocument::settingsEditsUndo()
{
    CampaignDocument document;
    document.reset(sampleCampaign());
    QSignalSpy changed(&document, &CampaignDocument::settingsChanged);
    SmtpEndpoint server = document.server();
    DeliverySettings sending = document.sending();
    server.host = QStringLiteral("smtp.office365.com");
    sending.rateLimits.perMinute = 30;
    document.editSettings(server, sending, QStringLiteral("preset"));
    QCOMPARE(document.campaign().server.host, QStringLiteral("smtp.office365.com"));
    QCOMPARE(document.campaign().sending.rateLimits.perMinute, 30);

    document.undoStack()->undo();
    QCOMPARE(document.server().host, QStringLiteral("smtp.example.org"));
    QCOMPARE(document.sending().rateLimits.perMinute, 0);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.last().at(0).value<SmtpEndpoint>().host, QStringLiteral("smtp.example.org"));
}

void TestCampaignDocument::signInMethodIsUndoableAndSaved()
{
    QTemporaryDir directory;
    const QString path = directory.filePath(QStringLiteral("oauth.bulkmail"));
    CampaignDocument document;
    document.reset(sampleCampaign());
    QCOMPARE(document.auth(), AuthMethod::Password);
    QSignalSpy changed(&document, &CampaignDocument::settingsChanged);

    OAuthSettings oauth;
    oauth.provider = OAuthProvider::Microsoft;
    oauth.tenant = QStringLiteral("contoso.onmicrosoft.com");
    oauth.clientId = QStringLiteral("11111111-2222-3333-4444-555555555555");
    document.editSettings(document.server(),
                          document.sending(),
                          QStringLiteral("server.auth"),
                          AuthMethod::OAuth2,
                          oauth);
    QCOMPARE(document.auth(), AuthMethod::OAuth2);
    QCOMPARE(document.oauth(), oauth);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.last().at(2).value<AuthMethod>(), AuthMethod::OAuth2);
    QCOMPARE(changed.last().at(3).value<OAuthSettings>().clientId, oauth.clientId);
    QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Change Sign-In Method"));

    // An edit without the sign-in method keeps it.
    SmtpEndpoint server = document.server();
    server.username = QStringLiteral("ada@contoso.com");
    document.editSettings(server, document.sending(), QStringLiteral("server.username"));
    QCOMPARE(document.auth(), AuthMethod::OAuth2);
    QCOMPARE(document.campaign().oauth.tenant, oauth.tenant);

    QVERIFY_RESULT(document.saveAs(path));
    CampaignDocument reopened;
    QVERIFY_RESULT(reopened.open(path));
    QCOMPARE(reopened.auth(), AuthMethod::OAuth2);
    QCOMPARE(reopened.oauth().provider, OAuthProvider::Microsoft);
    QCOMPARE(reopened.oauth().tenant, oauth.tenant);
    QCOMPARE(reopened.oauth().clientId, oauth.clientId);
    QCOMPARE(reopened.server().username, QStringLiteral("ada@contoso.com"));

    document.undoStack()->undo();
    document.undoStack()->undo();
    QCOMPARE(document.auth(), AuthMethod::Password);
    QCOMPARE(document.oauth(), OAuthSettings{});
    QCOMPARE(changed.last().at(2).value<AuthMethod>(), AuthMethod::Password);
}

void TestCampaignDocument::saveAndOpenRoundTrip()
{
    QTemporaryDir directory;
    const QString path = directory.filePath(QStringLiteral("spring.bulkmail"));
    CampaignDocument document;
    document.reset(sampleCampaign());
    document.editMessage(withSubject(document.message(), QStringLiteral("Hi {{name}}")),
                         QStringLiteral("subject"));
    QSignalSpy pathChanged(&document, &CampaignDocument::filePathChanged);
    QVERIFY_RESULT(document.saveAs(path));
    QVERIFY(!document.isModified());
    QCOMPARE(document.filePath(), path);
    QCOMPARE(pathChanged.count(), 1);

    CampaignDocument reopened;
    QVERIFY_RESULT(reopened.open(path));
    const Campaign saved = document.campaign();
    const Campaign loaded = reopened.campaign();
    QCOMPARE(loaded.name, saved.name);
    QCOMPARE(loaded.message, saved.message);
    QCOMPARE(loaded.server.host, saved.server.host);
    QCOMPARE(loaded.server.username, saved.server.username);
    QCOMPARE(loaded.recipientFields, saved.recipientFields);
    QCOMPARE(loaded.recipients, saved.recipients);
    QCOMPARE(reopened.filePath(), path);
    QCOMPARE(reopened.undoStack()->count(), 0);
}

void TestCampaignDocument::recipientsFileKeptWhileUnchanged()
{
    QTemporaryDir directory;
    QVERIFY_RESULT(writeFileAtomically(directory.filePath(QStringLiteral("list.csv")),
                                       "email,name\r\nann@example.org,Ann\r\n"));
    Campaign campaign = sampleCampaign();
    campaign.recipients.clear();
    campaign.recipientFields.clear();
    campaign.message.text = QStringLiteral("Dear {{name}}");
    campaign.recipientsFile = directory.filePath(QStringLiteral("list.csv"));
    const QString path = directory.filePath(QStringLiteral("c.bulkmail"));
    QVERIFY_RESULT(saveCampaign(campaign, path));

    CampaignDocument document;
    QVERIFY_RESULT(document.open(path));
    QCOMPARE(document.recipientModel()->recipientCount(), 1);
    document.editName(QStringLiteral("Renamed"));
    QVERIFY(!document.recipientsMovedInline());
    QVERIFY_RESULT(document.saveAs(path));

    const QByteArray json = *readWholeFile(path);
    QVERIFY(json.contains("\"recipientsFile\": \"list.csv\""));
    QVERIFY(!json.contains("ann@example.org"));
}

void TestCampaignDocument::editedRecipientsFileListIsSavedInline()
{
    QTemporaryDir directory;
    const QByteArray csv = "email,name\r\nann@example.org,Ann\r\nbob@example.org,Bob\r\n";
    QVERIFY_RESULT(writeFileAtomically(directory.filePath(QStringLiteral("list.csv")), csv));
    Campaign campaign = sampleCampaign();
    campaign.recipients.clear();
    campaign.recipientFields.clear();
    campaign.message.text = QStringLiteral("Dear {{name}}");
    campaign.recipientsFile = directory.filePath(QStringLiteral("list.csv"));
    const QString path = directory.filePath(QStringLiteral("c.bulkmail"));
    QVERIFY_RESULT(saveCampaign(campaign, path));

    CampaignDocument document;
    QVERIFY_RESULT(document.open(path));
    RecipientTableModel *model = document.recipientModel();
    QVERIFY(model->setData(model->index(1, static_cast<int>(RecipientTableModel::Column::Name)),
                           QStringLiteral("Robert")));
    QVERIFY(document.recipientsMovedInline());
    QVERIFY_RESULT(document.saveAs(path));

    CampaignDocument reopened;
    QVERIFY_RESULT(reopened.open(path));
    QVERIFY(reopened.campaign().recipientsFile.isEmpty());
    QCOMPARE(reopened.recipientModel()->recipientCount(), 2);
    QCOMPARE(reopened.recipientModel()->recipientAt(1).name, QStringLiteral("Robert"));
    // The CSV itself is untouched.
    QCOMPARE(*readWholeFile(directory.filePath(QStringLiteral("list.csv"))), csv);
}

void TestCampaignDocument::failedSaveKeepsTheOldFileAndTheModifiedMark()
{
    QTemporaryDir directory;
    CampaignDocument document;
    document.reset(sampleCampaign());
    document.editName(QStringLiteral("Changed"));
    const QString impossible = directory.filePath(QStringLiteral("missing-folder/c.bulkmail"));
    const Result<void> saved = document.saveAs(impossible);
    QVERIFY(!saved);
    QVERIFY(document.isModified());
    QVERIFY(document.filePath().isEmpty());
}

void TestCampaignDocument::recoveryCopyRoundTrip()
{
    QTemporaryDir directory;
    RecoveryStore store(directory.filePath(QStringLiteral("recovery")));
    const QString original = directory.filePath(QStringLiteral("spring.bulkmail"));
    Campaign campaign = sampleCampaign();
    campaign.filePath = original;
    campaign.message.subject = QStringLiteral("Unsaved subject");
    const QString key = RecoveryStore::documentKey(original, QStringLiteral("unused"));
    // Whole seconds: the copy may record its time without milliseconds.
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    QVERIFY_RESULT(store.save(key, campaign, QStringLiteral("Spring newsletter")));
    const QDateTime after = QDateTime::currentDateTimeUtc().addSecs(1);

    const QList<RecoveryEntry> pending = store.pending();
    QCOMPARE(pending.size(), 1);
    QCOMPARE(pending.first().originalPath, original);
    QCOMPARE(pending.first().name, QStringLiteral("Spring newsletter"));
    QVERIFY2(pending.first().savedAt >= before && pending.first().savedAt <= after,
             qPrintable(pending.first().savedAt.toString(Qt::ISODateWithMs)));
    const Result<Campaign> loaded = store.load(pending.first());
    QVERIFY_RESULT(loaded);
    QCOMPARE(loaded->filePath, original);
    QCOMPARE(loaded->message.subject, QStringLiteral("Unsaved subject"));
    QCOMPARE(loaded->recipients, campaign.recipients);

    // Saving again replaces the copy; discarding removes it.
    QVERIFY_RESULT(store.save(key, campaign, QStringLiteral("Spring newsletter")));
    QCOMPARE(store.pending().size(), 1);
    store.discard(key);
    QVERIFY(store.pending().isEmpty());
    QVERIFY(QDir(store.directory()).isEmpty());
}

void TestCampaignDocument::recoveryOfUntitledCampaignKeepsAttachmentPaths()
{
    QTemporaryDir directory;
    const QString attachment = directory.filePath(QStringLiteral("leaflet.pdf"));
    QVERIFY_RESULT(writeFileAtomically(attachment, "%PDF-1.4"));
    RecoveryStore store(directory.filePath(QStringLiteral("recovery")));
    Campaign campaign = sampleCampaign();
    campaign.message.attachments = {attachment};
    QVERIFY_RESULT(store.save(RecoveryStore::documentKey({}, QStringLiteral("id-1")),
                              campaign,
                              QStringLiteral("Untitled")));
    const Result<Campaign> loaded = store.load(store.pending().value(0));
    QVERIFY_RESULT(loaded);
    QVERIFY(loaded->filePath.isEmpty());
    QCOMPARE(loaded->message.attachments, QStringList{attachment});
}

QTEST_MAIN(TestCampaignDocument)
#include "tst_campaigndocument.moc"
