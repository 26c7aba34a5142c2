#pragma once

#include "campaign/campaign.h"

#include <QList>
#include <QString>

namespace Bulkmail {

// `count` recipients numbered from 0: user0@example.org "User 0", user1@example.org "User 1", …
[[nodiscard]] QList<Recipient> numberedRecipients(int count);

// A campaign that can be sent as it is, in plain SMTP (no TLS, no login) to host:port: a sender
// (News <news@example.org>), the subject "Hello {{name}}", the text "Dear {{name}}" and
// `recipientCount` numbered recipients. Suites change what they are about and leave the rest.
[[nodiscard]] Campaign sendableTestCampaign(const QString &name,
                                            const QString &host,
                                            quint16 port,
                                            int recipientCount = 1);

// Saves `campaign` as `path` and returns the path; a failure is a warning and an empty string,
// which the window then refuses to open: `QVERIFY(window.openFile(saveTestCampaign(c, path)))`.
[[nodiscard]] QString saveTestCampaign(const Campaign &campaign, const QString &path);

} // namespace Bulkmail
