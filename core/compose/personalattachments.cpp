#include "personalattachments.h"

#include "common/fileio.h"
#include "common/fileproblem.h"
#include "delivery/deliverynote.h"

#include <algorithm>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace Bulkmail {

namespace {

// "{{ field }}": the only template syntax a file pattern has (no sections: a file name is not a
// message).
const QRegularExpression &fieldReference()
{
    static const QRegularExpression expression(QStringLiteral(R"(\{\{\s*([^{}]+?)\s*\}\})"));
    return expression;
}

// The literal part of a pattern: '*' and '?' are wildcards, everything else matches itself.
QString globToRegularExpression(QStringView glob)
{
    QString result;
    for (const QChar character : glob) {
        if (character == u'*')
            result += QLatin1String(".*");
        else if (character == u'?')
            result += u'.';
        else
            result += QRegularExpression::escape(QString(character));
    }
    return result;
}

// The first field `pattern` names that is not among `fieldNames`; empty when there is none.
QString unknownPatternField(const QString &pattern, const QStringList &fieldNames)
{
    QRegularExpressionMatchIterator it = fieldReference().globalMatch(pattern);
    while (it.hasNext()) {
        const QString field = it.next().captured(1);
        if (!fieldNames.contains(field))
            return field;
    }
    return {};
}

QString unknownFieldText(const QString &pattern, const QString &field)
{
    return QStringLiteral("the pattern \"%1\" uses the unknown field \"%2\"").arg(pattern, field);
}

QString ruleLabel(const PersonalAttachmentRule &rule, int index)
{
    return rule.kind == PersonalAttachmentRule::Kind::Pattern
               ? QStringLiteral("rule %1 (%2)").arg(index + 1).arg(rule.value)
               : QStringLiteral("rule %1 (column %2)").arg(index + 1).arg(rule.value);
}

bool isPlainFileName(const QString &name)
{
    return !name.contains(u'/') && !name.contains(u'\\') && name != QLatin1String(".")
           && name != QLatin1String("..");
}

QString fieldValue(const Recipient &recipient, qsizetype index)
{
    if (index == 0)
        return recipient.email;
    if (index == 1)
        return recipient.name;
    return recipient.fields.value(index - 2);
}

QDateTime truncatedToMilliseconds(const QDateTime &time)
{
    return QDateTime::fromMSecsSinceEpoch(time.toMSecsSinceEpoch(), Qt::UTC);
}

} // namespace

QString AttachmentProblem::describe(const PersonalAttachmentRule &rule) const
{
    // The note's English for this one problem, without its first words ("personal attachment: ").
    static const qsizetype prefix = englishDeliveryNote(DeliveryNote::PersonalFilesBlocked, {})
                                        .size();
    return englishDeliveryNote(DeliveryNote::PersonalFilesBlocked, noteArguments(rule)).mid(prefix);
}

QStringList AttachmentProblem::noteArguments(const PersonalAttachmentRule &rule) const
{
    QString kindName;
    switch (kind) {
    case Kind::Missing:
        kindName = QStringLiteral("missing");
        break;
    case Kind::Ambiguous:
        kindName = QStringLiteral("ambiguous");
        break;
    case Kind::EmptyField:
        kindName = QStringLiteral("empty-field");
        break;
    case Kind::NotAFileName:
        kindName = QStringLiteral("not-a-file-name");
        break;
    }
    return {kindName,
            QString::number(this->rule + 1),
            rule.kind == PersonalAttachmentRule::Kind::Pattern ? QStringLiteral("pattern")
                                                               : QStringLiteral("column"),
            rule.value,
            QString::number(candidates.size()),
            candidates.join(QLatin1String(", "))};
}

bool RecipientAttachments::isBlocked() const
{
    return std::any_of(problems.cbegin(), problems.cend(), [](const AttachmentProblem &problem) {
        return problem.blocks();
    });
}

QStringList RecipientAttachments::blockArguments(const QList<PersonalAttachmentRule> &rules) const
{
    QStringList arguments;
    for (const AttachmentProblem &problem : problems) {
        if (problem.blocks())
            arguments += problem.noteArguments(rules.value(problem.rule));
    }
    return arguments;
}

