#include "feedback/deliveryreport.h"

#include "feedback/mailparts.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace Bulkmail {

namespace {

// RFC 3463 enhanced status code, "5.1.1".
const QRegularExpression &enhancedStatusPattern()
{
    static const QRegularExpression pattern(QStringLiteral("\\b([245]\\.\\d{1,3}\\.\\d{1,3})\\b"));
    return pattern;
}

// An SMTP reply code where a report quotes a reply: at a line's start or after "said:", a quote
// or a parenthesis, followed by a space, a dash or the line's end ("550 5.1.1 ...", "550-...").
const QRegularExpression &replyCodePattern()
{
    static const QRegularExpression pattern(
        QStringLiteral("(?:^|[\\s'\"(:#\uFF1A])([45]\\d\\d)(?:[ -]|$)"));
    return pattern;
}

// ASCII addresses only: report texts run Chinese words into addresses without a space
// ("发送到abc@example.com的邮件"), so a permissive pattern would swallow the words.
const QString &addressPattern()
{
    static const QString pattern = QStringLiteral(
        "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
        "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");
    return pattern;
}

// "rfc822; a@b.c" -> "a@b.c"; "dns; mx.example.org" -> "mx.example.org" (RFC 3464 §2.1.2).
QString withoutType(const QString &value)
{
    const qsizetype semicolon = value.indexOf(u';');
    QString bare = (semicolon < 0 ? value : value.mid(semicolon + 1)).simplified();
    if (bare.startsWith(u'<') && bare.endsWith(u'>'))
        bare = bare.mid(1, bare.size() - 2);
    return bare;
}

bool isSystemMailbox(const QString &address)
{
    const QString local = address.section(u'@', 0, 0).toLower();
    return local == u"mailer-daemon" || local == u"postmaster" || local == u"mail-daemon"
           || local == u"mailerdaemon" || local == u"mailer_daemon";
}

bool hasBounceSubject(const QString &subject)
{
    static const QRegularExpression pattern(
        QStringLiteral(
            "undeliver|undelivered|delivery status notification|failure notice|"
            "returned mail|mail delivery (failed|failure|system|subsystem)|"
            "delivery (failure|failed|has failed)|non[- ]?delivery|could not be "
            "delivered|couldn't be delivered|退信|退回|投递失败|发送失败|未送达|无法送达"),
        QRegularExpression::CaseInsensitiveOption);
    return pattern.match(subject).hasMatch();
}

bool hasAutoReplySubject(const QString &subject)
{
    static const QRegularExpression pattern(
        QStringLiteral("auto(matic)?[ -]?(reply|response|antwort)|autoreply|out of (the )?office|"
                       "自动回复|自動回覆|自动答复|abwesenheit|réponse automatique|vacation"),
        QRegularExpression::CaseInsensitiveOption);
    return pattern.match(subject).hasMatch();
}

bool looksLikeBounce(const MailParts &parts)
{
    return isSystemMailbox(parts.fromAddress) || hasBounceSubject(parts.subject)
           || parts.mimeType == "multipart/report";
}

bool isAutoReplyParts(const MailParts &parts)
{
    const bool marked = (!parts.autoSubmitted.isEmpty() && parts.autoSubmitted != "no")
                        || parts.hasAutoReplyHeader || hasAutoReplySubject(parts.subject);
    // MTAs mark their bounces "Auto-Submitted: auto-replied" too (Postfix, Exim): those are
    // reports, not out-of-office replies.
    return marked && !isSystemMailbox(parts.fromAddress) && !hasBounceSubject(parts.subject);
}

QString statusIn(const QString &text)
{
    const QRegularExpressionMatch match = enhancedStatusPattern().match(text);
    return match.hasMatch() ? match.captured(1) : QString();
}

// ---- RFC 3464 message/delivery-status ----

using FieldGroup = QList<std::pair<QString, QString>>; // lower-case name, value

// The field groups of a delivery-status body: header-like fields (folded lines unfolded, RFC
// 5322 §2.2.3), groups separated by blank lines; the first is the per-message group.
QList<FieldGroup> fieldGroups(const QByteArray &body)
{
    QList<FieldGroup> groups;
    FieldGroup current;
    const QList<QByteArray> lines = body.split('\n');
    for (QByteArray line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.trimmed().isEmpty()) {
            if (!current.isEmpty())
                groups.append(std::exchange(current, {}));
            continue;
        }
        if ((line.startsWith(' ') || line.startsWith('\t')) && !current.isEmpty()) {
            current.last().second += u' ' + QString::fromUtf8(line.trimmed());
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        current.append({QString::fromLatin1(line.first(colon).trimmed()).toLower(),
                        QString::fromUtf8(line.sliced(colon + 1).trimmed())});
    }
    if (!current.isEmpty())
        groups.append(current);
    return groups;
}

QString fieldValue(const FieldGroup &group, QLatin1String name)
{
    for (const auto &[field, value] : group) {
        if (field == name)
            return value;
    }
    return {};
}

std::optional<DeliveryAction> actionNamed(const QString &name)
{
    const QString lower = name.trimmed().toLower();
    if (lower.startsWith(u"failed"))
        return DeliveryAction::Failed;
    if (lower.startsWith(u"delayed"))
        return DeliveryAction::Delayed;
    if (lower.startsWith(u"delivered"))
        return DeliveryAction::Delivered;
    if (lower.startsWith(u"relayed"))
        return DeliveryAction::Relayed;
    if (lower.startsWith(u"expanded"))
        return DeliveryAction::Expanded;
    return std::nullopt;
}

// The enhanced status, else one derived from a reply code ("550" -> "5.0.0").
QString statusFrom(const QString &statusField, const QString &diagnostic)
{
    if (QString status = statusIn(statusField); !status.isEmpty())
        return status;
    if (QString status = statusIn(diagnostic); !status.isEmpty())
        return status;
    const QRegularExpressionMatch code = replyCodePattern().match(diagnostic);
    return code.hasMatch() ? code.captured(1).left(1) + QStringLiteral(".0.0") : QString();
}

void parseDeliveryStatus(const QByteArray &body, DeliveryReport &report)
{
    const QList<FieldGroup> groups = fieldGroups(body);
    for (qsizetype i = 0; i < groups.size(); ++i) {
        const FieldGroup &group = groups[i];
        if (report.reportingMta.isEmpty())
            report.reportingMta = withoutType(fieldValue(group, QLatin1String("reporting-mta")));
        QString recipient = withoutType(fieldValue(group, QLatin1String("final-recipient")));
        if (recipient.isEmpty())
            recipient = withoutType(fieldValue(group, QLatin1String("original-recipient")));
        if (recipient.isEmpty() || !recipient.contains(u'@'))
            continue;
        BouncedRecipient entry;
        entry.recipient = recipient;
        entry.diagnostic = withoutType(fieldValue(group, QLatin1String("diagnostic-code")));
        entry.status = statusFrom(fieldValue(group, QLatin1String("status")), entry.diagnostic);
        entry.remoteMta = withoutType(fieldValue(group, QLatin1String("remote-mta")));
        std::optional<DeliveryAction> action = actionNamed(
            fieldValue(group, QLatin1String("action")));
        if (!action) {
            if (entry.status.startsWith(u'5'))
                action = DeliveryAction::Failed;
            else if (entry.status.startsWith(u'4'))
                action = DeliveryAction::Delayed;
            else
                continue; // neither an action nor a status: nothing to report
        }
        entry.action = *action;
        if (entry.action != DeliveryAction::Failed && entry.action != DeliveryAction::Delayed)
            continue; // a success notice is not a bounce
        // None given, or a success class (2.x.x) contradicting the action: the action decides.
        if (!entry.status.startsWith(u'4') && !entry.status.startsWith(u'5'))
            entry.status = entry.action == DeliveryAction::Failed ? QStringLiteral("5.0.0")
                                                                  : QStringLiteral("4.0.0");
        report.recipients.append(entry);
    }
}

// ---- Plain-text reports ----

ReportFormat plainTextFormat(const MailParts &parts, const QString &text)
{
    const auto has = [&](const char *words) {
        return text.contains(QString::fromUtf8(words), Qt::CaseInsensitive);
    };
    const QString fromDomain = parts.fromAddress.section(u'@', 1).toLower();
    if (has("This is the qmail-send program"))
        return ReportFormat::Qmail;
    if (has("Delivery has failed to these recipients or groups") || has("RESOLVER.ADR.")
        || has("Diagnostic information for administrators"))
        return ReportFormat::Exchange;
    if (has("Address not found") || has("The email account that you tried to reach")
        || fromDomain == u"googlemail.com" || fromDomain == u"gmail.com")
        return ReportFormat::Gmail;
    if (fromDomain.endsWith(u"qq.com") || has("腾讯") || has("QQ邮箱") || has("exmail"))
        return ReportFormat::Tencent;
    if (fromDomain == u"163.com" || fromDomain == u"126.com" || fromDomain == u"yeah.net"
        || fromDomain.endsWith(u"netease.com") || has("网易"))
        return ReportFormat::NetEase;
    if (fromDomain.contains(u"aliyun") || fromDomain.contains(u"mxhichina") || has("阿里"))
        return ReportFormat::Aliyun;
    return ReportFormat::PlainText;
}

// Where a plain-text report names a recipient that failed (each pattern captures the address).
const QList<QRegularExpression> &recipientPatterns()
{
    static const QList<QRegularExpression> patterns = [] {
        const QString address = addressPattern();
        const auto options = QRegularExpression::CaseInsensitiveOption;
        return QList<QRegularExpression>{
            // qmail, Postfix without DSN: "<user@example.com>:" opening a paragraph
            QRegularExpression(QStringLiteral("^\\s*<(") + address + QStringLiteral(")>:"), options),
            // Exchange, Exim, old Gmail: an address alone on its line, perhaps with its name
            // in parentheses and an Outlook "<mailto:...>"
            QRegularExpression(QStringLiteral("^\\s*<?(") + address
                                   + QStringLiteral(")>?\\s*(\\([^)]*\\))?\\s*(<mailto:[^>]*>)?"
                                                    "\\s*$"),
                               options),
            // Chinese providers: "收件人：user@example.com", "收件人地址: <user@example.com>"
            QRegularExpression(QStringLiteral(
                                   "(收件人|收信人|接收人|原收件人)(地址|邮箱)?\\s*[:：]\\s*<?(")
                                   + address + u')',
                               options),
            // "wasn't delivered to user@example.com", "发送到user@example.com的邮件"
            QRegularExpression(QStringLiteral("(delivered to|delivery to|deliver to|sent to|"
                                              "发送到|发往|发送给|投递到|送达)\\s*<?(")
                                   + address + u')',
                               options),
            // DSN fields quoted in a text
            QRegularExpression(QStringLiteral("(original|final)[- ]recipient\\s*:\\s*"
                                              "(rfc822;\\s*)?<?(")
                                   + address + u')',
                               options),
        };
    }();
    return patterns;
}

QStringList failedRecipientsIn(const QStringList &lines, const MailParts &parts)
{
    QSet<QString> excluded; // the report's own addresses: our sender, the reporting system
    for (const QString &address : parts.toAddresses)
        excluded.insert(address.toLower());
    excluded.insert(parts.fromAddress.toLower());
    QStringList recipients;
    QSet<QString> seen;
    for (const QString &line : lines) {
        if (line.startsWith(u'>'))
            continue; // quoted original
        for (const QRegularExpression &pattern : recipientPatterns()) {
            const QRegularExpressionMatch match = pattern.match(line);
            if (!match.hasMatch())
                continue;
            // The address is the group holding an '@' (the others are optional decorations).
            QString found;
            for (int group = 1; group <= match.lastCapturedIndex(); ++group) {
                if (match.captured(group).contains(u'@')) {
                    found = match.captured(group);
                    break;
                }
            }
            const QString key = found.toLower();
            if (found.isEmpty() || excluded.contains(key) || isSystemMailbox(found)
                || seen.contains(key))
                continue;
            seen.insert(key);
            recipients.append(found);
        }
    }
    return recipients;
}

struct Reason
{
    QString status;
    QString diagnostic;
};

std::optional<Reason> reasonInWords(const QStringList &lines, qsizetype first, qsizetype last);

// The first line in [first, last) quoting a reply: one with an enhanced status wins over one
// with a bare reply code.
std::optional<Reason> replyLineIn(const QStringList &lines, qsizetype first, qsizetype last)
{
    std::optional<Reason> bare;
    for (qsizetype i = first; i < last; ++i) {
        const QString &line = lines[i];
        if (QString status = statusIn(line); !status.isEmpty() && !status.startsWith(u'2'))
            return Reason{status, line.simplified()};
        const QRegularExpressionMatch code = replyCodePattern().match(line);
        if (code.hasMatch() && !bare) {
            // "550 User not found": the words say what the bare code does not (5.1.1).
            const QString replyClass = code.captured(1).left(1);
            const std::optional<Reason> words = reasonInWords(lines, i, i + 1);
            const QString status = words && words->status.startsWith(replyClass)
                                       ? words->status
                                       : replyClass + QStringLiteral(".0.0");
            bare = Reason{status, line.simplified()};
        }
    }
    return bare;
}

// Reports that give no reply code (the Chinese providers' own words, some Gmail texts): the
// words decide the status.
std::optional<Reason> reasonInWords(const QStringList &lines, qsizetype first, qsizetype last)
{
    static const QList<std::pair<QRegularExpression, QString>> table = [] {
        const auto entry = [](const char *pattern, const char *status) {
            return std::pair{QRegularExpression(QString::fromUtf8(pattern),
                                                QRegularExpression::CaseInsensitiveOption),
                             QString::fromLatin1(status)};
        };
        return QList<std::pair<QRegularExpression, QString>>{
            entry("does ?n[o']t exist|not exist|user unknown|unknown user|no such user|"
                  "(address|account|mailbox|recipient|user) (was |is )?not found|"
                  "couldn't be found|could not be found|invalid recipient|不存在|"
                  "无效的?(收件人|地址|用户)|找不到|地址错误",
                  "5.1.1"),
            entry("couldn't find any host|host not found|no such domain|domain not found|"
                  "域名不存在|域名无效",
                  "5.1.2"),
            entry("mailbox (is )?full|over ?quota|quota exceeded|insufficient (storage|space)|"
                  "已满|空间不足|容量不足|超出.*容量",
                  "4.2.2"),
            entry("try again later|temporar|deferred|delayed|暂时|稍后|延迟", "4.0.0"),
        };
    }();
    for (qsizetype i = first; i < last; ++i) {
        for (const auto &[pattern, status] : table) {
            if (pattern.match(lines[i]).hasMatch())
                return Reason{status, lines[i].simplified()};
        }
    }
    return std::nullopt;
}

bool saysDelayed(const QString &text)
{
    static const QRegularExpression pattern(
        QStringLiteral("has been delayed|delivery delayed|not yet been delivered|will (continue "
                       "to |)(re)?try|still trying|\\(Delay\\)|延迟投递|正在重试"),
        QRegularExpression::CaseInsensitiveOption);
    return pattern.match(text).hasMatch();
}

void parsePlainText(const MailParts &parts, DeliveryReport &report)
{
    const QString text = parts.texts.join(u'\n');
    report.format = plainTextFormat(parts, text);
    QStringList lines = text.split(u'\n');
    for (QString &line : lines) {
        if (line.endsWith(u'\r'))
            line.chop(1);
    }
    const QStringList recipients = failedRecipientsIn(lines, parts);
    const bool delayed = saysDelayed(text) || saysDelayed(parts.subject);
    // A recipient's reason: near where the report names it (up to the next recipient's name),
    // else anywhere in the report (single-recipient reports put it in a later section).
    constexpr qsizetype Window = 15;
    for (const QString &recipient : recipients) {
        std::optional<Reason> reason;
        for (qsizetype i = 0; i < lines.size() && !reason; ++i) {
            if (!lines[i].contains(recipient, Qt::CaseInsensitive))
                continue;
            qsizetype end = std::min(lines.size(), i + Window);
            for (qsizetype j = i + 1; j < end; ++j) {
                for (const QString &other : recipients) {
                    if (other != recipient && lines[j].contains(other, Qt::CaseInsensitive))
                        end = j;
                }
            }
            reason = replyLineIn(lines, i, end);
            if (!reason)
                reason = reasonInWords(lines, i, end);
        }
        if (!reason && recipients.size() == 1) {
            reason = replyLineIn(lines, 0, lines.size());
            if (!reason)
                reason = reasonInWords(lines, 0, lines.size());
        }
        if (!reason)
            continue; // an address the report names without saying it failed
        BouncedRecipient entry;
        entry.recipient = recipient;
        entry.status = reason->status;
        entry.diagnostic = reason->diagnostic;
        entry.action = delayed ? DeliveryAction::Delayed : DeliveryAction::Failed;
        report.recipients.append(entry);
    }
}

} // namespace

