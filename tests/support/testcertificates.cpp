#include "testcertificates.h"

#include <QDir>
#include <QFile>
#include <QtGlobal>

namespace Bulkmail::Test {

namespace {

QByteArray readCertificateFile(QStringView fileName)
{
    const QString path = testCertificatePath(fileName);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("Cannot read test certificate file %s: %s",
               qPrintable(path),
               qPrintable(file.errorString()));
    }
    return file.readAll();
}

QSslCertificate loadCertificate(QStringView fileName)
{
    const QSslCertificate certificate(readCertificateFile(fileName), QSsl::Pem);
    if (certificate.isNull()) {
        qFatal("Test certificate %s does not parse as PEM", qPrintable(fileName.toString()));
    }
    return certificate;
}

QSslKey loadKey(QStringView fileName)
{
    // generate.sh writes unencrypted PKCS#8 RSA keys ("BEGIN PRIVATE KEY").
    const QSslKey key(readCertificateFile(fileName), QSsl::Rsa, QSsl::Pem, QSsl::PrivateKey);
    if (key.isNull()) {
        qFatal("Test key %s does not parse as a PEM RSA private key",
               qPrintable(fileName.toString()));
    }
    return key;
}

} // namespace

QString testCertificatePath(QStringView fileName)
{
    return QDir::cleanPath(QStringLiteral(BULKMAIL_TEST_DATA_DIR "/certs/") + fileName);
}

QSslCertificate testCaCertificate()
{
    return loadCertificate(u"ca.pem");
}

QSslCertificate testServerCertificate()
{
    return loadCertificate(u"server.pem");
}

QSslKey testServerKey()
{
    return loadKey(u"server.key");
}

QSslCertificate selfSignedCertificate()
{
    return loadCertificate(u"selfsigned.pem");
}

QSslKey selfSignedKey()
{
    return loadKey(u"selfsigned.key");
}

} // namespace Bulkmail::Test
