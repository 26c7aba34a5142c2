#include "accounttext.h"

#include "widgets/sentences.h"

#include <QDateTime>
#include <QStringList>

#include <cmath>

namespace Bulkmail {

namespace {

QString rate(double value, const QLocale &locale)
{
    // 30 → "30", 0.5 → "0.5", 2.333 → "2.33"
    return locale.toString(value, 'g', value >= 100 ? 6 : 3);
}

} // namespace

QString AccountText::duration(std::chrono::seconds duration, const QLocale &locale)
{
    const qint64 seconds = std::max<qint64>(0, duration.count());
    if (seconds < 1)
        return tr("a second");
    if (seconds < 60)
        return tr("%1 s").arg(locale.toString(seconds));
    if (seconds < 3600) {
        const qint64 minutes = std::max<qint64>(1, std::llround(double(seconds) / 60.0));
        if (minutes < 60)
            return tr("%1 min").arg(locale.toString(minutes));
        return tr("%1 h").arg(locale.toString(1));
    }
    if (seconds < 86'400) {
        qint64 hours = seconds / 3600;
        qint64 minutes = std::llround(double(seconds % 3600) / 60.0);
        if (minutes == 60) {
            ++hours;
            minutes = 0;
        }
        if (minutes == 0)
            return tr("%1 h").arg(locale.toString(hours));
        return tr("%1 h %2 min").arg(locale.toString(hours), locale.toString(minutes));
    }
    qint64 days = seconds / 86'400;
    qint64 hours = std::llround(double(seconds % 86'400) / 3600.0);
    if (hours == 24) {
        ++days;
        hours = 0;
    }
    if (hours == 0)
        return tr("%1 d").arg(locale.toString(days));
    return tr("%1 d %2 h").arg(locale.toString(days), locale.toString(hours));
}

QString AccountText::estimate(const SendingEstimate &estimate, const QLocale &locale)
{
    if (estimate.recipients <= 0)
        return tr("Add recipients to see how long sending takes.");

    const QString recipients = locale.toString(estimate.recipients);
    const QString quota = locale.toString(estimate.dailyQuota);

    if (!estimate.isBounded()) {
        QString text = tr("No rate limit is set: the recipients go out as fast as the server "
                          "accepts them, on up to %1 connections at once.")
                           .arg(locale.toString(estimate.maxConnections));
        if (estimate.exceedsDailyQuota()) {
            text += sentenceSeparator()
                    + tr("%1 of the %2 recipients fit in the daily quota of %3: the rest "
                         "continues when the quota frees up, about 24 hours after the first "
                         "messages.")
                          .arg(locale.toString(estimate.sendableToday), recipients, quota);
        }
        return text;
    }

    QString pace;
    switch (estimate.boundBy) {
    case PaceLimit::PerSecond:
        pace = tr("%1 a second").arg(rate(estimate.messagesPerMinute / 60.0, locale));
        break;
    case PaceLimit::PerMinute:
        pace = tr("%1 a minute").arg(rate(estimate.messagesPerMinute, locale));
        break;
    case PaceLimit::Delay:
        pace = tr("one message every %1 s").arg(rate(60.0 / estimate.messagesPerMinute, locale));
        break;
    case PaceLimit::None:
        break;
    }
    const QString time = duration(estimate.duration, locale);

    if (!estimate.exceedsDailyQuota()) {
        const QString first = estimate.recipients == 1
                                  ? tr("At %1, the one recipient takes about %2").arg(pace, time)
                                  : tr("At %1, %2 recipients take about %3")
                                        .arg(pace, recipients, time);
        if (estimate.dailyQuota <= 0)
            return tr("%1.", "a sentence made of the clause before").arg(first);
        return tr("%1; today's quota of %2 leaves room for %3 more.")
            .arg(first, quota, locale.toString(estimate.roomLeftToday));
    }

    if (estimate.sendableToday == 0) {
        return tr("The daily quota of %1 is used up for now: the %2 recipients wait until it "
                  "frees up (it counts any 24 hours), then go out at %3.")
            .arg(quota, recipients, pace);
    }
    const QString today = tr("At %1, %2 of the %3 recipients go out today, in about %4.")
                              .arg(pace, locale.toString(estimate.sendableToday), recipients, time);
    const QString rest = locale.toString(estimate.carriedOver);
    if (estimate.extraDays <= 1) {
        return today + sentenceSeparator()
               + tr("The list exceeds the daily quota of %1: the remaining %2 continue "
                    "tomorrow.")
                     .arg(quota, rest);
    }
    return today + sentenceSeparator()
           + tr("The list exceeds the daily quota of %1: the remaining %2 continue over the "
                "next %3 days.")
                 .arg(quota, rest, locale.toString(estimate.extraDays));
}

QString AccountText::report(const ConnectionTestReport &report)
{
    QStringList lines;
    switch (report.outcome) {
    case ConnectionTestReport::Outcome::Success:
        lines.append(tr("The account works: Bulkmail can send through it."));
        break;
    case ConnectionTestReport::Outcome::Cancelled:
        lines.append(tr("The test was cancelled."));
        return lines.join(u'\n');
    default:
        lines.append(report.errorMessage.isEmpty() ? tr("The test failed.") : report.errorMessage);
        break;
    }
    if (report.connected)
        lines.append(tr("Connected to %1.").arg(report.serverAddress));
    else
        lines.append(tr("Could not connect to %1.").arg(report.serverAddress));
    if (!report.greeting.isEmpty())
        lines.append(tr("The server says: %1").arg(report.greeting));
    if (report.encrypted) {
        lines.append(tr("Encrypted with %1 (%2).").arg(report.tlsProtocol, report.tlsCipher));
    } else if (report.isSuccess()) {
        lines.append(tr("Not encrypted: the password and the messages travel in clear."));
    }
    if (report.authenticated)
        lines.append(tr("Signed in."));
    else if (report.isSuccess() && !report.authenticationAttempted)
        lines.append(tr("Not signed in: the account has no username."));
    if (report.isSuccess() && report.quitAnswered)
        lines.append(tr("Said goodbye; no message was sent."));
    return lines.join(u'\n');
}

QString AccountText::fingerprint(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

QString AccountText::certificate(const QSslCertificate &certificate, const QLocale &locale)
{
    if (certificate.isNull())
        return tr("The server presented no certificate.");
    QStringList lines;
    lines.append(tr("Issued to: %1").arg(certificate.subjectDisplayName()));
    lines.append(tr("Issued by: %1").arg(certificate.issuerDisplayName()));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString validity = tr("Valid from %1 to %2")
                           .arg(locale.toString(certificate.effectiveDate().toLocalTime().date(),
                                                QLocale::ShortFormat),
                                locale.toString(certificate.expiryDate().toLocalTime().date(),
                                                QLocale::ShortFormat));
    if (certificate.expiryDate() < now)
        validity += sentenceSeparator() + tr("(expired)");
    else if (certificate.effectiveDate() > now)
        validity += sentenceSeparator() + tr("(not valid yet)");
    lines.append(validity);
    lines.append(tr("SHA-256 fingerprint: %1").arg(fingerprint(certificate)));
    return lines.join(u'\n');
}

QString AccountText::securityName(SecurityMode mode)
{
    switch (mode) {
    case SecurityMode::None:
        return tr("None");
    case SecurityMode::StartTls:
        return tr("STARTTLS");
    case SecurityMode::ImplicitTls:
        return tr("TLS");
    }
    return {};
}

QString AccountText::securityExplanation(SecurityMode mode)
{
    switch (mode) {
    case SecurityMode::None:
        return tr("No encryption: the password and the messages travel in clear. Use it only "
                  "for a relay on your own network.");
    case SecurityMode::StartTls:
        return tr("Starts in plain text and switches to encryption before signing in (usually "
                  "port 587). Bulkmail stops if the server cannot encrypt.");
    case SecurityMode::ImplicitTls:
        return tr("Encrypted from the first byte (usually port 465).");
    }
    return {};
}

QString AccountText::publishedLimit(const QString &label,
                                    const PublishedLimit &limit,
                                    const QLocale &locale)
{
    QString text;
    if (limit.isPublished()) {
        text = tr("%1: %2 (source: <a href=\"%3\">%4</a>)")
                   .arg(label.toHtmlEscaped(),
                        locale.toString(*limit.value),
                        limit.source.url.toHtmlEscaped(),
                        limit.source.title.toHtmlEscaped());
    } else {
        text = tr("%1: not published").arg(label.toHtmlEscaped());
    }
    if (limit.note)
        text += sentenceSeparator()
                + QCoreApplication::translate(ProviderPresetsContext, limit.note).toHtmlEscaped();
    return text;
}

QString AccountText::oauthSettingsProblem(const OAuthSettingsProblem &problem)
{
    using Kind = OAuthSettingsProblem::Kind;
    switch (problem.kind) {
    case Kind::ClientIdMissing:
        return tr("Enter the Client ID: your IT department can give it to you.");
    case Kind::TenantInvalid:
        return tr("The Tenant “%1” is not one: enter common, organizations, consumers, your "
                  "organisation's tenant ID or its domain.")
            .arg(problem.value);
    case Kind::AuthorizationUrlMissing:
        return tr("Enter the Sign-in page of your organisation's server.");
    case Kind::TokenUrlMissing:
        return tr("Enter the Token address of your organisation's server.");
    case Kind::ScopeMissing:
        return tr("Enter the Scope: what the sign-in must allow, as your server names it.");
    case Kind::AuthorizationUrlNotHttps:
        return tr("The Sign-in page “%1” must start with https:// (http:// only for this "
                  "computer).")
            .arg(problem.value);
    case Kind::TokenUrlNotHttps:
        return tr("The Token address “%1” must start with https:// (http:// only for this "
                  "computer).")
            .arg(problem.value);
    }
    return {};
}

QString AccountText::presetName(const ProviderPreset &preset)
{
    if (preset.id == ProviderId::Custom)
        return tr("Other server");
    return preset.name;
}

} // namespace Bulkmail
