// The office view's "Asking for control" box (issue 14), a passive widget: one row per remote
// asking, with Grant and Decline. It shows the asks it is given and emits the office's answer;
// OfficeWindow wires it to the station.
#pragma once
#include <QGroupBox>
#include <QList>

class QVBoxLayout;

namespace rudebot {

struct ControlAskRow {
    int clientId = 0;
    QString name;
    bool verified = false;  // the name is a paired person's, not what the client says
};

class ControlAsksPanel : public QGroupBox {
    Q_OBJECT
public:
    explicit ControlAsksPanel(QWidget *parent = nullptr);

signals:
    void answered(int clientId, bool grant);

public slots:
    void setAsks(const QList<ControlAskRow> &asks);  // hidden while nobody asks

private:
    QVBoxLayout *m_rows;
};

}  // namespace rudebot