BounceSeverity BouncedRecipient::severity() const
{
    return status.startsWith(u'5') ? BounceSeverity::Hard : BounceSeverity::Soft;
}

bool DeliveryReport::isHard() const
{
    return std::any_of(recipients.cbegin(), recipients.cend(), [](const BouncedRecipient &r) {
        return r.severity() == BounceSeverity::Hard;
    });
}

std::optional<DeliveryReport> parseDeliveryReport(const QByteArray &raw)
{
    const std::optional<MailParts> parts = readMailParts(raw);
    return parts ? parseDeliveryReport(*parts) : std::nullopt;
}

std::optional<DeliveryReport> parseDeliveryReport(const MailParts &parts)
{
    DeliveryReport report;
    report.subject = parts.subject;
    report.date = parts.date;
    if (!parts.deliveryStatus.isEmpty()) {
        report.format = ReportFormat::Rfc3464;
        for (const QByteArray &body : parts.deliveryStatus)
            parseDeliveryStatus(body, report);
        // A multipart/report whose recipients were all delivered is a success notice.
        if (report.recipients.isEmpty())
            return std::nullopt;
    } else {
        // Other reports are not about delivery: read receipts (RFC 8098 disposition-notification)
        // and complaint feedback (RFC 5965 feedback-report).
        const bool otherReport = !parts.reportType.isEmpty()
                                 && parts.reportType != "delivery-status"
                                 && parts.reportType != "global-delivery-status";
        if (otherReport || isAutoReplyParts(parts) || !looksLikeBounce(parts))
            return std::nullopt;
        parsePlainText(parts, report);
        if (report.recipients.isEmpty())
            return std::nullopt;
    }
    report.originalMessageId = parts.originalMessageId;
    if (report.originalMessageId.isEmpty())
        report.originalMessageId = parts.inReplyTo;
    if (report.originalMessageId.isEmpty() && !parts.references.isEmpty())
        report.originalMessageId = parts.references.last();
    if (report.originalMessageId.isEmpty())
        report.originalMessageId = parts.quotedMessageId;
    return report;
}

