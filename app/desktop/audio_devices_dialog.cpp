#include "desktop/audio_devices_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "desktop/app_settings.h"
#include "media/gst_setup.h"

namespace rudebot {

namespace {

void fill(QComboBox *box, const std::vector<AudioDevice> &devices, const QString &current)
{
    box->addItem(QObject::tr("Automatic (the system's, if there is one)"), QStringLiteral("auto"));
    box->addItem(QObject::tr("None"), QStringLiteral("none"));
    for (const AudioDevice &d : devices)
        box->addItem(d.label, d.description);
    int at = box->findData(current);
    if (at < 0) {
        box->addItem(current, current);
        at = box->count() - 1;
    }
    box->setCurrentIndex(at);
}

}  // namespace

AudioDevicesDialog::AudioDevicesDialog(const std::vector<AudioDevice> &inputs,
    const std::vector<AudioDevice> &outputs, const QString &microphone, const QString &speaker,
    QWidget *parent)
    : QDialog(parent), m_mic(new QComboBox(this)), m_speaker(new QComboBox(this))
{
    setWindowTitle(tr("Sound devices"));
    setObjectName(QStringLiteral("audioDevicesDialog"));
    fill(m_mic, inputs, microphone);
    fill(m_speaker, outputs, speaker);
    m_mic->setAccessibleName(tr("Microphone"));
    m_speaker->setAccessibleName(tr("Speaker"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Microphone:"), m_mic);
    form->addRow(tr("&Speaker:"), m_speaker);
    auto *note = new QLabel(
        tr("Echo cancellation and noise suppression are always on. A change takes effect on "
           "the next connection."),
        this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
}

QString AudioDevicesDialog::microphone() const
{
    return m_mic->currentData().toString();
}

QString AudioDevicesDialog::speaker() const
{
    return m_speaker->currentData().toString();
}

AudioDevicesDialog *openAudioDevicesDialog(AppSettings *settings, QWidget *parent)
{
    QString why;
    const bool media = initMedia(&why);  // without GStreamer: Automatic and None only
    auto *dialog = new AudioDevicesDialog(media ? audioInputs() : std::vector<AudioDevice>{},
        media ? audioOutputs() : std::vector<AudioDevice>{}, settings->microphone(),
        settings->speaker(), parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &QDialog::accepted, dialog, [dialog, settings] {
        settings->setMicrophone(dialog->microphone());
        settings->setSpeaker(dialog->speaker());
        settings->sync();
    });
    dialog->open();
    return dialog;
}

}  // namespace rudebot
