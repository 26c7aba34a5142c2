<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Bulkmail::AccountSettingsWidget</name>
    <message>
        <source>Server and sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fills in the server settings of a known mail provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usually your full email address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also possible: port %1 with %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server settings from &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with Microsoft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with Google</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with your organisation&apos;s server (OAuth2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;in with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filled in when you sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You approve Bulkmail on %1&apos;s sign-in page in your browser; no password is typed or stored here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account&apos;s password (or app password), kept in this computer&apos;s keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;dvanced Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advanced settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server, port and encryption, a certificate to trust, the mailbox for copies of sent messages, and the sending limits. A provider fills them in; most accounts need no change here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::AccountText</name>
    <message>
        <source>a second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add recipients to see how long sending takes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rate limit is set: the recipients go out as fast as the server accepts them, on up to %1 connections at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of the %2 recipients fit in the daily quota of %3: the rest continues when the quota frees up, about 24 hours after the first messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 a second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 a minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one message every %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At %1, the one recipient takes about %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At %1, %2 recipients take about %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; today&apos;s quota of %2 leaves room for %3 more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The daily quota of %1 is used up for now: the %2 recipients wait until it frees up (it counts any 24 hours), then go out at %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At %1, %2 of the %3 recipients go out today, in about %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list exceeds the daily quota of %1: the remaining %2 continue tomorrow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list exceeds the daily quota of %1: the remaining %2 continue over the next %3 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account works: Bulkmail can send through it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not connect to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server says: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted with %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not encrypted: the password and the messages travel in clear.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in: the account has no username.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Said goodbye; no message was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server presented no certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued to: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued by: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(expired)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not valid yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 fingerprint: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No encryption: the password and the messages travel in clear. Use it only for a relay on your own network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts in plain text and switches to encryption before signing in (usually port 587). Bulkmail stops if the server cannot encrypt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted from the first byte (usually port 465).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 (source: &lt;a href=&quot;%3&quot;&gt;%4&lt;/a&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.</source>
        <comment>a sentence made of the clause before</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the Client ID: your IT department can give it to you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Tenant “%1” is not one: enter common, organizations, consumers, your organisation&apos;s tenant ID or its domain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the Sign-in page of your organisation&apos;s server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the Token address of your organisation&apos;s server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the Scope: what the sign-in must allow, as your server names it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Sign-in page “%1” must start with https:// (http:// only for this computer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Token address “%1” must start with https:// (http:// only for this computer).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::BounceWatchController</name>
    <message>
        <source>Watching the mailbox for bounces while sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watching the mailbox for bounces until %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::BouncesDialog</name>
    <message>
        <source>Mailbox watch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bounces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsubscribe requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unsubscribe requests waiting for you:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bounces:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add to Suppression List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never mail the selected people again from this account (all waiting requests when none is selected).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bounces status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bounces of “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n address(es) added to the suppression list.</source>
        <translation>
            <numerusform>%n address added to the suppression list.</numerusform>
            <numerusform>%n addresses added to the suppression list.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bounce(s): %1 hard (never mailed again from this account), %2 soft (a full mailbox, a delay). %3 unsubscribe request(s) waiting.</source>
        <translation>
            <numerusform>%n bounce: %1 hard (never mailed again from this account), %2 soft (a full mailbox, a delay). %3 unsubscribe request waiting.</numerusform>
            <numerusform>%n bounces: %1 hard (never mailed again from this account), %2 soft (a full mailbox, a delay). %3 unsubscribe requests waiting.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the campaign’s bounces…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Adding %n address(es) to the suppression list…</source>
        <translation>
            <numerusform>Adding %n address to the suppression list…</numerusform>
            <numerusform>Adding %n addresses to the suppression list…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bulkmail::CampaignDocument</name>
    <message>
        <source>Edit Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Message Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit HTML Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Sender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Reply-To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change Attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change Setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change Sign-In Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Cc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Bcc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change Personal Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change Copies in Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change Mailbox Setting</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::ConnectionPool</name>
    <message>
        <source>could not connect: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::ConnectionTableModel</name>
    <message>
        <source>sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>limit of %n message(s) reached</source>
        <translation>
            <numerusform>limit of %n message reached</numerusform>
            <numerusform>limit of %n messages reached</numerusform>
        </translation>
    </message>
    <message>
        <source>open for %1, the age limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>age limit reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>idle for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>idle, nothing left to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server closed it (421)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server hung up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server stopped answering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server reply not understood</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>campaign finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sending cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>health check failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server allows fewer connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bulkmail learns of a connection once it is ready to send (connected, encrypted and logged in); &quot;sending&quot; means a second message started on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption: %1. Logged in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages delivered on this connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages started on this connection so far; the number delivered shows when it closes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages after the first: each one a connection and login saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered QUIT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed without a QUIT answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why it closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many times the connection was reused: messages after the first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>authenticating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::ConnectionTest</name>
    <message>
        <source>The test was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trusted certificate file &quot;%1&quot; cannot be read as a PEM certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected. Setting up TLS...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not offer STARTTLS, so the password and the messages would travel unencrypted. Bulkmail refuses to continue. If the server uses TLS from the start (usually port 465), choose &quot;TLS&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused to start TLS: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server name &quot;%1&quot; was not found. Check its spelling, and that this computer is connected to the internet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused the connection. Check the port number (usually 587 with STARTTLS or 465 with TLS).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server closed the connection while TLS was being set up. Port 465 usually uses TLS from the start and port 587 uses STARTTLS: check the security setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 closed the connection unexpectedly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS could not be set up with %1 (%2). Port 465 usually uses TLS from the start and port 587 uses STARTTLS: check the security setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer from %1 within %2 s. A firewall may block port %3, or the server is down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 accepted the connection but sent no greeting within %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 accepted the connection but sent no greeting within %2 s. If this port expects TLS from the start (usually 465), choose &quot;TLS&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS could not be set up with %1 within %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 stopped answering (no reply within %2 s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in as %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in. Saying goodbye...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the username or password: %1. Some providers want an app password or an authorization code here instead of the account&apos;s password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the sign-in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected. Saying goodbye...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server at %1 does not speak SMTP (%2). Check the port number.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::ConnectionTestPanel</name>
    <message>
        <source>&amp;Test Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connects, sets up encryption, signs in and says goodbye. No message is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust This Certificate for This Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server&apos;s name first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only trust it if you know this server uses its own certificate (for example your company&apos;s mail server) and the fingerprint matches what its administrator gives you. Bulkmail then accepts exactly this certificate for this account, and still checks the server&apos;s name and the dates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusting this certificate would not fix this: it is for another server name or out of date. Check the server name, or ask the mail administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the certificate: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This certificate is now trusted for this account (saved in &quot;%1&quot;). Test the connection again to check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in first: press &quot;Sign In…&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting a sign-in token...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in as %1 on this computer: press &quot;Sign In…&quot; first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in is no longer valid (%1): press &quot;Sign In…&quot; again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not get a sign-in token: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::ConnectionTimeline</name>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One lane per connection: a tick for each message, a diamond for each health check. +/- zoom, 0 fits, arrows pick a connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>, %n health check(s), %1 failed</source>
        <translation>
            <numerusform>, %n health check, %1 failed</numerusform>
            <numerusform>, %n health checks, %1 failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n health check(s)</source>
        <translation>
            <numerusform>, %n health check</numerusform>
            <numerusform>, %n health checks</numerusform>
        </translation>
    </message>
    <message>
        <source>No connections yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>#%1 closed after %Ln message(s) (%2)</source>
        <translation>
            <numerusform>#%1 closed after %Ln message (%2)</numerusform>
            <numerusform>#%1 closed after %Ln messages (%2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>#%1 %2, %Ln message(s) so far</source>
        <translation>
            <numerusform>#%1 %2, %Ln message so far</numerusform>
            <numerusform>#%1 %2, %Ln messages so far</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln connection(s): %1.</source>
        <translation>
            <numerusform>%Ln connection: %1.</numerusform>
            <numerusform>%Ln connections: %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bulkmail::ConnectionView</name>
    <message>
        <source>Each reused connection saves a new connection and login: providers limit both, and both take time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connections opened yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on average %1 messages per connection (limit %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on average %1 messages per connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln connection(s) opened</source>
        <translation>
            <numerusform>%Ln connection opened</numerusform>
            <numerusform>%Ln connections opened</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>reuse saved %Ln connection(s)</source>
        <translation>
            <numerusform>reuse saved %Ln connection</numerusform>
            <numerusform>reuse saved %Ln connections</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bulkmail::CsvImportDialog</name>
    <message>
        <source>comma</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma (,)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Semicolon (;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The character between the columns of the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other delimiter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the file&apos;s text is stored. Excel on Chinese Windows saves GB18030; choose another encoding if names look garbled in the preview.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The column that holds the email addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The column that holds the recipients&apos; names (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add to the current list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Replace the current list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;mail column:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name column:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview of the first rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preview (the first %1 rows as they will be imported):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems found in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a valid email address: the row is imported and flagged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file cannot be imported as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no merge fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>merge fields: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; %2; encoding %3; delimiter %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden sheets were not imported: %1. Choose one under Sheet to import it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows hidden in the workbook are imported like the others: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header row has merged cells (%1): the columns they cover have no name of their own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows above the header were skipped: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sheet of the workbook that holds the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sheet:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (hidden)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; %2; sheet %3, header in row %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>row %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. |</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The character between the columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename Col&amp;umn...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the merge field of the current column another name (or double-click its header)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file cannot be imported as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no merge field %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another column is already called %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge field name for the column &quot;%1&quot; (empty restores the file&apos;s name):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click to rename this merge field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::FeedbackListModel</name>
    <message>
        <source>Hard (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Soft (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the suppression list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for your confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hard or soft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report&apos;s words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reporting server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::GuideDialog</name>
    <message>
        <source>Getting Started with Bulkmail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting started guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is a rehearsal?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A rehearsal sends every message of the campaign to a small mail server inside Bulkmail, the sandbox, which keeps them and delivers none. Open the Sandbox Outbox to see each message as its recipient would, and the Connections tab to watch how they went out. A rehearsal never changes what a real send does: afterwards every recipient still gets the message once. Rehearse first, then clear &quot;Rehearse&quot; and start sending for real.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why reuse connections?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening a connection to the mail server, encrypting it and signing in takes several round trips. Bulkmail keeps a connection open and sends many messages over it (the limit is in Account and Sending), so sending is faster and the server sees one sign-in instead of hundreds; many providers slow down or block an account that reconnects for every message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::LogModel</name>
    <message>
        <source>trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>debug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::LogPanel</name>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;onnection:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text in the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause auto-scroll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the view where it is while new lines arrive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the lines shown to a text file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open log &amp;folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the folder with the full log files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save lines shown…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln older line(s) are in the log file</source>
        <translation>
            <numerusform>%Ln older line is in the log file</numerusform>
            <numerusform>%Ln older lines are in the log file</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not save the log lines to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save log lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::MailboxSettingsWidget</name>
    <message>
        <source>Mailbox (IMAP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep a copy of each sent message in the Sent folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>So that you and your colleagues see what went out, and replies thread with it. A provider that files sent mail by itself is noticed, and no second copy is made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>imap.example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMAP ser&amp;ver:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usually 993 with TLS, or 143 with STARTTLS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMAP po&amp;rt:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMAP sec&amp;urity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMAP user&amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Advanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Sent folder&apos;s name and a certificate to trust: most accounts need neither.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found by itself (the folder the server marks as Sent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent &amp;folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only if the copies should go elsewhere: the folder&apos;s name as the mailbox shows it (for example &quot;Sent Items&quot; or &quot;已发送&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: the system&apos;s certificate authorities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choo&amp;se...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the mailbox&apos;s certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the mailbox&apos;s certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only for a mailbox server with its own (self-signed or company) certificate: the PEM file of that certificate, as for the sending server. Everything else is still checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted certificate for I&amp;MAP:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The username of the sending server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (the username of the sending server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a PEM certificate file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the Mailbox Server&apos;s Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mailbox signs in with this account&apos;s password, kept in this computer&apos;s keychain: there is no second password to enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailbox sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mailbox signs in with this account&apos;s %1 sign-in (OAuth2), as sending does: there is no password to enter.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::MainWindow</name>
    <message>
        <source>Bulkmail campaigns (*.%1);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For example: Spring newsletter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre&amp;view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Account and Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message, preview and account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se&amp;nd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbo&amp;x Outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a campaign file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a &amp;Test Message…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox &amp;Outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause or Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the &amp;Sample Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Bulkmail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Bulkmail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Bulkmail&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Sends one personalised message to a list of recipients through your organisation&apos;s mail server, reusing each connection for many messages.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1[*] — Bulkmail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” has changes that are not saved. Save them first?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Open Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” could not be opened.

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Save Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The campaign was not saved; the file on disk is unchanged.

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. The edited recipient list is now kept inside the campaign; the CSV file it came from is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write the recovery copy: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recover Unsaved Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bulkmail was not closed properly. Changes to “%1” from %2 were not saved. Recover them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Discard Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decide &amp;Later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Recover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recovery copy could not be read.

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovered unsaved changes; save to keep them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a sample campaign. Press Start Rehearsal: the messages go to the sandbox inside Bulkmail, and nobody receives them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The send journal could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a Test Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the account to send through first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending in Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the campaign…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1, but the campaign sends as %2: sign in as %2 to go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in again: sending goes on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
    <message>
        <source>Open the Sample Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is being sent. Stop sending and open the sample campaign? The messages on their way are finished and recorded first; the rest can be sent later without sending anyone twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop Sending and Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list is locked while “%1” is being sent, so that every result reaches the recipient it belongs to. It can be edited again when sending ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is being sent. Stop sending and start a new campaign? The messages on their way are finished and recorded first; the rest can be sent later without sending anyone twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is being sent. Stop sending and open another campaign? The messages on their way are finished and recorded first; the rest can be sent later without sending anyone twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is being sent. Stop sending and open “%2”? The messages on their way are finished and recorded first; the rest can be sent later without sending anyone twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finishing the messages on their way and recording them: Bulkmail waits for the server&apos;s answers, at most %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop sending “%1” before opening another campaign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bulkmail is sending. Stop after the messages on their way and close? Bulkmail first waits for the server to confirm them (at most %1) and records them. The rest can be sent later without sending anyone twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop and &amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;New to Bulkmail?&lt;/b&gt; Rehearse first: with &quot;Rehearse&quot; ticked, Start Rehearsal sends every message to the sandbox inside Bulkmail and delivers none, so you can look at them in the Sandbox Outbox. &lt;a href=&quot;guide&quot;&gt;What is a rehearsal, and other first steps&lt;/a&gt; (F1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rehearse the campaign in the sandbox inside Bulkmail: nothing is delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the campaign, confirm, and send it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Getting Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Suppression List…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The addresses this account never mails again: hard bounces, unsubscribe requests, and the ones you add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campai&amp;gn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign, sending, connections and sandbox outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ampaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailbox watch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mailbox could not be read for bounces: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bounces…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What came back from the mailbox for this campaign: bounces, and unsubscribe requests to confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening “%1”…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::MessageEditor</name>
    <message>
        <source>Add an &amp;HTML version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML bo&amp;dy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Office &lt;office@example.org&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who the message is from, as recipients will see it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: where replies go, if not to the sender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The subject line. It may use fields such as {{name}}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message as plain text. Every mail program can show it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also send a formatted (HTML) version. Mail programs that cannot show it use the text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert &amp;field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert a column of the recipient list at the cursor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files sent with every message. Drop files here to add them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;rom:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;ply to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message &amp;text:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Attachments:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (file not found)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No attachments. Add files with the button, or drop them on the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 file, %1 in total.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 files, %2 in total.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attachments add up to %1. Sending encodes them, which makes them a third larger (about %2 in every message), and many mail providers refuse messages over 20–25 MB. Consider sharing large files as a link instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write it as office@example.org or as Office &lt;office@example.org&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the sender&apos;s address, for example Office &lt;office@example.org&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a valid address. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply to: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{{%1}}: no such column. The columns are: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{{%1}}: no such column; did you mean {{%2}}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML body: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message text: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file cannot be found and would stop the sending: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These files cannot be found and would stop the sending: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachments: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ch&amp;oose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If a recipient&apos;s file is missing or ambiguous, send the others and hold that recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional, per recipient: {{manager_email}}, office@example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: addresses or fields; recipients never see them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: the folder of each recipient&apos;s own files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{{employee_id}}-*.pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One rule a line. A file name where {{fields}} are the recipient&apos;s values and * or ? match any text; or &quot;column: NAME&quot; for a column holding the file name. Add &quot;(optional)&quot; when a recipient may have no such file. A rule that matches no file, or more than one, stops the send: Bulkmail never guesses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal attachment rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cc:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bcc:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal f&amp;iles from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder of the personal files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fi&amp;le rules:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder of the Personal Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let recipients &amp;unsubscribe by email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server deli&amp;vers plus addresses (office+unsubscribe@…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not protected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick the column whose value opens each recipient&apos;s PDF, or write a template such as {{birth_date}}-{{employee_id}}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each personal PDF is encrypted (AES-256) and opens with this value from the recipient&apos;s row. Only the template is saved: the passwords themselves are never stored or written to the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adds an email address to the message&apos;s unsubscribe header, besides any link: mail programs show an Unsubscribe button that sends a request there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sender&apos;s address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailbox for unsubscribe requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only if your mail server delivers office+unsubscribe@example.org to office@example.org (Gmail, Office 365 and Postfix with a recipient delimiter do). A mail rule can then file the requests in a folder of their own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests go to mailbo&amp;x:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password template cannot be read: check its {{ and }}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{{%1}}: no such column, so no PDF can be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF password: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the same password for every recipient: anyone who receives one file can open all of them. Use a column.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a valid address. Write it as unsubscribe@example.org, without a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsubscribe mailbox: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each message offers to write to %1 with the subject “unsubscribe” and a code that names that message only. Bulkmail finds these requests when it reads the mailbox.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::MessagePreview</name>
    <message>
        <source>Pre&amp;vious</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ne&amp;xt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the message for the previous recipient.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the message for the next recipient.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message text, as the recipient sees it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML body, as the recipient sees it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The subject has a mistake: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The HTML body has a mistake: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message text has a mistake: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct it to see the preview.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This message has no HTML version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no recipients yet: fields are shown empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote images are not loaded in the preview. Many mail programs also block them until the reader allows it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty for this recipient: %1. The message leaves a gap there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a column of the recipient list, so always empty: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cc:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachments:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (Bcc: not shown to anyone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not an address: no copy goes there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2, for this recipient only; protected, the password is %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2, for this recipient only)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::OAuth2TokenSource</name>
    <message>
        <source>The sign-in of %1 has expired or was revoked (%2). Sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in server refused to renew the access token of %1 (%2). Check the account&apos;s sign-in settings and sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot renew the access token of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sign-in is stored for this account.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::OAuthPanel</name>
    <message>
        <source>Which Microsoft 365 organisation to sign in to: &quot;common&quot; works for most accounts; some organisations need their domain or tenant ID here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tenant:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The application (client) ID your organisation registered for Bulkmail; your IT department can give it to you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lient ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in &amp;page:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To&amp;ken address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the sign-in must allow, as the server names it (for example &quot;smtp offline_access&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sco&amp;pe:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Si&amp;gn In…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens the provider&apos;s sign-in page in your browser. Bulkmail never sees your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forgets this account&apos;s sign-in on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No browser could be opened: open this address in a browser to sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy Link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link is copied: paste it into a browser to sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel Sign-In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in needed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in. Press &quot;Sign In…&quot; and approve Bulkmail in your browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking in the keychain...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in as %1 on this computer. Press &quot;Sign In…&quot; and approve Bulkmail in your browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the client ID first: your IT department can give it to you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve Bulkmail in the browser window that opened…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No browser could be opened. Copy the link below into a browser and approve Bulkmail there…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the sign-in page…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in page did not say which mailbox signed in. Enter the address as the username and sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1 for now, but the sign-in server gave no lasting sign-in: you will be asked again next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1. Saving the sign-in in the keychain...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1 for now, but the sign-in could not be kept: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in did not succeed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out: the sign-in of %1 was removed from this computer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::OAuthSignIn</name>
    <message>
        <source>The sign-in server did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in was not completed in the browser in time. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bulkmail: the sign-in is complete. You can close this page and return to Bulkmail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot listen on 127.0.0.1 for the answer from the browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in was refused in the browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in server refused the request: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer that reached Bulkmail does not belong to this sign-in (state mismatch). Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in server sent no authorization code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in server refused the authorization code: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the sign-in server: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::OutboxModel</name>
    <message>
        <source>#%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
    <message>
        <source>Received on the sandbox&apos;s connection number %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order in which the sandbox accepted the messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the sandbox accepted the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who the message was addressed to (the envelope recipients)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The subject line, as the recipient sees it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The size of the message, attachments included</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which connection carried the message: Bulkmail reuses one connection for many messages</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::OutboxView</name>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a message to see it as its recipient would.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Captured &amp;messages:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Captured messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save as .eml…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the selected message exactly as the sandbox received it, to open it in a mail program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget the captured messages (nothing was delivered anyway)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply-T&amp;o:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ubject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pictures and styles from other computers are never loaded here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Te&amp;xt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;HTML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All h&amp;eaders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Attachments:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Act like a provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rehearse what a real mail provider does to a campaign; changes apply at once, even during a send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages per connection before 421</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages per minute before 451</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ann@example.org, bob@example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages per &amp;connection before 421:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages per m&amp;inute before 451:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refused recipients:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox is not running. While it runs, messages sent to it are shown here and never delivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox on 127.0.0.1:%1: %2 on %3; nothing is delivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the newest %1 are kept here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message %1 cannot be shown: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(unnamed, %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No message is selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email messages (*.eml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off: the sandbox takes any number of messages on one connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>After %n message(s) the sandbox closes the connection with 421, as Exchange Online does: watch Bulkmail open the next one.</source>
        <translation>
            <numerusform>After %n message the sandbox closes the connection with 421, as Exchange Online does: watch Bulkmail open the next one.</numerusform>
            <numerusform>After %n messages the sandbox closes the connection with 421, as Exchange Online does: watch Bulkmail open the next one.</numerusform>
        </translation>
    </message>
    <message>
        <source>Off: the sandbox takes messages as fast as they come.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Beyond %n message(s) a minute the sandbox answers 451 4.7.0 (try again later), as Gmail does: watch Bulkmail slow down and send those messages again.</source>
        <translation>
            <numerusform>Beyond %n message a minute the sandbox answers 451 4.7.0 (try again later), as Gmail does: watch Bulkmail slow down and send those messages again.</numerusform>
            <numerusform>Beyond %n messages a minute the sandbox answers 451 4.7.0 (try again later), as Gmail does: watch Bulkmail slow down and send those messages again.</numerusform>
        </translation>
    </message>
    <message>
        <source>Addresses listed here (separated by commas) are refused with 550 5.1.1, as for a mailbox that does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) captured</source>
        <translation>
            <numerusform>%Ln message captured</numerusform>
            <numerusform>%Ln messages captured</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln connection(s)</source>
        <translation>
            <numerusform>%Ln connection</numerusform>
            <numerusform>%Ln connections</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln address(es) will be refused with 550 5.1.1 (no such mailbox): watch Bulkmail mark them failed and go on with the others.</source>
        <translation>
            <numerusform>%Ln address will be refused with 550 5.1.1 (no such mailbox): watch Bulkmail mark them failed and go on with the others.</numerusform>
            <numerusform>%Ln addresses will be refused with 550 5.1.1 (no such mailbox): watch Bulkmail mark them failed and go on with the others.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bulkmail::PasswordDialog</name>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bulkmail signs in to %1 as %2. Enter the password (or the app password or authorization code the provider gave you).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remember in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password is kept in this computer&apos;s keychain, never in the campaign file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::PasswordPanel</name>
    <message>
        <source>&amp;Remember in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keeps the password in this computer&apos;s keychain, never in the campaign file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keychain status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set a username to sign in; the password is remembered for each account in this computer&apos;s keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking in the keychain...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remembered in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain holds another password for this account; leave the field to replace it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in the keychain yet: type the password; it is remembered when you leave the field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This password is not in the keychain yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not remembered: the password is asked each time you send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set a username first: the password is remembered for each account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving in the keychain...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::PasswordStore</name>
    <message>
        <source>No password is stored in the keychain for this account yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain is available on this computer (no Secret Service such as GNOME Keyring or KWallet is running), so the password cannot be remembered. It will be asked each time, and it is never written to disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access to the keychain was refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain refused access (it may be locked): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain could not delete the password: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain reported an error: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::ProviderPresets</name>
    <message>
        <source>The username is the mailbox&apos;s full address. SMTP AUTH must be enabled for the mailbox (it is off by default in organisations created after January 2020), and it does not work while Microsoft&apos;s security defaults are on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages over the limit are delayed by the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipients in any 24 hours (a rolling window).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More connections are refused with &quot;432 4.3.2 Concurrent connections limit exceeded&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For Microsoft 365 subscribers. Microsoft says the limit is lower for other and for new accounts, without giving a figure.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use an app password (it needs 2-Step Verification on the Google account), not the account&apos;s own password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal Gmail accounts. Over the limit, sending is blocked for up to 24 hours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>500 for trial accounts. Counted over a rolling 24 hours; over the limit, sending is blocked for up to 24 hours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For messages sent through SMTP.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tencent sets a daily quota per company domain, shared by all its mailboxes and adjusted to the mail&apos;s quality; it publishes no fixed figure.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn on the SMTP service in QQ Mail&apos;s settings and use the authorization code (授权码) it shows, not the QQ password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn on IMAP/SMTP in 163 Mail&apos;s settings and use the client authorization code (授权码), not the login password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New company accounts may have third-party clients turned off: the mail administrator turns them on, and a separate client password may be required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with the mailbox&apos;s Microsoft 365 account. SMTP AUTH must still be enabled for the mailbox, and your organisation may need to register its own app (client id).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microsoft lists OAuth2 (modern authentication) for Outlook.com and is retiring password sign-in: a password may be refused. Choose &quot;Sign in with Microsoft&quot; instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with the Microsoft account of the mailbox, as Microsoft recommends for Outlook.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with the Google account in the browser; no app password is needed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::RecentFiles</name>
    <message>
        <source>No recent campaigns</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::RecipientTableModel</name>
    <message>
        <source>Add 1 recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add %1 recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete 1 recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1 recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import 1 recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import %1 recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import 1 recipient from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import %1 recipients from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No email address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, invalid address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, duplicate address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid: no email address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid: &quot;%1&quot; is not a valid email address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate of row %1 (&quot;%2&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probable duplicate of row %1 (&quot;%2&quot;): the addresses differ only in letter case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throttled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unconfirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped (duplicate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rehearsed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (rehearsal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bounced (hard)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bounced (soft)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::RecipientsView</name>
    <message>
        <source>Email, name or any field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows only the recipients whose email, name or fields contain this text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipient counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an empty row and type its email address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected rows (Undo brings them back)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find Recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste Recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the rows copied from Excel or WPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the list as a CSV file for Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Only &amp;Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only invalid and duplicate addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste 1 recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste %1 recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no recipient list to export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recipients.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list could not be saved as %1.

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the list cannot be edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipient lists (%1);;CSV files (*.csv *.txt *.tsv);;Workbooks (*.xlsx *.xlsm *.xls *.ods);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colours of the rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Only &amp;Problems (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>On: only the %Ln row(s) with a problem are shown</source>
        <translation>
            <numerusform>On: only the %Ln row with a problem are shown</numerusform>
            <numerusform>On: only the %Ln rows with a problem are shown</numerusform>
        </translation>
    </message>
    <message>
        <source>Off: every row is shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Red: the address is not valid; the row is skipped. %2 Orange: a duplicate; the address receives one message. The email cell&apos;s tooltip says why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import Recipients…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add or replace recipients from a workbook (Excel, WPS, LibreOffice) or a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import List…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::ReplaceableTokenSource</name>
    <message>
        <source>Nobody is signed in.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::ReplyClassifier</name>
    <message>
        <source>the server requires a newer TLS version (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the account&apos;s sending quota is used up; sending is paused (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server allows fewer connections at once (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server takes only so many messages on one connection; continuing on a new one (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server cannot take mail now (its mail service is unavailable); sending pauses and tries again later (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server is limiting how fast we send (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server closed the connection (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server requires an encrypted connection (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server refused the connection (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server refused our greeting (EHLO/HELO) (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server refused to start encryption (STARTTLS) (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server wants an app password or another sign-in method (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server does not support this sign-in method (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server did not accept the user name or password (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server requires signing in before sending (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server refuses our sender address (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server rejected this recipient (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server rejected this message (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server could not take this message now; it will be retried later (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection failed; a new one will be tried (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent an invalid reply code %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepted (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent an unexpected reply %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sending with SMTP AUTH is turned off for this mailbox or organisation; an administrator must turn on &quot;Authenticated SMTP&quot; for it (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the organisation&apos;s security defaults block SMTP sign-in for this account; an administrator must allow it (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server does not allow SMTP sign-in for this mailbox (Authenticated SMTP may be turned off for it) (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server does not support OAuth2 sign-in with this method (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the provider wants this account to sign in through its web page first (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the access token lacks the permission to send mail; sign in again and allow sending (the server wants the scope &quot;%2&quot;) (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the access token does not fit this mailbox: it was issued for another account or without the scope &quot;%2&quot;; sign in again with this mailbox (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server refused the access token: it has expired or was revoked (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::SendArea</name>
    <message>
        <source>Send a &amp;Test Message…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checklist before sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What a send would do, and what must be fixed first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the message, merged for one recipient, to an address you choose, through this account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the campaign…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add recipients to send this campaign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each message is about %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Must fix: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything checked: nothing stands in the way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) will be captured in the Outbox; nothing is delivered.</source>
        <translation>
            <numerusform>%Ln message will be captured in the Outbox; nothing is delivered.</numerusform>
            <numerusform>%Ln messages will be captured in the Outbox; nothing is delivered.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) ready; choose the account to send them through.</source>
        <translation>
            <numerusform>%Ln message ready; choose the account to send them through.</numerusform>
            <numerusform>%Ln messages ready; choose the account to send them through.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) will receive this message through %1.</source>
        <translation>
            <numerusform>%Ln recipient will receive this message through %1.</numerusform>
            <numerusform>%Ln recipients will receive this message through %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Fix the items marked below before sending (%Ln blocking).</source>
        <translation>
            <numerusform>Fix the items marked below before sending (%Ln blocking).</numerusform>
            <numerusform>Fix the items marked below before sending (%Ln blocking).</numerusform>
        </translation>
    </message>
    <message>
        <source>Copies to the Sent folder are turned on, but no mailbox (IMAP) server is given: enter it on the account page, or nothing is copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copies go to the Sent folder of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n bounced for good</source>
        <translation>
            <numerusform>%n bounced for good</numerusform>
            <numerusform>%n bounced for good</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unsubscribed</source>
        <translation>
            <numerusform>%n unsubscribed</numerusform>
            <numerusform>%n unsubscribed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n added by hand</source>
        <translation>
            <numerusform>%n added by hand</numerusform>
            <numerusform>%n added by hand</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln address(es) on the account&apos;s suppression list will be skipped</source>
        <translation>
            <numerusform>%Ln address on the account&apos;s suppression list will be skipped</numerusform>
            <numerusform>%Ln addresses on the account&apos;s suppression list will be skipped</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the reasons</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>And %Ln more: Show Only Problems in the recipient list shows every row with a problem.</source>
        <translation>
            <numerusform>And %Ln more: Show Only Problems in the recipient list shows every row with a problem.</numerusform>
            <numerusform>And %Ln more: Show Only Problems in the recipient list shows every row with a problem.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bulkmail::SendStartFlow</name>
    <message>
        <source>Rehearsal Not Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in sandbox could not start, so a rehearsal is not possible. The log says why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the campaign first, so that sending can resume after an interruption without sending anyone twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the account to send through first, or rehearse in the sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rehearse “%1”: %2 messages go to the sandbox inside Bulkmail. Nothing is delivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send “%1” to %2 recipients through %3?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln invalid or duplicate address(es) will be skipped.</source>
        <translation>
            <numerusform>%Ln invalid or duplicate address will be skipped.</numerusform>
            <numerusform>%Ln invalid or duplicate addresses will be skipped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>See the checklist for %n warning(s).</source>
        <translation>
            <numerusform>See the checklist for %n warning.</numerusform>
            <numerusform>See the checklist for %n warnings.</numerusform>
        </translation>
    </message>
    <message>
        <source>Start Rehearsal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rehearse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Send Yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix these first:

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recipient list changed while sending was being prepared. Start again to send the list as it is now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account signs in with %1, and nobody has signed in to it yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account&apos;s sign-in settings are incomplete: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not signed in on this computer. Sign in with %2 first; sending can start after that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in of %1 could not be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign In…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::SendView</name>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cance&amp;l</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry &amp;Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;hearse: send to the built-in sandbox, deliver nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earlier Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the campaign, confirm, and send it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish the messages on their way, then wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish the messages on their way and stop; the rest can be sent later without sending anyone twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send again to the recipients that failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sends every message to a mail server inside Bulkmail that keeps them for you to look at (Outbox), so you can check the campaign and watch the connections before sending it for real</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start Rehearsal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why sending waits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting to retry:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remaining:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unconfirmed recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resend All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send these messages again: a recipient may get it twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mark All as Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assume they arrived: nobody gets it twice, but one may miss it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resend Selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark Selected as Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server&apos;s answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start continues with the rest; nobody who got the message receives it twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partly sent: %1 of the list already received it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused: the messages on their way were finished. Resume to go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping after the messages on their way…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%p% (%1 of %2 done)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 a second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The daily quota is reached: sending continues at %1 if Bulkmail stays open, or resume then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The limit per minute is reached: next message in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server asked to slow down: next message in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause between messages: next message in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate limit: next message in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This campaign is already being sent from another window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This campaign is already being sent by another Bulkmail (%1, process %2 on %3). Wait for that run to finish, or stop it, then send again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The send journal could not be saved (%1): if you send this campaign again, the last messages may be held or sent twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The send journal was damaged and has been repaired: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: %1 sent, %2 not sent yet. Start again to send the rest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: every recipient got the message (%1 now, %2 earlier).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished: %1 sent, %2 failed. Check the failures below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;In Again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to the account in your browser; sending then goes on where it stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in needed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message>
        <source>Failures and delays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ailures and delays:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 a minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deferred by the recipient&apos;s server, retry at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>held: the connection was lost before the server confirmed the message, and the campaign says not to resend it; decide whether to resend it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not confirmed: the connection was lost before the server&apos;s reply, so the message may have arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slowed down to %1: the server asked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused: the server is unavailable. Next try in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused: the server is unavailable (%1). Next try in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next message in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <comment>no rate or time left: nothing is being sent</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Captured in the Outbox:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rehearsing: the messages go to the Sandbox Outbox; nothing is delivered…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) captured in the Outbox</source>
        <translation>
            <numerusform>%Ln message captured in the Outbox</numerusform>
            <numerusform>%Ln messages captured in the Outbox</numerusform>
        </translation>
    </message>
    <message>
        <source>Rehearsal cancelled: %1, %2 not rehearsed; nothing delivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rehearsed: %1, %2 failed (see below); nothing delivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rehearsed: %1, nothing delivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the campaign, confirm, and rehearse it in the sandbox: nothing is delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>An earlier run sent %Ln message(s), the last on %1.</source>
        <translation>
            <numerusform>An earlier run sent %Ln message, the last on %1.</numerusform>
            <numerusform>An earlier run sent %Ln messages, the last on %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>An earlier run sent %Ln message(s).</source>
        <translation>
            <numerusform>An earlier run sent %Ln message.</numerusform>
            <numerusform>An earlier run sent %Ln messages.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln failed.</source>
        <translation>
            <numerusform>%Ln failed.</numerusform>
            <numerusform>%Ln failed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>For %Ln recipient(s) below the server never confirmed delivery: choose whether to resend or to count them as sent.</source>
        <translation>
            <numerusform>For %Ln recipient below the server never confirmed delivery: choose whether to resend or to count them as sent.</numerusform>
            <numerusform>For %Ln recipients below the server never confirmed delivery: choose whether to resend or to count them as sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Waiting to retry %Ln recipient(s) after a temporary failure.</source>
        <translation>
            <numerusform>Waiting to retry %Ln recipient after a temporary failure.</numerusform>
            <numerusform>Waiting to retry %Ln recipients after a temporary failure.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln delivery(ies) could not be confirmed and may have arrived twice.</source>
        <translation>
            <numerusform>%Ln delivery could not be confirmed and may have arrived twice.</numerusform>
            <numerusform>%Ln deliveries could not be confirmed and may have arrived twice.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) held and not resent: the server never confirmed them, and the campaign says to hold such messages.</source>
        <translation>
            <numerusform>%Ln message held and not resent: the server never confirmed them, and the campaign says to hold such messages.</numerusform>
            <numerusform>%Ln messages held and not resent: the server never confirmed them, and the campaign says to hold such messages.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln connection(s) used.</source>
        <translation>
            <numerusform>%Ln connection used.</numerusform>
            <numerusform>%Ln connections used.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copies in %1: %2 copied, %3 already there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reason was given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 not copied yet (%2), kept for the next run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 not copied (%2); %3 of them kept for the next run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 not copied (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server has not been taking mail for longer than the campaign waits (%1 min); the rest was not sent. Its last answer: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not be reached for longer than the campaign waits (%1 min); the rest was not sent. The last attempt: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account&apos;s sending quota is used up (%1). Nothing was marked failed; send the rest later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The send journal could not be written (%1), so sending stopped: without it a later run could send someone the message twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent: the old send journal %1 could not be moved aside to start afresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent: the send journal %1 cannot be read (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent: the send journal %1 cannot be written (%2), so the campaign could not be resumed safely.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Nothing was sent: %n recipient(s) have a personal attachment that is missing or ambiguous. Fix the files, or let the campaign send the others and hold these.</source>
        <translation>
            <numerusform>Nothing was sent: %n recipient have a personal attachment that is missing or ambiguous. Fix the files, or let the campaign send the others and hold these.</numerusform>
            <numerusform>Nothing was sent: %n recipients have a personal attachment that is missing or ambiguous. Fix the files, or let the campaign send the others and hold these.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing was sent: %n recipient(s) have a personal attachment that is missing or ambiguous (the first: %1). Fix the files, or let the campaign send the others and hold these.</source>
        <translation>
            <numerusform>Nothing was sent: %n recipient have a personal attachment that is missing or ambiguous (the first: %1). Fix the files, or let the campaign send the others and hold these.</numerusform>
            <numerusform>Nothing was sent: %n recipients have a personal attachment that is missing or ambiguous (the first: %1). Fix the files, or let the campaign send the others and hold these.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was sent: the suppression list could not be read, so addresses that asked not to be mailed could not be left out (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bcc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent: the %1 field uses {{%2}}, which is not a column of the recipient list. Correct it in the message, or add the column.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Could not connect to %1 %n time(s) in a row; the last attempt: %2</source>
        <translation>
            <numerusform>Could not connect to %1 %n time in a row; the last attempt: %2</numerusform>
            <numerusform>Could not connect to %1 %n times in a row; the last attempt: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>could not connect: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::SendingLimitsPanel</name>
    <message>
        <source>The provider&apos;s published limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Use These Limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sets the sending limits below to the published figures; figures the provider does not publish are left as they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;nnections at once:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many connections to the server are open at the same time. More only help when the server allows them (Office 365 allows 3). The default, %1, is what every server accepts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Messages per connection:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After this many messages a connection is closed and a fresh one is opened. The default, %1, follows the connection reuse limits of mail servers such as Postfix, so a connection never grows stale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection &amp;age:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A connection older than this is closed after its current message. The default, %1 s, is Postfix&apos;s own reuse time limit: long enough to save work, short enough for servers that end long sessions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close &amp;idle connections after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A connection with nothing to send is closed politely after this long. The default, %1 s, closes it before the server&apos;s own idle timeout cuts it off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages per &amp;second:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages start at most this often, evenly spread over all connections. The default, %1 a second, is gentle for most servers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages per mi&amp;nute:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most this many messages start in any 60 seconds. Set it to the provider&apos;s limit (Office 365: 30); none by default.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages per &amp;day:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most this many messages in any 24 hours; the rest wait and continue when the quota frees up. Set it to the provider&apos;s daily quota (Gmail: 500); none by default.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;lay between messages:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A pause between the start of one message and the next, whatever the other limits allow. None by default.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ttempts per recipient:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How often a recipient is tried when the server says &quot;try again later&quot;. The default, %1, with waits doubling from %2 s, rides out a short outage without hammering the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send again, marked &quot;possibly duplicated&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold for me to decide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unconfirmed deliveries:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When a connection broke after a message was sent but before the server confirmed it, the message may or may not have arrived. By default it is sent again once and marked, so nobody misses it; &quot;Hold&quot; lists it for you instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated sending time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipients per message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::Sentences</name>
    <message>
        <source> </source>
        <comment>between two sentences of a paragraph; empty in Chinese</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::ServerPanel</name>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>smtp.example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usually 587 with STARTTLS, or 465 with TLS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ecurity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: the system&apos;s certificate authorities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hoose...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted &amp;certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only for a server with its own (self-signed or company) certificate: the PEM file of that certificate. Everything else is still checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the Server&apos;s Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a PEM certificate file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::StaticAccessTokenSource</name>
    <message>
        <source>the access token from %1 was refused</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::SuppressionDialog</name>
    <message>
        <source>Suppression List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part of an address, a reason or a detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suppressed addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>someone@example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never mail this address again from this account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an a&amp;ddress:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Takes the selected addresses off the list: campaigns from this account may mail them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adds the addresses of a CSV file with an email column, such as an export of this list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saves the list as a CSV file that Excel and WPS open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suppression list status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No list is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The addresses %1 never mails again: hard bounces, unsubscribe requests, and the ones you add. Every campaign from this account skips them, and its checklist says how many.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each account has its own suppression list: choose the account on the account page first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The suppression list cannot be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot add “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added %1: campaigns from this account skip it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Removed %n address(es): campaigns from this account may mail them again.</source>
        <translation>
            <numerusform>Removed %n address: campaigns from this account may mail them again.</numerusform>
            <numerusform>Removed %n addresses: campaigns from this account may mail them again.</numerusform>
        </translation>
    </message>
    <message>
        <source>The rest could not be removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot put “%1” back: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Put back %n address(es).</source>
        <translation>
            <numerusform>Put back %n address.</numerusform>
            <numerusform>Put back %n addresses.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was imported from “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported “%1”: %2 new, %3 already listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export to “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n address(es) to “%1”.</source>
        <translation>
            <numerusform>Exported %n address to “%1”.</numerusform>
            <numerusform>Exported %n addresses to “%1”.</numerusform>
        </translation>
    </message>
    <message>
        <source>The list cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list is empty: this account mails every address of its campaigns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n address(es) (hard bounces: %1, unsubscribed: %2, added by hand: %3).</source>
        <translation>
            <numerusform>%n address (hard bounces: %1, unsubscribed: %2, added by hand: %3).</numerusform>
            <numerusform>%n addresses (hard bounces: %1, unsubscribed: %2, added by hand: %3).</numerusform>
        </translation>
    </message>
    <message>
        <source>Import Suppressed Addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the Suppression List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>suppression-list.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working on the suppression list…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::SuppressionTableModel</name>
    <message>
        <source>Hard bounce</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsubscribed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
From the campaign: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bulkmail::TestMessageDialog</name>
    <message>
        <source>Send a Test Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send one message of this campaign to yourself, to see how it looks in a real mail program. It goes out through the campaign&apos;s account, with &quot;[Test]&quot; before the subject.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you@example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address the test message goes to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test message is filled in with this recipient&apos;s values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no recipients: the fields stay empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &amp;to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Use the values of:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[Test] </source>
        <extracomment>Put before the subject of a test message; keep the trailing space.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a valid address. Write it as you@example.org.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sending account is set up for this campaign yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message has a mistake and cannot be sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject: %1
From: %2
Through: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the address the test message should go to, e.g. you@example.org.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up the sending account first: the campaign has no mail server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encrypted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1 (%2). Sending the message…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server accepted the test message for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server accepted the test message for %1. Its answer: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test message was not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message was sent, but the server did not confirm it, so it may or may not arrive at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending the test message was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test message was not sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the test message for %1. Its answer: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecklistWords</name>
    <message>
        <source>The From address is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The From address “%1” is not a valid address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The From address %1 has letters other than English ones before the @: only a server that offers SMTPUTF8 accepts it, and sending stops at the first message if yours does not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Reply to address “%1” is not a valid address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No outgoing mail server is given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security is set to none: the password for %1 crosses the network unencrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not checked: anyone in between can read the messages and the password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trusted certificate file %1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The campaign has no recipients yet: import a list or add rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recipient has a valid address that is not a duplicate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1 has no email address; it is skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: “%2” is not a valid email address; it is skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: %2 repeats row %3; the address receives one message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: %2 is probably the same mailbox as %3 on row %4 (they differ only in capital letters); it receives one message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: %2 is the same mailbox as row %3; each row gets its own message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: %2 has letters other than English ones before the @: it can be sent only through a server that offers SMTPUTF8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1 (%2): the Cc or Bcc address “%3” is not valid; the message goes without it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cc or Bcc cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1 (%2): the message cannot be made: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list changed since you last looked: %1 new, %2 removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Subject has a template mistake: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The HTML body has a template mistake: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Message text has a template mistake: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Did you mean {{%1}}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Subject uses {{%1}}, but no column has that name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The HTML body uses {{%1}}, but no column has that name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Message text uses {{%1}}, but no column has that name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Subject is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Message text is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1 (%2): %3 would be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <comment>between field names</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message cannot be made: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attachment %1 does not exist (moved or deleted?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attachment %1 is a folder, not a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attachment %1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the campaign first: personal attachments keep what the check finds beside it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal attachments cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record of the last check of personal attachments cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1 (%2): %3. Its message will be held.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1 (%2): %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF password cannot be made: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1 (%2): the column that gives the PDF its password is empty. Its message will be held.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1 (%2): the column that gives the PDF its password is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1 (%2): a personal attachment cannot be read: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) in the personal files folder match no recipient: %1</source>
        <translation>
            <numerusform>%n file in the personal files folder matches no recipient: %1</numerusform>
            <numerusform>%n files in the personal files folder match no recipient: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <comment>between file names</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A personal attachment changed since the last check: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages are up to %1 each (attachments: %2 on disk, a third more once encoded): many providers refuse messages above 20–25 MB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show row %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the From address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct Reply to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the Message text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the HTML body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Cc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Bcc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the Attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the personal files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the outgoing mail server on the Account page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose Security on the Account page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the Username on the Account page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the certificate on the Account page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the recipient list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal attachments: choose the folder of the recipients&apos; own files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal attachments: the folder %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal attachments: rule %1 is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal attachments: rule %1 names the column “%2”, which the list does not have.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal attachments: rule %1 (%2) uses the field “%3”, which the list does not have.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CloseNoteWords</name>
    <message>
        <source>the server replied %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server closed the connection before answering QUIT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed before the session was established</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>could not connect to %1 within %n second(s)</source>
        <translation>
            <numerusform>could not connect to %1 within %n second</numerusform>
            <numerusform>could not connect to %1 within %n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>could not finish the TLS handshake with %1 within %n second(s)</source>
        <translation>
            <numerusform>could not finish the TLS handshake with %1 within %n second</numerusform>
            <numerusform>could not finish the TLS handshake with %1 within %n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>no reply to %1 within %n second(s)</source>
        <translation>
            <numerusform>no reply to %1 within %n second</numerusform>
            <numerusform>no reply to %1 within %n seconds</numerusform>
        </translation>
    </message>
    <message>
        <source>no reply to QUIT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QUIT was answered with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent something that is not an SMTP reply (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server replied when no command was waiting for a reply: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>the server&apos;s address, the network&apos;s error</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the health check (NOOP) was answered with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server refused RSET: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server refused EHLO: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected reply to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected AUTH %1 challenge from the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected second AUTH %1 challenge from the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server replied for a message that was not being sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the recipient was refused after a copy was accepted: the message was abandoned so that the copy alone gets nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the message was not finished: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s TLS certificate was rejected: %1. To trust a self-signed or private certificate, choose its PEM file in the account&apos;s settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s TLS certificate was rejected: %1. Certificate: %2. To trust a self-signed or private certificate, choose its PEM file in the account&apos;s settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The encrypted connection (TLS) with %1 could not be set up: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server %1 does not offer STARTTLS, and this account requires encryption: nothing was sent unencrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server %1 does not support EHLO, so it cannot offer STARTTLS, and this account requires encryption.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused STARTTLS (%1), and this account requires encryption.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server %1 does not offer a login on this connection, but the account has a user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server offers no login method Bulkmail supports (it offers %1; Bulkmail supports PLAIN and LOGIN).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server %1 does not offer OAuth2 sign-in: sign in with a password for this server instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server %1 does not offer OAuth2 sign-in (it offers %2): sign in with a password for this server instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in with OAuth2 needs the mailbox address: enter it as the account&apos;s user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate file chosen to trust cannot be read as a PEM certificate: %1. Choose the file again in the account&apos;s settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no OAuth2 access token could be had: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EngineNoteWords</name>
    <message>
        <source>the address bounced for good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the recipient unsubscribed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the message could not be composed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>gave up after %n attempt(s)</source>
        <translation>
            <numerusform>gave up after %n attempt</numerusform>
            <numerusform>gave up after %n attempts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>next attempt in %n second(s)</source>
        <translation>
            <numerusform>next attempt in %n second</numerusform>
            <numerusform>next attempt in %n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the server is unavailable: sending paused for %n second(s)</source>
        <translation>
            <numerusform>the server is unavailable: sending paused for %n second</numerusform>
            <numerusform>the server is unavailable: sending paused for %n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the connection failed %n time(s) while this message was being sent; not tried again</source>
        <translation>
            <numerusform>the connection failed %n time while this message was being sent; not tried again</numerusform>
            <numerusform>the connection failed %n times while this message was being sent; not tried again</numerusform>
        </translation>
    </message>
    <message>
        <source>the connection was lost after the message was sent, before the server confirmed it: held, not resent (the campaign says to hold such messages); decide whether to resend it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection was lost again before the server confirmed the message: not resent a second time; delivery unconfirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection was lost before the server confirmed the message: sending it once more (the recipient may get it twice)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a valid address: nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the same address as row %1, which gets the message: not sent twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivery was not confirmed in an earlier run: held, not resent; decide whether to resend it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on the suppression list since %1 (%2): not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on the suppression list since %1 (%2: %3): not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>the server&apos;s words, then the engine&apos;s note</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rule %1 (column %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rule %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n files match (%2); Bulkmail never guesses</source>
        <translation>
            <numerusform>%1: %n files match (%2); Bulkmail never guesses</numerusform>
            <numerusform>%1: %n files match (%2); Bulkmail never guesses</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: the field it uses is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the value is not a plain file name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no file matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>personal attachment: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; </source>
        <comment>between two problems</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>personal attachment &quot;%1&quot; is gone since the check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>personal attachment &quot;%1&quot; changed since the check (%2 bytes then, %3 now)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>personal attachment &quot;%1&quot; changed since the check (modified %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>personal attachment &quot;%1&quot; changed since the check (its content differs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>personal attachment: the field that gives the PDF its password is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>personal attachment &quot;%1&quot;: the field that gives the PDF its password is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>personal attachment &quot;%1&quot; was not checked: run the check first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>personal attachment &quot;%1&quot; is not a PDF, so it cannot be protected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>personal attachment &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection ended after the message was sent, before the server confirmed it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the copy waiting to go to Sent cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the mail server refused the copy: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>the connection to the mailbox ended %n time(s) while copying it (%1)</source>
        <translation>
            <numerusform>the connection to the mailbox ended %n time while copying it (%1)</numerusform>
            <numerusform>the connection to the mailbox ended %n times while copying it (%1)</numerusform>
        </translation>
    </message>
    <message>
        <source>the folder &quot;%1&quot; was not found on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no Sent folder was found on %1: name one in the account&apos;s settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Sent folder&apos;s name cannot be used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Sent folder &quot;%1&quot; cannot be opened: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>the mailbox server %1 failed %n time(s) in a row: %2</source>
        <translation>
            <numerusform>the mailbox server %1 failed %n time in a row: %2</numerusform>
            <numerusform>the mailbox server %1 failed %n times in a row: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>no OAuth2 access token could be had for the mailbox server %1 (%n tries in a row): %2</source>
        <translation>
            <numerusform>no OAuth2 access token could be had for the mailbox server %1 (%n tries in a row): %2</numerusform>
            <numerusform>no OAuth2 access token could be had for the mailbox server %1 (%n tries in a row): %2</numerusform>
        </translation>
    </message>
    <message>
        <source>no password for the mailbox %1: enter the account&apos;s password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the mailbox server refused the user name or password: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the mailbox server refused the sign-in with %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the mailbox server %1 does not accept a password without encryption: choose TLS or STARTTLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the mailbox server %1 cannot take this user name or password (it accepts only plain ASCII characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the mailbox server&apos;s TLS certificate was rejected: %1. To trust a self-signed or private certificate, name its PEM file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the mailbox server %1 does not offer STARTTLS, and this account requires encryption: nothing was sent to it unencrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the mailbox server %1 refused STARTTLS (%2), and this account requires encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the mailbox server %1 signed in before encryption started, and this account requires encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply-To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the recipient&apos;s address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bcc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a valid email address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the address cannot be read (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; has non-ASCII letters before the @, and the server does not accept such addresses (SMTPUTF8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be used as the domain of a Message-ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>extra header: &quot;%1&quot; is not a valid header name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>extra header: &quot;%1&quot; is set by Bulkmail and cannot be set by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a header line would be longer than %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attachment &quot;%1&quot;: the file does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attachment &quot;%1&quot;: not a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attachment &quot;%1&quot;: the file cannot be read (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the message could not be written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the mailbox server closed the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the mailbox server %1 sent something that is not IMAP (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the encrypted connection (TLS) with the mailbox server %1 could not be set up: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection to the mailbox server %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>could not connect to the mailbox server %1 within %n second(s)</source>
        <translation>
            <numerusform>could not connect to the mailbox server %1 within %n second</numerusform>
            <numerusform>could not connect to the mailbox server %1 within %n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the mailbox server %1 did not answer within %n second(s)</source>
        <translation>
            <numerusform>the mailbox server %1 did not answer within %n second</numerusform>
            <numerusform>the mailbox server %1 did not answer within %n seconds</numerusform>
        </translation>
    </message>
    <message>
        <source>the mailbox server %1 answered a command that was not sent (tag %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not greet as a mailbox server (IMAP) does</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the mailbox server %1 refused the connection: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the mailbox server %1 asked for more with no command waiting for it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the mailbox server %1 asked for more than the command has</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cc (all messages)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bcc (all messages)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsubscribe mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: there is no column &quot;%2&quot; among the recipients&apos; fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsubscribe link &quot;%1&quot;: it contains a space, a control character or &lt;&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsubscribe link &quot;%1&quot;: it must start with https://, http:// or mailto:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the PDF password is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the PDF cannot be protected with a password (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unclosed tag at line %1, column %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unclosed section &quot;%1&quot; at line %2, column %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unopened section &quot;%1&quot; at line %2, column %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid set delimiter tag at line %1, column %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partial &quot;%1&quot; at line %2, column %3: partials are not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field &quot;%1&quot; at line %2, column %3: names with a dot are not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a note this version of Bulkmail does not know</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a note this version of Bulkmail does not know: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorWords</name>
    <message>
        <source>“%1” cannot be opened: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” cannot be written: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” cannot be saved: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” does not exist</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecipientValidation</name>
    <message>
        <source>line %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recipient %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no email address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a valid email address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; duplicates %3; it receives one message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is probably the same mailbox as &quot;%3&quot; on %4 (the addresses differ only in case)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Prepare and send a personalised bulk mailing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the sample campaign, set to rehearse in the built-in sandbox (what the first start shows).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A campaign (.bulkmail) to open.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