bool isAutoReply(const QByteArray &raw)
{
    const std::optional<MailParts> parts = readMailParts(raw);
    return parts && isAutoReply(*parts);
}

bool isAutoReply(const MailParts &parts)
{
    return parts.deliveryStatus.isEmpty() && isAutoReplyParts(parts);
}

QString deliveryActionName(DeliveryAction action)
{
    switch (action) {
    case DeliveryAction::Failed:
        return QStringLiteral("failed");
    case DeliveryAction::Delayed:
        return QStringLiteral("delayed");
    case DeliveryAction::Delivered:
        return QStringLiteral("delivered");
    case DeliveryAction::Relayed:
        return QStringLiteral("relayed");
    case DeliveryAction::Expanded:
        return QStringLiteral("expanded");
    }
    return {};
}

QString bounceSeverityName(BounceSeverity severity)
{
    return severity == BounceSeverity::Hard ? QStringLiteral("hard") : QStringLiteral("soft");
}

QString reportFormatName(ReportFormat format)
{
    switch (format) {
    case ReportFormat::Rfc3464:
        return QStringLiteral("rfc3464");
    case ReportFormat::Exchange:
        return QStringLiteral("exchange");
    case ReportFormat::Gmail:
        return QStringLiteral("gmail");
    case ReportFormat::Qmail:
        return QStringLiteral("qmail");
    case ReportFormat::Tencent:
        return QStringLiteral("tencent");
    case ReportFormat::NetEase:
        return QStringLiteral("netease");
    case ReportFormat::Aliyun:
        return QStringLiteral("aliyun");
    case ReportFormat::PlainText:
        return QStringLiteral("plain-text");
    }
    return {};
}

QByteArray deliveryReportJson(const DeliveryReport &report)
{
    QJsonArray recipients;
    for (const BouncedRecipient &entry : report.recipients) {
        recipients.append(QJsonObject{
            {QStringLiteral("recipient"), entry.recipient},
            {QStringLiteral("action"), deliveryActionName(entry.action)},
            {QStringLiteral("status"), entry.status},
            {QStringLiteral("severity"), bounceSeverityName(entry.severity())},
            {QStringLiteral("diagnostic"), entry.diagnostic},
            {QStringLiteral("remoteMta"), entry.remoteMta},
        });
    }
    const QJsonObject object{
        {QStringLiteral("format"), reportFormatName(report.format)},
        {QStringLiteral("reportingMta"), report.reportingMta},
        {QStringLiteral("originalMessageId"), report.originalMessageId},
        {QStringLiteral("subject"), report.subject},
        {QStringLiteral("date"),
         report.date.isValid() ? QJsonValue(report.date.toUTC().toString(Qt::ISODate))
                               : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("hard"), report.isHard()},
        {QStringLiteral("recipients"), recipients},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace Bulkmail