QString AttachmentResolution::pathOf(const QString &fileName) const
{
    return QDir(folder).filePath(fileName);
}

Result<MergedPattern> mergeFilePattern(const QString &pattern,
                                       const QStringList &fieldNames,
                                       const QStringList &values)
{
    if (const QString unknown = unknownPatternField(pattern, fieldNames); !unknown.isEmpty())
        return makeError(ErrorCode::InvalidValue, unknownFieldText(pattern, unknown));
    MergedPattern merged;
    QString expression = QStringLiteral("^");
    qsizetype position = 0;
    QRegularExpressionMatchIterator it = fieldReference().globalMatch(pattern);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        expression += globToRegularExpression(
            QStringView(pattern).mid(position, match.capturedStart() - position));
        const QString field = match.captured(1);
        const qsizetype index = fieldNames.indexOf(field); // known: checked above
        const QString value = values.value(index).trimmed();
        if (value.isEmpty() && merged.emptyField.isEmpty())
            merged.emptyField = field;
        // Merged literally: a '*' in an ID must not widen the match to other people's files.
        expression += QRegularExpression::escape(value);
        position = match.capturedEnd();
    }
    expression += globToRegularExpression(QStringView(pattern).mid(position));
    merged.regularExpression = expression + u'$';
    return merged;
}

QStringList listAttachmentFolder(const QString &folder)
{
    return QDir(folder).entryList(QDir::Files | QDir::Readable, QDir::Name);
}

RecipientAttachments resolveRecipientAttachments(const PersonalAttachmentSettings &settings,
                                                 const QStringList &recipientFields,
                                                 const Recipient &recipient,
                                                 const QStringList &folderFiles)
{
    RecipientAttachments result;
    QStringList fieldNames{QStringLiteral("email"), QStringLiteral("name")};
    fieldNames += recipientFields;
    QStringList values;
    values.reserve(fieldNames.size());
    for (qsizetype f = 0; f < fieldNames.size(); ++f)
        values.append(fieldValue(recipient, f));
    for (qsizetype r = 0; r < settings.rules.size(); ++r) {
        const PersonalAttachmentRule &rule = settings.rules[r];
        AttachmentProblem problem{int(r),
                                  AttachmentProblem::Kind::Missing,
                                  {},
                                  rule.need == PersonalAttachmentRule::Need::Required};
        QStringList candidates;
        if (rule.kind == PersonalAttachmentRule::Kind::Column) {
            const QString name = values.value(fieldNames.indexOf(rule.value)).trimmed();
            if (name.isEmpty()) {
                problem.kind = AttachmentProblem::Kind::EmptyField;
            } else if (!isPlainFileName(name)) {
                problem.kind = AttachmentProblem::Kind::NotAFileName;
            } else {
                for (const QString &file : folderFiles) {
                    if (file.compare(name, Qt::CaseInsensitive) == 0)
                        candidates.append(file);
                }
            }
        } else {
            const auto merged = mergeFilePattern(rule.value, fieldNames, values);
            if (!merged) {
                problem.kind = AttachmentProblem::Kind::Missing; // an unknown field
            } else if (!merged->emptyField.isEmpty()) {
                // "{{id}}*.pdf" with no id would match every payslip.
                problem.kind = AttachmentProblem::Kind::EmptyField;
            } else {
                const QRegularExpression expression(merged->regularExpression,
                                                    QRegularExpression::CaseInsensitiveOption);
                for (const QString &file : folderFiles) {
                    if (expression.match(file).hasMatch())
                        candidates.append(file);
                }
            }
        }
        if (candidates.size() == 1) {
            result.fileNames.append(candidates.first());
            continue;
        }
        if (candidates.size() > 1) {
            problem.kind = AttachmentProblem::Kind::Ambiguous;
            problem.candidates = candidates;
        }
        const bool isQuietlyOptional = !problem.isRequired
                                       && problem.kind != AttachmentProblem::Kind::Ambiguous
                                       && problem.kind != AttachmentProblem::Kind::NotAFileName;
        if (!isQuietlyOptional)
            result.problems.append(problem);
    }
    return result;
}

