#pragma once

#include <QList>
#include <QString>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;
class QWidget;

namespace Bulkmail {

// What the account page's panels share: the edit keys of settingsEdited() and the small helpers
// that show a value without emitting and put an explanation under a field.
namespace AccountForm {

// Keys of settingsEdited(): one per field, so that typing in one field merges into one undo step.
namespace Key {
inline const QString Preset = QStringLiteral("server.preset");
inline const QString Host = QStringLiteral("server.host");
inline const QString Port = QStringLiteral("server.port");
inline const QString Security = QStringLiteral("server.security");
inline const QString Username = QStringLiteral("server.username");
inline const QString TrustCertificate = QStringLiteral("server.trustCertificate");
inline const QString Auth = QStringLiteral("server.auth");
inline const QString Tenant = QStringLiteral("server.oauthTenant");
inline const QString ClientId = QStringLiteral("server.oauthClientId");
inline const QString AuthorizationUrl = QStringLiteral("server.oauthAuthorizationUrl");
inline const QString TokenUrl = QStringLiteral("server.oauthTokenUrl");
inline const QString Scope = QStringLiteral("server.oauthScope");
inline const QString SignIn = QStringLiteral("server.signIn");
inline const QString PresetLimits = QStringLiteral("sending.presetLimits");
inline const QString MaxConnections = QStringLiteral("sending.maxConnections");
inline const QString MessagesPerConnection = QStringLiteral("sending.maxMessagesPerConnection");
inline const QString ConnectionAge = QStringLiteral("sending.maxConnectionAge");
inline const QString IdleTimeout = QStringLiteral("sending.idleTimeout");
inline const QString PerSecond = QStringLiteral("sending.perSecond");
inline const QString PerMinute = QStringLiteral("sending.perMinute");
inline const QString PerDay = QStringLiteral("sending.perDay");
inline const QString Delay = QStringLiteral("sending.delayBetweenMessages");
inline const QString Attempts = QStringLiteral("sending.maxAttempts");
inline const QString Unconfirmed = QStringLiteral("sending.unconfirmedPolicy");
} // namespace Key

// Showing a value: equal values leave the field (and its cursor) alone.
void setTextIfDifferent(QLineEdit *edit, const QString &text);
void setValueIfDifferent(QSpinBox *spin, int value);
void setCurrentData(QComboBox *combo, int value);

// A note in a muted colour that follows the palette, light or dark.
[[nodiscard]] QLabel *explanationLabel(const QString &text, QWidget *parent);
// `field` with `explanation` under it, in a row widget; the explanation is also the field's
// What's This and accessible description (read after the name by screen readers).
[[nodiscard]] QWidget *explained(QWidget *field, const QString &explanation);

// Forms stacked in one column (the page's own and its panels'): their labels get one width, so
// that their fields line up as in a single form.
void alignLabelColumns(const QList<QFormLayout *> &forms);

} // namespace AccountForm

} // namespace Bulkmail
