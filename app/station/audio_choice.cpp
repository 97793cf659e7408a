#include "station/audio_choice.h"

#include <gst/gst.h>

#include "media/gst_setup.h"

namespace rudebot {

namespace {

QString what(AudioRole role)
{
    return role == AudioRole::Microphone ? QStringLiteral("microphone")
                                         : QStringLiteral("speaker");
}

}  // namespace

std::optional<QString> resolveAudioChoice(const QString &choiceIn, AudioRole role,
    const std::vector<AudioDevice> &devices, QString *error)
{
    const QString choice = choiceIn.trimmed();
    if (choice.isEmpty() || choice == QLatin1String("none"))
        return QString();
    if (choice == QLatin1String("auto"))
        return devices.size() > 1 ? devices.front().description : QString();
    if (choice == QLatin1String("default") && !devices.empty())
        return devices.front().description;
    for (const AudioDevice &d : devices) {
        if (d.label.contains(choice, Qt::CaseInsensitive) || d.description == choice)
            return d.description;
    }
    GError *err = nullptr;
    // Parsed as the chain will parse it: a speaker's description may begin with caps.
    const QString bin0 = role == AudioRole::Speaker ? audio::speakerBin(choice) : choice;
    GstElement *bin = gst_parse_bin_from_description(bin0.toUtf8().constData(), TRUE, &err);
    if (bin) {
        gst_object_unref(gst_object_ref_sink(bin));
        if (!err)
            return choice;
    }
    QStringList known;
    for (const AudioDevice &d : devices)
        known << d.label;
    *error = QStringLiteral("no %1 named '%2', and it is not a GStreamer description (%3); "
                            "known: none, auto, default%4")
                 .arg(what(role), choice,
                     err ? QString::fromUtf8(err->message) : QStringLiteral("not usable"),
                     known.isEmpty() ? QString() : QStringLiteral(", ") + known.join(", "));
    if (err)
        g_error_free(err);
    return std::nullopt;
}

std::optional<QString> resolveAudioChoice(const QString &choice, AudioRole role, QString *error)
{
    const QString c = choice.trimmed();
    if (c.isEmpty() || c == QLatin1String("none"))
        return QString();  // no GStreamer needed to say "no sound"
    if (!initMedia(error))
        return std::nullopt;
    return resolveAudioChoice(
        c, role, role == AudioRole::Microphone ? audioInputs() : audioOutputs(), error);
}

}  // namespace rudebot
