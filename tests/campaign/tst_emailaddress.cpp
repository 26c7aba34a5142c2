#include "campaign/emailaddress.h"

#include <QTest>

using namespace Bulkmail;

class TestEmailAddress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validity_data();
    void validity();
    void parseMailbox_data();
    void parseMailbox();
    void asciiDomain_data();
    void asciiDomain();
};

void TestEmailAddress::validity_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("isValid");

    const QString local64(64, u'a');
    const QString label63(63, u'b');
    // 64 + 1 + (63 + 1) * 2 + 57 + 4 = 254 octets: the limit; one more character is over it.
    const QString domainStart = label63 + u'.' + label63 + u'.' + QString(57, u'c');

    // Valid.
    QTest::newRow("simple") << "user@example.com" << true;
    QTest::newRow("dots, plus and subdomain") << "first.last+tag@mail.sub.example.org" << true;
    QTest::newRow("every atext character") << "!#$%&'*+-/=?^_`{|}~@example.com" << true;
    QTest::newRow("digits and hyphens in labels") << "user@123.my-host.example" << true;
    QTest::newRow("quoted local part with dots") << "\"john..doe\"@example.com" << true;
    QTest::newRow("quoted local part with at sign") << "\"a@b\"@example.com" << true;
    QTest::newRow("quoted local part with escaped quote") << "\"a\\\"b\"@example.com" << true;
    QTest::newRow("internationalised domain") << "user@bücher.example" << true;
    QTest::newRow("Chinese local part and domain") << "用户@例子.测试" << true;
    QTest::newRow("accented local part") << "josé.garcía@example.org" << true;
    QTest::newRow("IPv4 literal") << "user@[192.0.2.1]" << true;
    QTest::newRow("IPv6 literal") << "user@[IPv6:2001:db8::1]" << true;
    QTest::newRow("upper case") << "User.Name@Example.COM" << true;
    QTest::newRow("local part of 64 octets")
        << QString(local64 + QStringLiteral("@example.com")) << true;
    QTest::newRow("label of 63 octets")
        << QString(QStringLiteral("a@") + label63 + QStringLiteral(".com")) << true;
    QTest::newRow("254 octets") << QString(local64 + u'@' + domainStart + QStringLiteral(".com"))
                                << true;

    // Invalid.
    QTest::newRow("empty") << "" << false;
    QTest::newRow("no at sign") << "userexample.com" << false;
    QTest::newRow("empty local part") << "@example.com" << false;
    QTest::newRow("empty domain") << "user@" << false;
    QTest::newRow("two at signs") << "a@b@example.com" << false;
    QTest::newRow("domain without dot") << "user@localhost" << false;
    QTest::newRow("space inside") << "us er@example.com" << false;
    QTest::newRow("leading space") << " user@example.com" << false;
    QTest::newRow("trailing space") << "user@example.com " << false;
    QTest::newRow("tab") << "user\t@example.com" << false;
    QTest::newRow("CRLF header injection")
        << "user@example.com\r\nBcc: victim@example.org" << false;
    QTest::newRow("LF") << "user@example.com\n" << false;
    QTest::newRow("CR") << "user@exa\rmple.com" << false;
    QTest::newRow("NUL") << QString(QStringLiteral("user@exa") + QChar(0)
                                    + QStringLiteral("mple.com"))
                         << false;
    QTest::newRow("control character") << "us\x01"
                                          "er@example.com"
                                       << false;
    QTest::newRow("angle brackets") << "<user@example.com>" << false;
    QTest::newRow("comma-separated list") << "a@example.com,b@example.com" << false;
    QTest::newRow("comma in quoted local part") << "\"a,b\"@example.com" << false;
    QTest::newRow("space in quoted local part") << "\"a b\"@example.com" << false;
    QTest::newRow("empty quoted local part") << "\"\"@example.com" << false;
    QTest::newRow("unbalanced quote") << "\"abc@example.com" << false;
    QTest::newRow("quote inside dot-atom") << "ab\"c@example.com" << false;
    QTest::newRow("double dot in local part") << "a..b@example.com" << false;
    QTest::newRow("leading dot") << ".a@example.com" << false;
    QTest::newRow("trailing dot in local part") << "a.@example.com" << false;
    QTest::newRow("trailing dot in domain") << "a@example.com." << false;
    QTest::newRow("double dot in domain") << "a@example..com" << false;
    QTest::newRow("label starts with hyphen") << "a@-example.com" << false;
    QTest::newRow("label ends with hyphen") << "a@example-.com" << false;
    QTest::newRow("underscore in domain") << "a@ex_ample.com" << false;
    QTest::newRow("parentheses (comment)") << "a(comment)@example.com" << false;
    QTest::newRow("backslash outside quotes") << "a\\b@example.com" << false;
    QTest::newRow("numeric top-level label") << "a@192.0.2.1" << false;
    QTest::newRow("IPv4 literal out of range") << "a@[300.0.2.1]" << false;
    QTest::newRow("IPv4 literal too short") << "a@[192.0.2]" << false;
    QTest::newRow("bad IPv6 literal") << "a@[IPv6:zz::1]" << false;
    QTest::newRow("unclosed literal") << "a@[192.0.2.1" << false;
    QTest::newRow("local part of 65 octets")
        << QString(local64 + QStringLiteral("a@example.com")) << false;
    QTest::newRow("Chinese local part over 64 octets") // 22 characters, 3 octets each
        << QString(QString(22, QChar(0x738B)) + QStringLiteral("@example.com")) << false;
    QTest::newRow("label of 64 octets")
        << QString(QStringLiteral("a@") + label63 + QStringLiteral("b.com")) << false;
    QTest::newRow("255 octets") << QString(local64 + u'@' + domainStart + QStringLiteral("c.com"))
                                << false;
}

