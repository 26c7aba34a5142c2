#pragma once

#include "campaign/campaign.h"
#include "common/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace Bulkmail {

// A recovery copy of a document that has unsaved changes, so that a crash or a power cut loses
// at most the last autosave interval of editing. Copies live in the application data directory
// (`recovery/`), one per document, written atomically; a clean save or close removes it.
struct RecoveryEntry
{
    QString copyPath;     // the recovery copy
    QString originalPath; // the campaign file it belongs to; empty for an untitled campaign
    QString name;         // the campaign's display name when it was saved
    QDateTime savedAt;
};

class RecoveryStore final
{
public:
    // `directory`: where copies live; defaults to <AppDataLocation>/recovery.
    explicit RecoveryStore(QString directory = {});

    [[nodiscard]] QString directory() const { return m_directory; }

    // Writes (or replaces) the copy for the document with this identity (see documentKey()).
    [[nodiscard]] Result<void> save(const QString &documentKey,
                                    const Campaign &campaign,
                                    const QString &displayName);
    void discard(const QString &documentKey);
    // Copies left behind by an earlier run, newest first.
    [[nodiscard]] QList<RecoveryEntry> pending() const;
    // Reads a copy back; the campaign keeps its original file path (empty when untitled).
    [[nodiscard]] Result<Campaign> load(const RecoveryEntry &entry) const;
    void discard(const RecoveryEntry &entry);

    // A stable key for a document: its file path, or a per-session id for an untitled one.
    [[nodiscard]] static QString documentKey(const QString &filePath, const QString &untitledId);

private:
    [[nodiscard]] QString copyPathFor(const QString &documentKey) const;

    QString m_directory;
};

} // namespace Bulkmail
