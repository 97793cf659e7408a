// A passive sound level meter: a bar from -60 dBFS (empty) to 0 dBFS (full), green, amber
// past -12 dBFS, red past -3. Off (a muted microphone, no session) draws it hatched grey, so
// a muted-but-working microphone still shows that it hears something.
#pragma once
#include <QWidget>

namespace rudebot {

class LevelMeter : public QWidget {
    Q_OBJECT
public:
    static constexpr double kFloorDb = -60;

    explicit LevelMeter(QWidget *parent = nullptr);

    double level() const { return m_db; }  // dBFS, clamped to [kFloorDb, 0]
    bool isOff() const { return m_off; }
    QSize sizeHint() const override { return {96, 14}; }
    QSize minimumSizeHint() const override { return {40, 8}; }

public slots:
    void setLevel(double dbfs);
    void setOff(bool off);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    double m_db = kFloorDb;
    bool m_off = false;
};

}  // namespace rudebot