AttachmentResolution resolvePersonalAttachments(const Campaign &campaign)
{
    const PersonalAttachmentSettings &settings = campaign.message.personalAttachments;
    AttachmentResolution resolution;
    resolution.folder = settings.folder;
    resolution.recipients.resize(size_t(campaign.recipients.size()));
    if (!settings.isEnabled())
        return resolution;

    const auto unusable = [&resolution](const QString &english, const QStringList &arguments) {
        resolution.error = QStringLiteral("personal attachments: ") + english;
        resolution.errorArguments = arguments;
        return resolution;
    };
    if (settings.folder.isEmpty())
        return unusable(QStringLiteral("no folder is set"), {QStringLiteral("no-folder")});
    if (!QFileInfo(settings.folder).isDir()) {
        return unusable(QStringLiteral("the folder \"%1\" does not exist").arg(settings.folder),
                        {QStringLiteral("folder-missing"), settings.folder});
    }
    resolution.folderFiles = listAttachmentFolder(settings.folder);

    QStringList fieldNames{QStringLiteral("email"), QStringLiteral("name")};
    fieldNames += campaign.recipientFields;
    // A column rule names a field, a pattern uses fields: each must be one of the list's.
    for (qsizetype r = 0; r < settings.rules.size(); ++r) {
        const PersonalAttachmentRule &rule = settings.rules[r];
        const QString number = QString::number(r + 1);
        if (rule.value.trimmed().isEmpty()) {
            return unusable(QStringLiteral("%1 is empty").arg(ruleLabel(rule, int(r))),
                            {QStringLiteral("rule-empty"), number});
        }
        if (rule.kind == PersonalAttachmentRule::Kind::Column && !fieldNames.contains(rule.value)) {
            return unusable(QStringLiteral("%1 names an unknown field").arg(ruleLabel(rule, int(r))),
                            {QStringLiteral("column-unknown"), number, rule.value});
        }
        if (rule.kind == PersonalAttachmentRule::Kind::Pattern) {
            if (const QString field = unknownPatternField(rule.value, fieldNames);
                !field.isEmpty()) {
                return unusable(unknownFieldText(rule.value, field),
                                {QStringLiteral("field-unknown"), number, rule.value, field});
            }
        }
    }

    QSet<QString> matched;
    for (qsizetype i = 0; i < campaign.recipients.size(); ++i) {
        RecipientAttachments &result = resolution.recipients[size_t(i)];
        result = resolveRecipientAttachments(settings,
                                             campaign.recipientFields,
                                             campaign.recipients[i],
                                             resolution.folderFiles);
        for (const QString &name : std::as_const(result.fileNames))
            matched.insert(name);
        for (const AttachmentProblem &problem : std::as_const(result.problems)) {
            for (const QString &candidate : problem.candidates)
                matched.insert(candidate);
        }
    }
    for (const QString &name : std::as_const(resolution.folderFiles)) {
        if (!matched.contains(name))
            resolution.unmatchedFiles.append(name);
    }
    return resolution;
}

QString AttachmentRecord::pathFor(const QString &campaignPath)
{
    return campaignPath + Suffix;
}

