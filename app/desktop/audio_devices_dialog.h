// Settings › Sound devices…: which microphone and speaker this computer uses, from the lists
// GStreamer's device monitor gives (audioInputs()/audioOutputs()), plus "Automatic" (the
// system's when it has a sound device) and "None". Passive: the caller saves the choice.
#pragma once
#include <QDialog>
#include <vector>

#include "media/audio_chain.h"

class QComboBox;

namespace rudebot {

class AppSettings;

class AudioDevicesDialog : public QDialog {
    Q_OBJECT
public:
    // choices as AppSettings keeps them ("auto", "none" or a description); one that is not in
    // the lists (a hand-written description) is offered as it is.
    AudioDevicesDialog(const std::vector<AudioDevice> &inputs,
        const std::vector<AudioDevice> &outputs, const QString &microphone,
        const QString &speaker, QWidget *parent = nullptr);

    QString microphone() const;
    QString speaker() const;
    QComboBox *microphoneBox() const { return m_mic; }
    QComboBox *speakerBox() const { return m_speaker; }

private:
    QComboBox *m_mic;
    QComboBox *m_speaker;
};

// Opens the dialog (window-modal, deleted on close) on this computer's devices and the saved
// choice, and saves what the user accepts into settings (not owned).
AudioDevicesDialog *openAudioDevicesDialog(AppSettings *settings, QWidget *parent);

}  // namespace rudebot
