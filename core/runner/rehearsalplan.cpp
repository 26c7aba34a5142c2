#include "rehearsalplan.h"

namespace Bulkmail {

CampaignPlan rehearsalPlan(CampaignPlan plan, quint16 sandboxPort)
{
    SmtpEndpoint &server = plan.campaign.server;
    server.host = QStringLiteral("127.0.0.1");
    server.port = sandboxPort;
    server.security = SecurityMode::None;
    server.trustCertificateFile.clear();
    server.verification = CertificateVerification::Verify;
    // The sandbox never throttles; should a rehearsal meet a throttling reply, a short pause.
    plan.campaign.sending.throttlePause = std::chrono::seconds{5};
    plan.campaign.mailbox.copyToSent = false;
    plan.mailboxPassword.clear();
    plan.journal = CampaignPlan::Journal::Off;
    return plan;
}

} // namespace Bulkmail