Result<AttachmentRecord> AttachmentRecord::load(const QString &path)
{
    AttachmentRecord record;
    if (!QFile::exists(path))
        return record;
    const Result<QByteArray> bytes = readWholeFile(path);
    if (!bytes)
        return tl::make_unexpected(bytes.error());
    const QJsonDocument document = QJsonDocument::fromJson(*bytes);
    const QJsonObject root = document.object();
    if (root.value(QLatin1String("format")).toString() != Format
        || root.value(QLatin1String("version")).toInt() != FormatVersion) {
        return makeError(ErrorCode::InvalidFormat,
                         QStringLiteral("%1 is not an attachment check record this Bulkmail "
                                        "reads")
                             .arg(path));
    }
    record.checkedAt = QDateTime::fromString(root.value(QLatin1String("checkedAt")).toString(),
                                             Qt::ISODateWithMs);
    record.folder = root.value(QLatin1String("folder")).toString();
    const QJsonArray files = root.value(QLatin1String("files")).toArray();
    for (const QJsonValue &value : files) {
        const QJsonObject object = value.toObject();
        FileFingerprint file;
        file.fileName = object.value(QLatin1String("name")).toString();
        file.size = qint64(object.value(QLatin1String("size")).toDouble(-1));
        file.modified = QDateTime::fromString(object.value(QLatin1String("modified")).toString(),
                                              Qt::ISODateWithMs);
        file.sha256 = object.value(QLatin1String("sha256")).toString().toLatin1();
        if (!file.fileName.isEmpty())
            record.files.insert(file.fileName, file);
    }
    return record;
}

Result<void> AttachmentRecord::save(const QString &path) const
{
    QStringList names = files.keys();
    names.sort();
    QJsonArray array;
    for (const QString &name : std::as_const(names)) {
        const FileFingerprint &file = files[name];
        array.append(QJsonObject{
            {QLatin1String("name"), file.fileName},
            {QLatin1String("size"), file.size},
            {QLatin1String("modified"), file.modified.toUTC().toString(Qt::ISODateWithMs)},
            {QLatin1String("sha256"), QString::fromLatin1(file.sha256)},
        });
    }
    const QJsonObject root{
        {QLatin1String("format"), Format},
        {QLatin1String("version"), FormatVersion},
        {QLatin1String("checkedAt"), checkedAt.toUTC().toString(Qt::ISODateWithMs)},
        {QLatin1String("folder"), folder},
        {QLatin1String("files"), array},
    };
    return writeFileAtomically(path, QJsonDocument(root).toJson(QJsonDocument::Indented));
}

FileFingerprint statFile(const QString &path)
{
    const QFileInfo info(path);
    FileFingerprint fingerprint;
    fingerprint.fileName = info.fileName();
    if (info.isFile()) {
        fingerprint.size = info.size();
        fingerprint.modified = truncatedToMilliseconds(
            info.fileTime(QFileDevice::FileModificationTime));
    }
    return fingerprint;
}

Result<FileFingerprint> fingerprintFile(const QString &path, const FileFingerprint *previous)
{
    FileFingerprint fingerprint = statFile(path);
    if (fingerprint.size < 0)
        return tl::unexpected(FileProblem::error(FileProblem::Code::Missing, path));
    if (previous && previous->size == fingerprint.size && previous->modified == fingerprint.modified
        && !previous->sha256.isEmpty()) {
        fingerprint.sha256 = previous->sha256;
        return fingerprint;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tl::unexpected(
            FileProblem::error(FileProblem::Code::CannotOpen, path, file.errorString()));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file) || file.error() != QFileDevice::NoError)
        return tl::unexpected(
            FileProblem::error(FileProblem::Code::CannotRead, path, file.errorString()));
    fingerprint.sha256 = hash.result().toHex();
    return fingerprint;
}

QString describeChange(const FileFingerprint &recorded, const FileFingerprint &current)
{
    const QStringList arguments = fileChangeArguments(recorded, current);
    return arguments.isEmpty() ? QString() : englishFileChangeText(arguments);
}

QStringList fileChangeArguments(const FileFingerprint &recorded, const FileFingerprint &current)
{
    if (current.size < 0)
        return {recorded.fileName, QStringLiteral("gone"), QString(), QString()};
    if (recorded.size != current.size) {
        return {recorded.fileName,
                QStringLiteral("size"),
                QString::number(recorded.size),
                QString::number(current.size)};
    }
    if (recorded.modified != current.modified) {
        return {recorded.fileName,
                QStringLiteral("modified"),
                recorded.modified.toString(Qt::ISODate),
                current.modified.toString(Qt::ISODate)};
    }
    if (!current.sha256.isEmpty() && recorded.sha256 != current.sha256)
        return {recorded.fileName, QStringLiteral("content"), QString(), QString()};
    return {};
}

} // namespace Bulkmail