void TestEmailAddress::validity()
{
    QFETCH(QString, address);
    QFETCH(bool, isValid);
    QCOMPARE(isValidEmailAddress(address), isValid);
}

void TestEmailAddress::parseMailbox_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("isValid");
    QTest::addColumn<QString>("displayName");
    QTest::addColumn<QString>("address");

    QTest::newRow("name and address") << "Jane Doe <jane@example.org>" << true << "Jane Doe"
                                      << "jane@example.org";
    QTest::newRow("quoted name with comma")
        << "\"Doe, Jane\" <jane@example.org>" << true << "Doe, Jane"
        << "jane@example.org";
    QTest::newRow("quoted name with escapes")
        << R"("Say \"hi\" \\o/" <a@example.org>)" << true << R"(Say "hi" \o/)"
        << "a@example.org";
    QTest::newRow("quoted name with angle brackets")
        << "\"<weird>\" <a@example.org>" << true << "<weird>"
        << "a@example.org";
    QTest::newRow("bare address") << "jane@example.org" << true << ""
                                  << "jane@example.org";
    QTest::newRow("bare address with spaces around") << "  jane@example.org \t" << true << ""
                                                     << "jane@example.org";
    QTest::newRow("angle address only") << "<jane@example.org>" << true << ""
                                        << "jane@example.org";
    QTest::newRow("Chinese name") << "王芳 <wang.fang@example.com>" << true << "王芳"
                                  << "wang.fang@example.com";
    QTest::newRow("empty quoted name") << "\"\" <a@example.org>" << true << ""
                                       << "a@example.org";

    QTest::newRow("empty") << "" << false << ""
                           << "";
    QTest::newRow("only spaces") << "   " << false << ""
                                 << "";
    QTest::newRow("missing closing bracket") << "Jane <jane@example.org" << false << ""
                                             << "";
    QTest::newRow("missing opening bracket") << "Jane jane@example.org>" << false << ""
                                             << "";
    QTest::newRow("unbalanced quote") << "\"Jane <jane@example.org>" << false << ""
                                      << "";
    QTest::newRow("stray quote in name") << "Jane \"J <jane@example.org>" << false << ""
                                         << "";
    QTest::newRow("invalid address") << "Jane <not an address>" << false << ""
                                     << "";
    QTest::newRow("CRLF inside brackets")
        << "Jane <jane@example.org\r\nBcc: v@example.org>" << false << ""
        << "";
    QTest::newRow("two addresses") << "a@example.org, b@example.org" << false << ""
                                   << "";
    QTest::newRow("space inside brackets") << "Jane < jane@example.org>" << false << ""
                                           << "";
}

void TestEmailAddress::parseMailbox()
{
    QFETCH(QString, text);
    QFETCH(bool, isValid);
    QFETCH(QString, displayName);
    QFETCH(QString, address);

    const auto mailbox = Bulkmail::parseMailbox(text);
    QCOMPARE(mailbox.has_value(), isValid);
    if (!isValid) {
        QCOMPARE(mailbox.error().code, ErrorCode::InvalidAddress);
        QVERIFY(!mailbox.error().message.isEmpty());
        return;
    }
    QCOMPARE(mailbox->displayName, displayName);
    QCOMPARE(mailbox->address, address);
}

void TestEmailAddress::asciiDomain_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ASCII unchanged") << "User@Example.COM"
                                     << "User@Example.COM";
    QTest::newRow("IDN to A-label") << "user@bücher.example"
                                    << "user@xn--bcher-kva.example";
    QTest::newRow("Chinese domain, local part kept") << "用户@例子.测试"
                                                     << "用户@xn--fsqu00a.xn--0zwm56d";
    QTest::newRow("literal unchanged") << "a@[192.0.2.1]"
                                       << "a@[192.0.2.1]";
}

void TestEmailAddress::asciiDomain()
{
    QFETCH(QString, address);
    QFETCH(QString, expected);
    QCOMPARE(addressWithAsciiDomain(address), expected);
}

QTEST_GUILESS_MAIN(TestEmailAddress)
#include "tst_emailaddress.moc"
