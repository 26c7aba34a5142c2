#pragma once

#include "oauth/oauthsettings.h"
#include "providers/providerpresets.h"
#include "providers/sendingestimate.h"
#include "smtp/connectiontest.h"
#include "smtp/smtpendpoint.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSslCertificate>
#include <QString>

#include <chrono>

namespace Bulkmail {

// The plain-words sentences of the account page, translated and with the locale's number formats.
// Kept apart from the widget so that tests can check the exact words.
class AccountText final
{
    Q_DECLARE_TR_FUNCTIONS(Bulkmail::AccountText)

public:
    // "At 30 a minute, 2,400 recipients take about 1 h 20 min; today's quota of 10,000 leaves
    // room for 7,600 more."
    [[nodiscard]] static QString estimate(const SendingEstimate &estimate, const QLocale &locale);
    // "45 s", "12 min", "1 h 20 min", "2 d 3 h".
    [[nodiscard]] static QString duration(std::chrono::seconds duration, const QLocale &locale);
    // What a connection test found, one step a line.
    [[nodiscard]] static QString report(const ConnectionTestReport &report);
    // Subject, issuer, validity and SHA-256 fingerprint, one a line.
    [[nodiscard]] static QString certificate(const QSslCertificate &certificate,
                                             const QLocale &locale);
    // The SHA-256 fingerprint as colon-separated upper-case hex pairs.
    [[nodiscard]] static QString fingerprint(const QSslCertificate &certificate);
    [[nodiscard]] static QString securityName(SecurityMode mode);
    [[nodiscard]] static QString securityExplanation(SecurityMode mode);
    // "Per minute: 30 (source: <a href=...>title</a>)" or "Per minute: not published", as rich
    // text for a QLabel with links.
    [[nodiscard]] static QString publishedLimit(const QString &label,
                                                const PublishedLimit &limit,
                                                const QLocale &locale);
    // A sign-in setting that cannot be used, naming the field as the account page labels it.
    [[nodiscard]] static QString oauthSettingsProblem(const OAuthSettingsProblem &problem);
    // The preset's name for the combo box ("Custom" becomes "Other server").
    [[nodiscard]] static QString presetName(const ProviderPreset &preset);
};

} // namespace Bulkmail
