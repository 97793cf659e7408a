// Every rudebot_ui widget in one window, to look at (not a test, not installed).
//   ui_gallery [--dark] [--stalled] [--waiting] [--disabled] [--help-window]
// --dark: Fusion with a dark palette; --stalled: a frame 5 s old; --waiting: no frame yet;
// --disabled: as when the office has taken control; --help-window: also the shortcuts window.
#include "ui/presets_panel.h"
#include "ui/rig_dial.h"
#include "ui/shortcuts_help.h"
#include "ui/video_stats_panel.h"
#include "ui/video_view.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QLinearGradient>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QStyleFactory>
#include <QTimer>
#include <QVBoxLayout>

using namespace rudebot;

namespace {

// An office, roughly: wall, floor, a whiteboard, a desk and two people.
QImage officeImage(QSize size)
{
    QImage image(size, QImage::Format_RGB32);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    const double w = size.width(), h = size.height();
    QLinearGradient wall(0, 0, 0, h * 0.62);
    wall.setColorAt(0, QColor(0xd9, 0xd4, 0xc7));
    wall.setColorAt(1, QColor(0xb9, 0xb2, 0xa2));
    p.fillRect(QRectF(0, 0, w, h * 0.62), wall);
    QLinearGradient floor(0, h * 0.62, 0, h);
    floor.setColorAt(0, QColor(0x7a, 0x62, 0x4b));
    floor.setColorAt(1, QColor(0x4a, 0x3a, 0x2c));
    p.fillRect(QRectF(0, h * 0.62, w, h * 0.38), floor);
    p.fillRect(QRectF(w * 0.08, h * 0.14, w * 0.30, h * 0.30), QColor(0xf4, 0xf6, 0xf7));  // board
    p.setPen(QPen(QColor(0x2f, 0x6f, 0xb8), 4));
    p.drawLine(QPointF(w * 0.11, h * 0.22), QPointF(w * 0.24, h * 0.20));
    p.drawLine(QPointF(w * 0.11, h * 0.28), QPointF(w * 0.31, h * 0.27));
    p.setPen(Qt::NoPen);
    p.fillRect(QRectF(w * 0.45, h * 0.56, w * 0.44, h * 0.07), QColor(0x8c, 0x5a, 0x2b));  // desk
    p.fillRect(QRectF(w * 0.47, h * 0.63, w * 0.02, h * 0.25), QColor(0x5c, 0x3a, 0x1b));
    p.fillRect(QRectF(w * 0.85, h * 0.63, w * 0.02, h * 0.25), QColor(0x5c, 0x3a, 0x1b));
    auto person = [&](double x, QColor shirt) {
        p.setBrush(shirt);
        p.drawRoundedRect(QRectF(x - w * 0.05, h * 0.40, w * 0.10, h * 0.30), w * 0.03, w * 0.03);
        p.setBrush(QColor(0xe0, 0xb0, 0x8a));
        p.drawEllipse(QPointF(x, h * 0.33), w * 0.032, w * 0.032);
    };
    person(w * 0.58, QColor(0x2e, 0x7d, 0x5b));
    person(w * 0.76, QColor(0x9b, 0x3d, 0x5a));
    return image;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x3a, 0x3d, 0x41));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6a, 0xb0, 0xff));
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8d, 0x91));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x80, 0x83, 0x87));
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x55, 0x58, 0x5c));
    return p;
}

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    return label;
}

}  // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    app.setStyle(QStyleFactory::create("Fusion"));
    if (args.contains("--dark"))
        app.setPalette(darkPalette());

    QWidget window;
    window.setWindowTitle("Rudebot UI gallery");
    auto *video = new VideoView(&window);
    auto *dial = new RigDial(&window);
    auto *presets = new PresetsPanel(&window);
    auto *helpButton = new QPushButton("Keyboard shortcuts…", &window);

    auto *side = new QVBoxLayout;
    side->setSpacing(8);
    side->addWidget(heading("Direction", &window));
    side->addWidget(dial);
    side->addSpacing(8);
    side->addWidget(heading("Presets", &window));
    side->addWidget(presets);
    side->addStretch(1);
    side->addWidget(helpButton);
    auto *row = new QHBoxLayout(&window);
    row->setContentsMargins(12, 12, 12, 12);
    row->setSpacing(12);
    row->addWidget(video, 1);
    row->addLayout(side);
    dial->setFixedWidth(280);
    presets->setFixedWidth(280);

    dial->setLimits(-80, 80);
    dial->setTargetAngle(25);
    dial->setActualAngle(10);
    presets->setPresets({{"Desk", 20}, {"Whiteboard", -35}, {"Door", 70}, {"Kitchen corner", -78}});

    auto *help = new ShortcutsHelp(&window);
    QObject::connect(helpButton, &QPushButton::clicked, help, &QWidget::show);

    const QImage frame = officeImage({1280, 960});  // 4:3, so the bars show
    if (args.contains("--stalled")) {
        auto fakeNow = std::make_shared<qint64>(0);
        video->setClock([fakeNow] { return *fakeNow; });
        video->setFrame(frame);
        *fakeNow = 5300;
    } else if (!args.contains("--waiting")) {
        auto *feed = new QTimer(&window);
        QObject::connect(feed, &QTimer::timeout, video, [video, frame] { video->setFrame(frame); });
        feed->start(40);
        video->setFrame(frame);
    }
    video->setPlaceholderText("Connecting to the office camera at desk-cam.local…");
    if (args.contains("--disabled")) {
        video->setBanner("The office has taken control. You can watch; turning is paused.",
            VideoView::BannerKind::Warning);
        dial->setEnabled(false);
        presets->setEnabled(false);
    } else {
        video->setBanner("Connected to Rudebot in the office. Click a person to turn to them.",
            VideoView::BannerKind::Info);
    }

    window.resize(1180, 640);
    window.move(40, 40);
    window.show();
    window.activateWindow();
    dial->setFocus();  // shows the focus frame
    if (args.contains("--stats")) {
        // The statistics panel on a lossy link: what the loss cost the picture.
        auto *stats = new VideoStatsPanel(video);
        VideoPathStatistics s;
        s.path = VideoPathStatistics::Path::RealTime;
        s.route = QStringLiteral("direct");
        s.resolution = QSize(1280, 720);
        s.fps = 29.8;
        s.kbps = 2840;
        s.glassToGlassMs = 41;
        s.lossPercent = 2.1;
        s.unrepairedPercent = 0.1;
        stats->setStatistics(s);
        stats->move(12, 40);  // below the banner, as in the remote window
        stats->show();
    }
    if (args.contains("--help-window")) {
        help->move(820, 420);
        help->show();
    }
    // A click on the second person, as the user would, so the marker shows.
    QTimer::singleShot(300, video, [video] {
        const QPointF at = video->mapFromNormalized({0.76, 0.33});
        QMouseEvent press(QEvent::MouseButtonPress, at, video->mapToGlobal(at), Qt::LeftButton,
            Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(video, &press);
    });
    return app.exec();
}
