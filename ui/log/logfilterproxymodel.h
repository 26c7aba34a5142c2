#pragma once

#include <QSortFilterProxyModel>

#include <spdlog/common.h>

namespace Bulkmail {

// Which log lines the panel shows: a minimum level, one connection (or all), and a text to find
// in the message, without case.
class LogFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogFilterProxyModel)

public:
    explicit LogFilterProxyModel(QObject *parent = nullptr);
    ~LogFilterProxyModel() override;

    void setMinimumLevel(spdlog::level::level_enum level);
    [[nodiscard]] spdlog::level::level_enum minimumLevel() const { return m_minimumLevel; }
    void setConnectionId(int connectionId); // 0: every line
    [[nodiscard]] int connectionId() const { return m_connectionId; }
    void setSearchText(const QString &text);
    [[nodiscard]] QString searchText() const { return m_searchText; }

protected:
    [[nodiscard]] bool filterAcceptsRow(int sourceRow,
                                        const QModelIndex &sourceParent) const override;

private:
    spdlog::level::level_enum m_minimumLevel = spdlog::level::trace;
    int m_connectionId = 0;
    QString m_searchText;
};

} // namespace Bulkmail
