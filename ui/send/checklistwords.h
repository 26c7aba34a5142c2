#pragma once

#include "campaign/campaigncheck.h"

#include <QCoreApplication>
#include <QString>

namespace Bulkmail {

// The checklist's items in the user's words: core reports a code with its values
// (CampaignCheckItem), and this says it the way the window does, naming each field as its label
// reads ("From", "Subject", "Server" on the Account page), in the user's language. Rows are
// named as the recipient list numbers them.
class ChecklistWords final
{
    Q_DECLARE_TR_FUNCTIONS(ChecklistWords)

public:
    // "The From address is empty."; an item without a code keeps core's text.
    [[nodiscard]] static QString sentence(const CampaignCheckItem &item);
    // The words of the link that takes the user to the fix ("Enter the outgoing mail server on
    // the Account page"); empty when the item names no field to go to.
    [[nodiscard]] static QString fixLink(const CampaignCheckItem &item);
};

} // namespace Bulkmail
