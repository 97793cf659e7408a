// The wizard's steps down its left side: done ones ticked, the current one highlighted.
// Passive: the wizard tells it the current step.
#pragma once
#include <QStringList>
#include <QWidget>

class QLabel;

namespace rudebot {

class StepList : public QWidget {
    Q_OBJECT
public:
    explicit StepList(const QStringList &steps, QWidget *parent = nullptr);

    int current() const { return m_current; }
    void setCurrent(int index);

private:
    QList<QLabel *> m_labels;
    QStringList m_steps;
    int m_current = -1;
};

}  // namespace rudebot
